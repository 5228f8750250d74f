"""`integrationsgraph sparql QUERY|@FILE [--format table|json|csv] [--build-dir DIR]`.

Our prefixes (ig:, body:, person:, ...) are predeclared, so a query may use them without PREFIX lines.
Answered as `/sparql` answers (`answers.py`).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from integrationsgraph.commands.answers import add_answer_options, answer_and_print
from integrationsgraph.errors import InputError
from integrationsgraph.namespaces import PREFIXES


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("query", metavar="QUERY", help="SPARQL text, or @FILE to read it from a file")
    add_answer_options(parser)


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
    return answer_and_print(args, text, prefixes=PREFIXES)
