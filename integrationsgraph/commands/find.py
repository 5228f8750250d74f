"""`integrationsgraph find TEXT [--format table|json|csv] [--build-dir DIR]`: entities by label.

The entities found are answered as a query (`label_search.found_query`), through the same steps as any
other (`answers.py`).
"""

from __future__ import annotations

import argparse

from integrationsgraph.commands.answers import add_answer_options, answer_and_print
from integrationsgraph.queries.label_search import found_query
from integrationsgraph.store import open_store


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("text", metavar="TEXT", help="words of a label; case and umlaut spelling ignored")
    add_answer_options(parser)


def run(args: argparse.Namespace) -> int:
    return answer_and_print(args, found_query(open_store(args.build_dir), args.text))
