"""`integrationsgraph ingest FILE... [--out DIR] [--accept] [--data-dir DIR]`.

Reads German press releases or news items (plain text, or the header + `---` form of ../shared) and
writes for each a draft data file `<stem>.trig` (TriG in the ontology, one graph gsrc:<stem>) and a JSON
summary `<stem>.json` into --out (default build/ingest/). With --accept the draft also goes into
<data-dir>/sources/, never over an existing file. Exit codes: 0 written, 1 a summary breaks its schema,
2 usage or input error (unreadable file, --accept would overwrite).
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from integrationsgraph.ingest.run import ingest_files
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
    for written in ingest_files(args.files, args.out, args.data_dir, args.accept):
        kinds = Counter(fact["kind"] for fact in written.facts)
        counts = ", ".join(f"{n} {kind}" for kind, n in sorted(kinds.items())) or "no facts"
        target = f"; accepted into {written.accepted}" if written.accepted else ""
        print(f"{written.stem}: {counts} -> {written.draft}, {written.summary}{target}")
    return 0
