"""Saving a review: apply the decisions, write the TriG and the new entities' Turtle as text, check them
as the build would, and only then replace the files and add to the curation log."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

from integrationsgraph.review.candidate_check import check_candidate
from integrationsgraph.review.curation_log import LOG_NAME, logged
from integrationsgraph.review.editing import apply_review
from integrationsgraph.review.opening import parse_trig
from integrationsgraph.review.trig_writer import entities_turtle, source_trig
from integrationsgraph.review.vocabulary import ENTITY_FILES
from integrationsgraph.review.workspace import Workspace


@dataclass(frozen=True)
class Saved:
    written: list[Path]
    counts: dict[str, int | dict]


def entity_file_texts(workspace: Workspace, entities: dict[str, Graph]) -> dict[str, str]:
    """New content of `data/entities/reviewed-<kind>.ttl` for each kind that gets new entities."""
    texts = {}
    for kind, graph in sorted(entities.items()):
        name = f"reviewed-{ENTITY_FILES[kind]}.ttl"
        path = workspace.data_dir / "entities" / name
        merged = Graph()
        if path.exists():
            merged += parse_trig(path.read_bytes(), str(path))
        merged += graph
        heading = f"{ENTITY_FILES[kind].capitalize()} created on the review page (integrationsgraph review)."
        texts[name] = entities_turtle(merged, heading)
    return texts


def write_atomically(path: Path, text: str) -> None:
    """Replace `path` by `text` in one rename, so a reader (or a build) never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def save_review(workspace: Workspace, stem: str, payload: dict) -> Saved:
    """Write `data/sources/<stem>.trig`, new entities and the log entry; raises UsageError (a card or
    entity the page must fix) or DataNonConformant (the build's checks) before writing anything."""
    with workspace.lock:
        review = workspace.open(stem)
        outcome = apply_review(review, payload, workspace.refs(), workspace.labels())
        trig = source_trig(review.stem, outcome.graph, review.comments)
        entity_texts = entity_file_texts(workspace, outcome.entities)
        check_candidate(
            workspace.data_dir, workspace.ontology_dir, workspace.shared,
            stem=review.stem, trig=trig, entity_files=entity_texts,
        )  # fmt: skip
        log = logged(workspace.data_dir, review.stem, review.opened_from, outcome.counts)
        written = []
        for name, text in entity_texts.items():
            written.append(workspace.data_dir / "entities" / name)
            write_atomically(written[-1], text)
        written.append(workspace.data_dir / "sources" / f"{review.stem}.trig")
        write_atomically(written[-1], trig)
        written.append(workspace.data_dir / LOG_NAME)
        write_atomically(written[-1], log)
        if entity_texts:
            workspace.forget_registry()
        return Saved(written, outcome.counts)
