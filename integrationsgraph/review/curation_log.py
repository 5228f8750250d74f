"""The curation log (`data/curation-log.json`): for every save on the review page, how many of the facts
it opened with (drafted by the ingestion, or curated before) were kept as they were, corrected or
rejected, and how many facts the curator added by hand. Issue reports quote it; it is data, not a build
input."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from integrationsgraph.errors import InputError

LOG_NAME = "curation-log.json"


def read_log(data_dir: Path) -> dict:
    path = data_dir / LOG_NAME
    if not path.exists():
        return {"documents": {}}
    try:
        log = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise InputError(f"{path}: cannot read the curation log: {error}") from error
    if not isinstance(log, dict) or not isinstance(log.get("documents"), dict):
        raise InputError(f'{path}: the curation log must be an object with a "documents" object')
    return log


def logged(data_dir: Path, stem: str, opened_from: str, counts: dict[str, int | dict]) -> str:
    """The log's text with one more entry for `stem` (nothing is written here)."""
    log = read_log(data_dir)
    entry = {"saved": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"), "opened_from": opened_from, **counts}
    log["documents"].setdefault(stem, []).append(entry)
    log["documents"] = dict(sorted(log["documents"].items()))
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


DECISIONS = ("kept", "corrected", "rejected", "added")


def totals(entries: list[dict]) -> dict:
    """Totals over log entries: per decision, per opening (`drafted`/`curated` facts) and per kind of fact;
    `without_kinds` counts the entries saved before the log recorded kinds (their facts are in no kind)."""
    summed = dict.fromkeys(("drafted", "curated", *DECISIONS), 0)
    by_kind: dict[str, dict[str, int]] = {}
    without_kinds = 0
    for entry in entries:
        for name in summed:
            summed[name] += int(entry.get(name, 0))
        if "by_kind" not in entry:
            without_kinds += 1
        for kind, tally in entry.get("by_kind", {}).items():
            into = by_kind.setdefault(kind, {})
            for name, count in tally.items():
                into[name] = into.get(name, 0) + count
    return {**summed, "by_kind": dict(sorted(by_kind.items())), "without_kinds": without_kinds}
