"""Writing an answer for the command line: a table for people, or the SPARQL results the endpoint sends.

`json` and `csv` are pyoxigraph's serializations (SPARQL 1.1 JSON and CSV results; a graph as JSON-LD in
`json`, it has no CSV form), with the endpoint's note when a limit cut the answer (`sparql.answering`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

import pyoxigraph
from rich.console import Console
from rich.table import Table
from rich.text import Text

from integrationsgraph.errors import UsageError
from integrationsgraph.namespaces import PREFIXES
from integrationsgraph.sparql.answering import Answer, Cut, DataFormat
from integrationsgraph.sparql.backends import QueryResult, Term

R, G = pyoxigraph.QueryResultsFormat, pyoxigraph.RdfFormat
FORMATS = ("table", "json", "csv")
_TRIPLE_VARIABLES = ["subject", "predicate", "object"]

# Longest namespace first, so `gsrc:` wins over `graph:` for a source graph.
_NAMESPACES = sorted(((iri, prefix) for prefix, iri in PREFIXES.items()), key=lambda pair: -len(pair[0]))


def compact_iri(iri: str) -> str:
    """`body:intmk` for an IRI in one of our namespaces, else the IRI in angle brackets."""
    for namespace, prefix in _NAMESPACES:
        local = iri[len(namespace) :]
        if iri.startswith(namespace) and local and "/" not in local and "#" not in local:
            return f"{prefix}:{local}"
    return f"<{iri}>"


def format_chooser(output_format: str) -> Callable[[QueryResult], DataFormat]:
    """What an answer is serialized in for `output_format` (one of FORMATS); `UsageError` for another."""
    if output_format not in FORMATS:
        raise UsageError(f"unknown format {output_format!r}; formats: {', '.join(FORMATS)}")

    def choose(result: QueryResult) -> DataFormat:
        if result.kind != "graph":
            return R.CSV if output_format == "csv" else R.JSON
        if output_format == "csv":
            raise UsageError("a CONSTRUCT or DESCRIBE answer is a graph, which has no CSV form: use json")
        return G.JSON_LD if output_format == "json" else G.N_TRIPLES

    return choose


def _tabular(result: QueryResult) -> tuple[list[str], list[tuple[Term | None, ...]]]:
    if result.kind == "graph":
        return _TRIPLE_VARIABLES, [(t.subject, t.predicate, t.object) for t in result.triples()]
    return result.variables, result.tuples()


def _cell(term: Term | None) -> str:
    if term is None:
        return ""
    if isinstance(term, pyoxigraph.NamedNode):
        return compact_iri(term.value)
    if isinstance(term, pyoxigraph.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, pyoxigraph.Literal):
        return term.value
    return str(term)


def write_table(result: QueryResult, stream: TextIO, cut: Cut | None = None) -> None:
    """A table for people: IRIs compacted to our prefixes, literals as their text, a row count, and the
    note when a limit cut the answer."""
    # Piped output gets a wide console so IRIs are never wrapped mid-word.
    console = Console(file=stream, highlight=False, width=None if stream.isatty() else 100_000)
    if result.kind == "boolean":
        console.print("yes" if result.boolean else "no")
        return
    variables, rows = _tabular(result)
    table = Table(*variables, caption=f"{len(rows)} row{'' if len(rows) == 1 else 's'}")
    for row in rows:
        table.add_row(*(Text(_cell(term)) for term in row))
    console.print(table)
    if cut is not None:
        console.print(Text(cut.note))  # below the table: a caption would wrap it to the table's width


def write_answer(answered: Answer, output_format: str, stream: TextIO) -> None:
    """Write `answered` to `stream` as a table or as the body the endpoint would send."""
    if output_format == "table":
        write_table(answered.result, stream, answered.cut)
    else:
        text = answered.body.decode("utf-8")
        stream.write(text if text.endswith("\n") else text + "\n")
