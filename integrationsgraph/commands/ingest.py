"""`integrationsgraph ingest FILE... [--out DIR] [--accept] [--data-dir DIR]`.

Reads German press releases or news items (plain text, or the header + `---` form of ../shared) and
writes for each a draft data file `<stem>.trig` (TriG in the ontology, one graph gsrc:<stem>) and a JSON
summary `<stem>.json` into --out (default build/ingest/), and `ingest-report.json` there listing every
document as drafted or failed (with the error). With --accept the draft also goes into
<data-dir>/sources/, never over an existing file. A document that fails is named on stderr; the others
are drafted all the same. Exit codes: 0 every document drafted, 1 a summary breaks its schema, 2 usage or
input error (unreadable or unrecognisable file, --accept would overwrite); with several failures the
higher code.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from integrationsgraph.ingest.batch import Failed, exit_code, ingest_files
from integrationsgraph.paths import BUILD_DIR, DATA_DIR


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE", help="text files to ingest")
    parser.add_argument(
        "--out", type=Path, default=BUILD_DIR / "ingest", metavar="DIR", help="default build/ingest/"
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=DATA_DIR,
        metavar="DIR",
        help="registry and --accept target (default data/)",
    )
    parser.add_argument("--accept", action="store_true", help="also write the draft into DATA_DIR/sources/")


def run(args: argparse.Namespace) -> int:
    outcomes = ingest_files(args.files, args.out, args.data_dir, args.accept)
    for outcome in outcomes:
        if isinstance(outcome, Failed):
            print(f"integrationsgraph ingest: error: {outcome.error}", file=sys.stderr)
            continue
        kinds = Counter(fact["kind"] for fact in outcome.facts)
        counts = ", ".join(f"{n} {kind}" for kind, n in sorted(kinds.items())) or "no facts"
        target = f"; accepted into {outcome.accepted}" if outcome.accepted else ""
        print(f"{outcome.stem}: {counts} -> {outcome.draft}, {outcome.summary}{target}")
    failed = sum(isinstance(outcome, Failed) for outcome in outcomes)
    if failed:
        print(f"{failed} of {len(outcomes)} document(s) failed; see {args.out / 'ingest-report.json'}",
              file=sys.stderr)  # fmt: skip
    return exit_code(outcomes)
