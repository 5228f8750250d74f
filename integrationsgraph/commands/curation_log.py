"""`integrationsgraph curation-log [--folder NAME …] [--data-dir DIR] [--shared-dir DIR] [--json]`.

Prints the totals of `data/curation-log.json`: for the saves that opened a draft, how many drafted facts
were kept, corrected or rejected and how many were added by hand; the same for later saves of curated
files; each per kind of fact where the log recorded kinds. With `--folder` (a folder of ../shared such as
`corpus/federal-and-laender`) only that folder's documents count, and the documents the log lacks are
listed. Exit codes: 0 printed (every document of the folders logged), 1 a folder has documents the log
lacks, 2 usage or input error (unreadable log, unknown folder).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from integrationsgraph.errors import EXIT_NONCONFORMANT, UsageError
from integrationsgraph.paths import DATA_DIR, shared_dir
from integrationsgraph.review.curation_log import DECISIONS, read_log, totals


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--folder",
        action="append",
        default=[],
        metavar="NAME",
        help="count only this folder of ../shared (repeatable), e.g. corpus/federal-and-laender",
    )
    parser.add_argument("--data-dir", type=Path, default=DATA_DIR, metavar="DIR", help="default data/")
    parser.add_argument("--shared-dir", type=Path, metavar="DIR", help="the source texts (default ../shared)")
    parser.add_argument("--json", action="store_true", help="print the totals as JSON")


def folder_documents(shared: Path, folder: str) -> list[str]:
    """The stems of a folder's source texts (its README describes the folder and is no document)."""
    path = shared / folder
    if not path.is_dir():
        raise UsageError(f"{path}: no such folder of source texts (--folder)")
    return sorted(p.stem for p in path.glob("*.txt"))


def run(args: argparse.Namespace) -> int:
    log = read_log(args.data_dir)
    documents = log["documents"]
    stems = sorted(documents)
    missing: list[str] = []
    if args.folder:
        shared = args.shared_dir or shared_dir()
        stems = [stem for folder in args.folder for stem in folder_documents(shared, folder)]
        missing = [stem for stem in stems if stem not in documents]
    entries = [entry for stem in stems for entry in documents.get(stem, [])]
    report = {
        "documents": len(stems) - len(missing),
        "missing": missing,
        "from_draft": totals([e for e in entries if e.get("opened_from") == "draft"]),
        "later_saves": totals([e for e in entries if e.get("opened_from") != "draft"]),
    }
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        print(_text(report))
    return EXIT_NONCONFORMANT if missing else 0


def _text(report: dict) -> str:
    lines = [f"{report['documents']} documents logged"]
    for name, opened in (("from_draft", "drafted"), ("later_saves", "curated")):
        summed = report[name]
        heading = "saves of a draft" if opened == "drafted" else "later saves of curated files"
        counts = ", ".join(f"{decision} {summed[decision]}" for decision in DECISIONS)
        lines.append(f"\n{heading}: {opened} {summed[opened]}: {counts}")
        for kind, tally in summed["by_kind"].items():
            lines.append(f"  {kind:<16}" + "".join(f"{d} {tally.get(d, 0):<5}" for d in (opened, *DECISIONS)))
        if summed["without_kinds"]:
            lines.append(f"  ({summed['without_kinds']} saves made before the log recorded kinds of fact)")
    lines += [f"not logged: {stem}" for stem in report["missing"]]
    return "\n".join(lines)
