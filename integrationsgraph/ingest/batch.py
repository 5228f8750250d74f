"""Ingesting files into drafts: the library behind `integrationsgraph ingest`.

`ingest_files` reads each file, recognizes its facts, writes `<stem>.trig` (the draft) and `<stem>.json`
(the validated summary) into the output folder and, with `accept`, the draft into `<data>/sources/` as
well, refusing to overwrite a file that is there (a curated source is never replaced by a draft).

One document never costs the batch: a file that cannot be read, or on which the recognizers fail, is a
`Failed` outcome with an error naming the file; the other documents are drafted all the same, and
`ingest-report.json` in the output folder lists every document as drafted or failed.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import jsonschema

from integrationsgraph.errors import (
    EXIT_OK,
    DataNonConformant,
    InputError,
    IntegrationsgraphError,
    Problem,
    UsageError,
)
from integrationsgraph.ingest.draft import draft_trig
from integrationsgraph.ingest.gazetteer import Gazetteer, load_gazetteer
from integrationsgraph.ingest.linking import Registry, load_registry
from integrationsgraph.ingest.reading import corpus_of, read_document
from integrationsgraph.ingest.recognition import Ingested, ingest_source
from integrationsgraph.ingest.summary import summarise, validate_summary
from integrationsgraph.paths import shared_dir

_STEM = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]*(?<!\.)$")
REPORT_NAME = "ingest-report.json"


@dataclass(frozen=True)
class Written:
    stem: str
    draft: Path
    summary: Path
    accepted: Path | None
    facts: list[dict]


@dataclass(frozen=True)
class Failed:
    """A document that got no draft: its file and the error (whose message names the file)."""

    path: Path
    error: IntegrationsgraphError

    @property
    def stem(self) -> str:
        return self.path.name.removesuffix(".txt")


def ingest_one(path: Path, registry: Registry, gazetteer: Gazetteer, shared: Path | None) -> Ingested:
    """Ingest one file (no writing); InputError names the file when it cannot be read or recognised."""
    stem = path.name.removesuffix(".txt")
    if not _STEM.match(stem):
        raise InputError(f"{path}: a source's file name must be letters, digits, '_', '-' or '.' + '.txt'")
    source = read_document(path)
    try:
        return ingest_source(source, registry, gazetteer, corpus_of(path, shared))
    except IntegrationsgraphError:
        raise
    except Exception as error:  # a recognizer's bug must not cost the other documents their drafts
        raise InputError(
            f"{path}: the ingestion failed on this document ({type(error).__name__}: {error}); "
            "no draft was written for it (this is a bug of the ingestion, please report it)"
        ) from error


def ingest_each(paths: list[Path], registry: Registry) -> list[Ingested | Failed]:
    """Ingest every file, in order: its result, or a `Failed` naming the file and what went wrong."""
    gazetteer = load_gazetteer()
    shared = shared_dir()
    outcomes: list[Ingested | Failed] = []
    for path in paths:
        try:
            outcomes.append(ingest_one(path, registry, gazetteer, shared))
        except IntegrationsgraphError as error:
            outcomes.append(Failed(path, error))
    return outcomes


def ingest_paths(paths: list[Path], registry: Registry) -> list[Ingested]:
    """Ingest each file (no writing); raises the error of the first file that fails."""
    outcomes = ingest_each(paths, registry)
    failed = next((outcome for outcome in outcomes if isinstance(outcome, Failed)), None)
    if failed is not None:
        raise failed.error
    return [outcome for outcome in outcomes if isinstance(outcome, Ingested)]


def ingest_files(paths: list[Path], out_dir: Path, data_dir: Path, accept: bool) -> list[Written | Failed]:
    """Draft every file; returns per file what was written or why not, and writes the batch report."""
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
    outcomes: list[Written | Failed] = []
    for path, outcome in zip(paths, ingest_each(paths, load_registry(entities)), strict=True):
        if isinstance(outcome, Failed):
            outcomes.append(outcome)
            continue
        try:
            outcomes.append(_write(outcome, out_dir, data_dir, accept))
        except DataNonConformant as error:
            outcomes.append(Failed(path, error))
    out_dir.mkdir(parents=True, exist_ok=True)
    report = batch_report(paths, outcomes)
    validate_report(report)
    (out_dir / REPORT_NAME).write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", "utf-8")
    return outcomes


def _write(result: Ingested, out_dir: Path, data_dir: Path, accept: bool) -> Written:
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
    return Written(result.stem, draft_path, summary_path, accepted, summary)


def exit_code(outcomes: list[Written | Failed]) -> int:
    """0 when every document was drafted, else the gravest failure's code (2 input, 1 schema)."""
    return max((o.error.exit_code for o in outcomes if isinstance(o, Failed)), default=EXIT_OK)


def batch_report(paths: list[Path], outcomes: list[Written | Failed]) -> dict:
    documents = []
    for path, outcome in zip(paths, outcomes, strict=True):
        entry = {"file": str(path), "stem": outcome.stem}
        if isinstance(outcome, Failed):
            entry.update(status="failed", error=str(outcome.error), exit_code=outcome.error.exit_code)
        else:
            entry.update(status="drafted", facts=len(outcome.facts), draft=outcome.draft.name,
                         summary=outcome.summary.name)  # fmt: skip
        documents.append(entry)
    failed = sum(entry["status"] == "failed" for entry in documents)
    return {"drafted": len(documents) - failed, "failed": failed, "documents": documents}


@cache
def _report_validator() -> jsonschema.Draft202012Validator:
    text = resources.files(__package__).joinpath("report.schema.json").read_text(encoding="utf-8")
    schema = json.loads(text)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def validate_report(report: dict) -> None:
    error = jsonschema.exceptions.best_match(_report_validator().iter_errors(report))
    if error is not None:
        path = "/".join(str(part) for part in error.absolute_path)
        raise DataNonConformant([Problem("report-schema", error.message, file=REPORT_NAME, path=path)])
