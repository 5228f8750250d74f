"""`integrationsgraph find TEXT [--format table|json|csv] [--build-dir DIR]`: entities by label."""

from __future__ import annotations

import argparse
import sys

from integrationsgraph.paths import BUILD_DIR
from integrationsgraph.queries.formatting import FORMATS, write_outcome
from integrationsgraph.queries.label_search import find_entities
from integrationsgraph.store import open_store


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("text", metavar="TEXT", help="words of a label; case and umlaut spelling ignored")
    parser.add_argument("--format", "-f", choices=FORMATS, default="table", help="output format")
    parser.add_argument("--build-dir", default=BUILD_DIR, help="the build directory (default build/)")


def run(args: argparse.Namespace) -> int:
    write_outcome(find_entities(open_store(args.build_dir), args.text), args.format, sys.stdout)
    return 0
