"""`integrationsgraph query NAME --param key=value ... [--format table|json|csv] [--build-dir DIR]`.

`integrationsgraph query --list` prints every named query with its summary and parameters. A query is
answered as `/queries/NAME` answers it (`answers.py`); `--param date=` is no value, as `?date=` is.
"""

from __future__ import annotations

import argparse

from integrationsgraph.commands.answers import add_answer_options, answer_and_print
from integrationsgraph.errors import UsageError
from integrationsgraph.paths import QUERIES_DIR
from integrationsgraph.queries.catalog import NamedQuery, get_query, load_catalog


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("name", metavar="NAME", nargs="?", help="the named query (see --list)")
    parser.add_argument(
        "--param", "-p", action="append", default=[], metavar="KEY=VALUE", help="a parameter (repeatable)"
    )
    add_answer_options(parser)
    parser.add_argument("--queries-dir", default=QUERIES_DIR, help=argparse.SUPPRESS)
    parser.add_argument("--list", action="store_true", help="list the named queries and their parameters")


def parse_parameters(pairs: list[str]) -> dict[str, str]:
    """`["body=body:intmk", ...]` as a dict; `UsageError` for a pair without `=` or a key given twice."""
    values: dict[str, str] = {}
    for pair in pairs:
        key, separator, value = pair.partition("=")
        key = key.strip()
        if not separator or not key:
            raise UsageError(f"--param {pair!r}: write KEY=VALUE")
        if key in values:
            raise UsageError(f"--param {key} given twice")
        values[key] = value
    return values


def describe(query: NamedQuery) -> str:
    """A few lines about one query: name, summary, each parameter with type and example."""
    lines = [f"{query.name}: {query.summary}"]
    for parameter in query.parameters:
        optional = ", optional" if parameter.optional else ""
        example = f" (e.g. {parameter.example})" if parameter.example else ""
        lines.append(
            f"    --param {parameter.name}=<{parameter.type}{optional}>  {parameter.description}{example}"
        )
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    catalog = load_catalog(args.queries_dir)
    if args.list:
        print("\n".join(describe(query) for query in catalog.values()))
        return 0
    if args.name is None:
        raise UsageError("name a query, or use --list to see them")
    query = get_query(catalog, args.name)
    text = query.bind(parse_parameters(args.param))
    return answer_and_print(args, text)
