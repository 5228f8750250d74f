"""Evaluating the ingestion against the curated facts: per document and per fact kind, precision and recall.

Every data/sources/<stem>.trig whose text is under ../shared is ingested and its facts matched one to one
with the curated facts of that source (`curated.curated_facts`). Two facts match when they are of one kind
and body and
- chair tenure: the same holder (Land, or person where no Land is known), and start and end agree where
  both give one;
- meeting: their dates overlap, or (where one lacks dates) they have the same number, or (neither has date
  nor number) the same place or none;
- office holding: the same person, and starts agree where both give one (not the body: curators name the
  ministry where the text often names only the Land);
- body event: the same resulting body, and dates agree where both give one;
- plan adoption: the same plan, and dates agree where both give one.
Dates agree when the calendar ranges of their EDTF values overlap.

Texts are looked up in every folder of ../shared that holds documents (`press/` and each `corpus/*/`), so
a folder whose documents are curated is evaluated without code changes; totals are given per kind and per
folder. A document the ingestion fails on counts as one that found nothing, and is listed.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from integrationsgraph.ingest.batch import Failed, ingest_each
from integrationsgraph.ingest.curated import curated_facts, registry_store
from integrationsgraph.ingest.facts import KINDS
from integrationsgraph.ingest.linking import load_registry
from integrationsgraph.ingest.summary import summarise

_EDTF = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?[?~%]?$")


@dataclass
class Tally:
    predicted: int = 0
    curated: int = 0
    matched: int = 0

    def add(self, other: Tally) -> None:
        self.predicted += other.predicted
        self.curated += other.curated
        self.matched += other.matched

    @property
    def precision(self) -> float | None:
        return self.matched / self.predicted if self.predicted else None

    @property
    def recall(self) -> float | None:
        return self.matched / self.curated if self.curated else None

    def as_dict(self) -> dict:
        return {"predicted": self.predicted, "curated": self.curated, "matched": self.matched,
                "precision": self.precision, "recall": self.recall}  # fmt: skip


@dataclass
class Evaluation:
    documents: dict[str, dict[str, Tally]] = field(default_factory=dict)
    misses: dict[str, list[dict]] = field(default_factory=dict)  # per document: unmatched facts, both sides
    folders: dict[str, str] = field(default_factory=dict)  # per document: its folder under ../shared
    texts: dict[str, int] = field(default_factory=dict)  # per folder: how many texts it holds
    failed: dict[str, str] = field(default_factory=dict)  # per document the ingestion failed on: the error

    def totals(self, folder: str | None = None) -> dict[str, Tally]:
        """The tallies per kind over every document, or over the documents of one folder."""
        totals = {kind: Tally() for kind in KINDS}
        for stem, tallies in self.documents.items():
            if folder is not None and self.folders.get(stem) != folder:
                continue
            for kind, tally in tallies.items():
                totals[kind].add(tally)
        return totals

    def curated_in(self, folder: str) -> int:
        return sum(1 for stem in self.documents if self.folders.get(stem) == folder)

    def as_dict(self) -> dict:
        return {
            "totals": {kind: tally.as_dict() for kind, tally in self.totals().items()},
            "folders": {
                folder: {
                    "texts": count,
                    "curated": self.curated_in(folder),
                    "totals": {kind: tally.as_dict() for kind, tally in self.totals(folder).items()},
                }
                for folder, count in sorted(self.texts.items())
            },
            "failed": self.failed,
            "documents": {
                stem: {kind: tally.as_dict() for kind, tally in kinds.items()}
                for stem, kinds in sorted(self.documents.items())
            },
            "unmatched": self.misses,
        }


def date_range(edtf: str | None) -> tuple[date, date] | None:
    match = _EDTF.match(edtf or "")
    if not match:
        return None
    year = int(match[1])
    month = int(match[2]) if match[2] else None
    day = int(match[3]) if match[3] else None
    first = date(year, month or 1, day or 1)
    last_month = month or 12
    last = date(year, last_month, day or calendar.monthrange(year, last_month)[1])
    return first, last


def dates_agree(a: str | None, b: str | None) -> bool:
    first, second = date_range(a), date_range(b)
    if first is None or second is None:
        return True
    return first[0] <= second[1] and second[0] <= first[1]


def facts_match(predicted: dict, curated: dict) -> bool:
    kind = predicted["kind"]
    if kind != curated["kind"]:
        return False
    if kind == "plan_adoption":
        return predicted.get("plan") == curated.get("plan") and dates_agree(
            predicted["start"], curated["start"]
        )
    if kind == "office_holding":  # curators name the ministry, the text often only the Land: person decides
        return predicted["person"] == curated["person"] and dates_agree(predicted["start"], curated["start"])
    if predicted["body"] != curated["body"]:
        return False
    if kind == "chair_tenure":
        return (
            predicted["holder"] == curated["holder"]
            and dates_agree(predicted["start"], curated["start"])
            and dates_agree(predicted["end"], curated["end"])
        )
    if kind == "meeting":
        first, second = _span(predicted), _span(curated)
        if first and second:
            return first[0] <= second[1] and second[0] <= first[1]
        if predicted["ordinal"] or curated["ordinal"]:
            return predicted["ordinal"] == curated["ordinal"]
        return predicted["place"] == curated["place"]
    return dates_agree(predicted["start"], curated["start"])


def _span(fact: dict) -> tuple[date, date] | None:
    """The days a meeting covers: from its start's first day to its end's (or start's) last day."""
    start, end = date_range(fact["start"]), date_range(fact["end"] or fact["start"])
    return (start[0], end[1]) if start and end else None


def match_facts(predicted: list[dict], curated: list[dict]) -> tuple[list[tuple[dict, dict]], list, list]:
    """A one-to-one matching (greedy, in order): pairs, unmatched predicted, unmatched curated."""
    remaining = list(curated)
    pairs, extra = [], []
    for fact in predicted:
        partner = next((c for c in remaining if facts_match(fact, c)), None)
        if partner is None:
            extra.append(fact)
        else:
            remaining.remove(partner)
            pairs.append((fact, partner))
    return pairs, extra, remaining


def text_folders(shared: Path) -> dict[str, list[Path]]:
    """The folders of ../shared that hold documents (`press`, `corpus/<name>`), each with its texts."""
    candidates = [shared / "press", *sorted(p for p in (shared / "corpus").glob("*") if p.is_dir())]
    folders = {}
    for folder in candidates:
        texts = sorted(folder.glob("*.txt"))
        if texts:
            folders[folder.relative_to(shared).as_posix()] = texts
    return folders


def evaluate(data_dir: Path, shared: Path) -> Evaluation:
    registry_graph = registry_store(data_dir / "entities")
    registry = load_registry(data_dir / "entities")
    evaluation = Evaluation()
    located: dict[str, tuple[str, Path]] = {}
    for folder, texts in text_folders(shared).items():
        evaluation.texts[folder] = len(texts)
        for text in texts:
            located.setdefault(text.name.removesuffix(".txt"), (folder, text))
    trigs = [trig for trig in sorted((data_dir / "sources").glob("*.trig")) if trig.stem in located]
    outcomes = ingest_each([located[trig.stem][1] for trig in trigs], registry)
    for trig, outcome in zip(trigs, outcomes, strict=True):
        evaluation.folders[trig.stem] = located[trig.stem][0]
        if isinstance(outcome, Failed):
            evaluation.failed[trig.stem] = str(outcome.error)
            predicted = []
        else:
            predicted = summarise(outcome)
        curated = curated_facts(trig, registry_graph)
        tallies = {}
        for kind in KINDS:
            pairs, extra, missed = match_facts(
                [f for f in predicted if f["kind"] == kind], [f for f in curated if f["kind"] == kind]
            )
            tallies[kind] = Tally(len(pairs) + len(extra), len(pairs) + len(missed), len(pairs))
            unmatched = [{"side": "ingested", **_brief(f)} for f in extra]
            unmatched += [{"side": "curated", **_brief(f)} for f in missed]
            if unmatched:
                evaluation.misses.setdefault(trig.stem, []).extend(unmatched)
        evaluation.documents[trig.stem] = tallies
    return evaluation


def _brief(fact: dict) -> dict:
    keys = ("kind", "body", "holder", "person", "ordinal", "start", "end", "place", "status")
    return {key: fact.get(key) for key in keys}


def table(evaluation: Evaluation, folder: str | None = None) -> str:
    """The totals per kind (of all documents, or of one folder's) as a fixed-width table (P and R as
    fractions, '-' where undefined)."""
    lines = [f"{'kind':<16}{'ingested':>9}{'curated':>9}{'matched':>9}{'precision':>11}{'recall':>9}"]
    for kind, tally in evaluation.totals(folder).items():
        precision = "-" if tally.precision is None else f"{tally.precision:.2f}"
        recall = "-" if tally.recall is None else f"{tally.recall:.2f}"
        lines.append(
            f"{kind:<16}{tally.predicted:>9}{tally.curated:>9}{tally.matched:>9}{precision:>11}{recall:>9}"
        )
    return "\n".join(lines)


def document_table(evaluation: Evaluation) -> str:
    """Per document and kind: matched/ingested/curated (a dot where the document has neither)."""
    short = {"chair_tenure": "chair", "meeting": "meeting", "office_holding": "office", "body_event": "event",
             "plan_adoption": "plan"}  # fmt: skip
    width = max((len(stem) for stem in evaluation.documents), default=8)
    lines = [f"{'document':<{width}}" + "".join(f"{short[kind]:>10}" for kind in KINDS)]
    for stem, tallies in sorted(evaluation.documents.items()):
        cells = [
            f"{t.matched}/{t.predicted}/{t.curated}" if t.predicted or t.curated else "."
            for t in (tallies[kind] for kind in KINDS)
        ]
        lines.append(f"{stem:<{width}}" + "".join(f"{cell:>10}" for cell in cells))
    return "\n".join(lines)


def folder_tables(evaluation: Evaluation) -> str:
    """One table per folder of ../shared: its curated documents' totals, or that it has none yet."""
    parts = []
    for folder, count in sorted(evaluation.texts.items()):
        curated = evaluation.curated_in(folder)
        heading = f"{folder}: {count} texts, {curated} with curated facts"
        parts.append(heading + ("\n" + table(evaluation, folder) if curated else " (not evaluated)"))
    return "\n\n".join(parts)
