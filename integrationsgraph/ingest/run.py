"""Ingesting files into drafts: the library behind `integrationsgraph ingest`.

`ingest_files` reads each file, recognizes its facts, writes `<stem>.trig` (the draft) and `<stem>.json`
(the validated summary) into the output folder and, with `accept`, the draft into `<data>/sources/` as
well, refusing to overwrite a file that is there (a curated source is never replaced by a draft).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from integrationsgraph.errors import InputError, UsageError
from integrationsgraph.ingest.draft import draft_trig
from integrationsgraph.ingest.gazetteer import load_gazetteer
from integrationsgraph.ingest.linking import Registry, load_registry
from integrationsgraph.ingest.pipeline import Ingested, ingest_source
from integrationsgraph.ingest.reading import corpus_of, read_document
from integrationsgraph.ingest.summary import summarise, validate_summary
from integrationsgraph.paths import shared_dir

_STEM = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]*(?<!\.)$")


@dataclass(frozen=True)
class Written:
    stem: str
    draft: Path
    summary: Path
    accepted: Path | None
    facts: list[dict]


def ingest_paths(paths: list[Path], registry: Registry) -> list[Ingested]:
    """Ingest each file (no writing); InputError names a file that cannot be read."""
    gazetteer = load_gazetteer()
    shared = shared_dir()
    results = []
    for path in paths:
        stem = path.name.removesuffix(".txt")
        if not _STEM.match(stem):
            raise UsageError(
                f"{path}: a source's file name must be letters, digits, '_', '-' or '.' + '.txt'"
            )
        source = read_document(path)
        results.append(ingest_source(source, registry, gazetteer, corpus_of(path, shared)))
    return results


def ingest_files(paths: list[Path], out_dir: Path, data_dir: Path, accept: bool) -> list[Written]:
    if not paths:
        raise UsageError("no files to ingest")
    stems = [p.name.removesuffix(".txt") for p in paths]
    if len(set(stems)) != len(stems):
        raise UsageError("two files to ingest have the same name; each source needs its own stem")
    if accept:
        taken = [data_dir / "sources" / f"{stem}.trig" for stem in stems]
        existing = [str(path) for path in taken if path.exists()]
        if existing:
            raise UsageError(f"--accept refuses to overwrite: {', '.join(existing)} already exist(s)")
    entities = data_dir / "entities"
    if not entities.is_dir():
        raise InputError(f"{entities}: no registry folder (data/entities) to link entities against")
    results = ingest_paths(paths, load_registry(entities))
    written = []
    for result in results:
        summary = summarise(result)
        validate_summary(summary, f"{result.stem}.json")
        trig = draft_trig(result)
        out_dir.mkdir(parents=True, exist_ok=True)
        draft_path = out_dir / f"{result.stem}.trig"
        summary_path = out_dir / f"{result.stem}.json"
        draft_path.write_text(trig, encoding="utf-8")
        summary_path.write_text(json.dumps(summary, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        accepted = None
        if accept:
            accepted = data_dir / "sources" / f"{result.stem}.trig"
            accepted.parent.mkdir(parents=True, exist_ok=True)
            with accepted.open("x", encoding="utf-8") as handle:  # "x": never overwrite
                handle.write(trig)
        written.append(Written(result.stem, draft_path, summary_path, accepted, summary))
    return written
