"""`integrationsgraph evaluate-ingest [--json OUT] [--data-dir DIR] [--shared-dir DIR] [--documents]
[--details]`.

Ingests every source that has curated facts (data/sources/<stem>.trig with its text in ../shared/press
or any ../shared/corpus/* folder), compares per document and fact kind, and prints precision and recall
per kind, overall and per folder (with --documents the
counts per document, with --details every unmatched fact); --json writes the totals, the per-document
numbers and the unmatched facts. Exit codes: 0 evaluated, 2 usage or input error (no ../shared,
unreadable files).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from integrationsgraph.errors import UsageError
from integrationsgraph.ingest.evaluate import document_table, evaluate, folder_tables, table
from integrationsgraph.paths import DATA_DIR, shared_dir


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", type=Path, metavar="OUT", help="write the evaluation as JSON to OUT")
    parser.add_argument("--data-dir", type=Path, default=DATA_DIR, metavar="DIR", help="default data/")
    parser.add_argument("--shared-dir", type=Path, metavar="DIR", help="the source texts (default ../shared)")
    parser.add_argument(
        "--documents", action="store_true", help="also print matched/ingested/curated per document"
    )
    parser.add_argument("--details", action="store_true", help="also print every unmatched fact")


def run(args: argparse.Namespace) -> int:
    shared = args.shared_dir or shared_dir()
    if not shared.is_dir():
        raise UsageError(f"{shared}: no folder of source texts to evaluate on (--shared-dir)")
    if not (args.data_dir / "sources").is_dir():
        raise UsageError(f"{args.data_dir}: no sources/ folder of curated facts")
    evaluation = evaluate(args.data_dir, shared)
    print(f"{len(evaluation.documents)} documents with curated facts")
    print(table(evaluation))
    print("\n" + folder_tables(evaluation))
    for stem, error in sorted(evaluation.failed.items()):
        print(f"\n{stem}: the ingestion failed: {error}")
    if args.documents:
        print("\n" + document_table(evaluation))
    if args.details:
        for stem, misses in sorted(evaluation.misses.items()):
            print(f"\n{stem}")
            for miss in misses:
                print("  " + json.dumps(miss, ensure_ascii=False))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(evaluation.as_dict(), ensure_ascii=False, indent=2) + "\n", "utf-8")
    return 0
