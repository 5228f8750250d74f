"""`integrationsgraph sparql QUERY|@FILE [--format table|json|csv] [--build-dir DIR]`.

Our prefixes (ig:, body:, person:, ...) are predeclared, so a query may use them without PREFIX lines.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from integrationsgraph.errors import InputError
from integrationsgraph.namespaces import PREFIXES
from integrationsgraph.paths import BUILD_DIR
from integrationsgraph.queries.execute import run_query
from integrationsgraph.queries.formatting import FORMATS, write_outcome
from integrationsgraph.store import open_store


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("query", metavar="QUERY", help="SPARQL text, or @FILE to read it from a file")
    parser.add_argument("--format", "-f", choices=FORMATS, default="table", help="output format")
    parser.add_argument("--build-dir", default=BUILD_DIR, help="the build directory (default build/)")


def query_text(argument: str) -> str:
    """The query itself, or the contents of the file named after `@`; `InputError` if unreadable."""
    if not argument.startswith("@"):
        return argument
    path = Path(argument[1:])
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: cannot read the query: {error}") from None


def run(args: argparse.Namespace) -> int:
    text = query_text(args.query)
    outcome = run_query(open_store(args.build_dir), text, prefixes=PREFIXES)
    write_outcome(outcome, args.format, sys.stdout)
    return 0
