"""`integrationsgraph export --format graphml|gexf|dot|cytoscape [--scope all | --scope entity IRI --depth N |
--scope construct QUERY|@FILE] [--lang de|en] [--inferred] [-o FILE] [--build-dir DIR]`.

Writes the graph (asserted facts only, unless --inferred) for yEd, Cytoscape, Gephi (with the time
intervals of holdings and meetings) or Graphviz. Our prefixes are predeclared for a CONSTRUCT scope.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import anyio

from integrationsgraph.commands.sparql import query_text
from integrationsgraph.errors import InputError, UsageError
from integrationsgraph.exports.exporting import LANGUAGES, export
from integrationsgraph.exports.scope import Scope
from integrationsgraph.exports.writers import FORMATS
from integrationsgraph.namespaces import sparql_prologue
from integrationsgraph.paths import BUILD_DIR
from integrationsgraph.sparql.backends import EmbeddedBackend
from integrationsgraph.store import open_store


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", "-f", choices=FORMATS, required=True, help="the file format")
    parser.add_argument(
        "--scope",
        nargs="+",
        default=["all"],
        metavar="KIND [ARG]",
        help="all (default) | entity IRI | construct QUERY (text or @FILE)",
    )
    parser.add_argument(
        "--depth", type=int, default=1, help="steps from the entity (scope entity; default 1)"
    )
    parser.add_argument("--lang", choices=LANGUAGES, default="de", help="label language (default de)")
    parser.add_argument("--inferred", action="store_true", help="include the inferred facts")
    parser.add_argument("--output", "-o", metavar="FILE", help="write to FILE (default: standard output)")
    parser.add_argument("--build-dir", default=BUILD_DIR, help="the build directory (default build/)")


def scope_from(args: argparse.Namespace) -> Scope:
    kind, *rest = args.scope
    if kind == "all" and not rest:
        return Scope("all", inferred=args.inferred)
    if kind == "entity" and len(rest) == 1:
        return Scope("entity", entity=rest[0], depth=args.depth, inferred=args.inferred)
    if kind == "construct" and len(rest) == 1:
        return Scope("construct", construct=sparql_prologue() + query_text(rest[0]), inferred=args.inferred)
    raise UsageError("--scope takes: all | entity IRI | construct QUERY")


def run(args: argparse.Namespace) -> int:
    scope = scope_from(args)
    backend = EmbeddedBackend(open_store(args.build_dir), "build", max_threads=1)
    data = anyio.run(export, backend, scope, args.format, args.lang)
    if args.output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return 0
    try:
        Path(args.output).write_bytes(data)
    except OSError as error:
        raise InputError(f"{args.output}: cannot write the export: {error}") from None
    return 0
