"""report.json: what a release holds and how long each stage took (timings make it vary per run)."""

from __future__ import annotations

import json
import platform
import time
from collections import Counter
from pathlib import Path

from integrationsgraph.pipeline.inputs import tool_versions

REPORT_NAME = "report.json"


def graph_counts(quads) -> dict[str, int]:
    counts = Counter(quad.graph_name.value for quad in quads)
    return dict(sorted(counts.items()))


def write_report(release: Path, report: dict) -> None:
    (release / REPORT_NAME).write_text(json.dumps(report, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def read_report(release: Path) -> dict:
    return json.loads((release / REPORT_NAME).read_text(encoding="utf-8"))


def python_version() -> str:
    return platform.python_version()


def summarize(digest: str, quads: list, inferred_graph: str, **details) -> dict:
    """The report of a release: its input hash, counts per graph, asserted and inferred triples, and
    the `details` the stages give (checks, evidence, rules, dumps, seconds per stage)."""
    counts = graph_counts(quads)
    inferred = counts.get(inferred_graph, 0)
    return {
        "input_hash": digest,
        "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "graphs": counts,
        "triples": {"total": len(quads), "asserted": len(quads) - inferred, "inferred": inferred},
        "tools": {**tool_versions(), "python": python_version()},
        **details,
    }
