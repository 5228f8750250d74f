"""The `integrationsgraph` command: one subcommand per module in `integrationsgraph.commands`.

Each command module defines `HELP` (one line), `configure(parser)` and `run(args) -> int`. Modules are
imported only when their command runs, so `integrationsgraph --help` stays fast.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from integrationsgraph.errors import EXIT_USAGE, IntegrationsgraphError

COMMANDS: dict[str, str] = {
    "build": "Parse, validate, reason, check and store the graph into build/.",
    "query": "Run a named query from queries/ with parameters.",
    "sparql": "Run a SPARQL query (text or @file) against the built store.",
    "find": "List entities whose labels match a text.",
    "serve": "Serve the graph over HTTP (building it first when there is none).",
    "push": "Load the build into a SPARQL 1.1 Graph Store (a larger triple store).",
    "evidence": "Curators' helper: print the evidence selectors of a span in a source text.",
    "export": "Export the graph for yEd, Cytoscape, Gephi or Graphviz (GraphML, GEXF, Cytoscape.js, DOT).",
    "ingest": "Draft data files (TriG + JSON summary) from German press texts.",
    "evaluate-ingest": "Compare the ingestion with the curated facts: precision and recall per kind.",
    "review": "Serve the review page on 127.0.0.1: turn a document's drafted facts into curated data.",
    "curation-log": "Totals of the curation log: drafted facts kept, corrected, rejected; facts added.",
}


def _command_module(name: str):
    return importlib.import_module(f"integrationsgraph.commands.{name.replace('-', '_')}")


def build_parser(argv: list[str]) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="integrationsgraph", description=__doc__.splitlines()[0])
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    requested = next((arg for arg in argv if not arg.startswith("-")), None)
    for name, summary in COMMANDS.items():
        sub = subparsers.add_parser(name, help=summary, description=summary)
        if name == requested:
            _command_module(name).configure(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser(argv)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # argparse exits 2 on usage errors, 0 on --help
        return int(exit_.code or 0)
    try:
        return _command_module(args.command).run(args)
    except IntegrationsgraphError as error:
        print(f"integrationsgraph {args.command}: error: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return EXIT_USAGE
