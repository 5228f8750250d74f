"""Writing a `QueryOutcome` as a table (rich), SPARQL 1.1 JSON results, or SPARQL 1.1 CSV results.

SELECT and ASK follow the W3C result formats. Graph results (CONSTRUCT, DESCRIBE) have no W3C JSON or
CSV form, so they are written as the three variables `subject`, `predicate`, `object`.
"""

from __future__ import annotations

import csv
import io
import json
from typing import TextIO

import pyoxigraph
from rich.console import Console
from rich.table import Table
from rich.text import Text

from integrationsgraph.errors import UsageError
from integrationsgraph.namespaces import PREFIXES
from integrationsgraph.queries.execute import QueryOutcome, Term

FORMATS = ("table", "json", "csv")
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
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


def _tabular(outcome: QueryOutcome) -> tuple[list[str], list[tuple[Term | None, ...]]]:
    if outcome.kind == "graph":
        return _TRIPLE_VARIABLES, [(t.subject, t.predicate, t.object) for t in outcome.triples]
    return outcome.variables, outcome.rows


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


def _json_term(term: Term) -> dict:
    if isinstance(term, pyoxigraph.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, pyoxigraph.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, pyoxigraph.Literal):
        encoded = {"type": "literal", "value": term.value}
        if term.language:
            encoded["xml:lang"] = term.language
        elif term.datatype.value not in (XSD_STRING, RDF_LANG_STRING):
            encoded["datatype"] = term.datatype.value
        return encoded
    return {
        "type": "triple",
        "value": {"subject": _json_term(term.subject), "predicate": _json_term(term.predicate),
                  "object": _json_term(term.object)},
    }  # fmt: skip


def to_json(outcome: QueryOutcome) -> str:
    """SPARQL 1.1 Query Results JSON."""
    if outcome.kind == "ask":
        return json.dumps({"head": {}, "boolean": outcome.boolean}, ensure_ascii=False, indent=2)
    variables, rows = _tabular(outcome)
    bindings = [
        {name: _json_term(term) for name, term in zip(variables, row, strict=True) if term is not None}
        for row in rows
    ]
    document = {"head": {"vars": variables}, "results": {"bindings": bindings}}
    return json.dumps(document, ensure_ascii=False, indent=2)


def _csv_value(term: Term | None) -> str:
    if term is None:
        return ""
    if isinstance(term, pyoxigraph.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, pyoxigraph.Triple):
        return str(term)
    return term.value


def to_csv(outcome: QueryOutcome) -> str:
    """SPARQL 1.1 Query Results CSV (full IRIs, lexical values, CRLF line ends); ASK as `boolean`."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    if outcome.kind == "ask":
        writer.writerows([["boolean"], ["true" if outcome.boolean else "false"]])
        return buffer.getvalue()
    variables, rows = _tabular(outcome)
    writer.writerow(variables)
    writer.writerows([_csv_value(term) for term in row] for row in rows)
    return buffer.getvalue()


def write_table(outcome: QueryOutcome, stream: TextIO) -> None:
    """A table for people: IRIs compacted to our prefixes, literals as their text, a row count."""
    # Piped output gets a wide console so IRIs are never wrapped mid-word.
    console = Console(file=stream, highlight=False, width=None if stream.isatty() else 100_000)
    if outcome.kind == "ask":
        console.print("yes" if outcome.boolean else "no")
        return
    variables, rows = _tabular(outcome)
    table = Table(*variables, caption=f"{len(rows)} row{'' if len(rows) == 1 else 's'}")
    for row in rows:
        table.add_row(*(Text(_cell(term)) for term in row))
    console.print(table)


def write_outcome(outcome: QueryOutcome, output_format: str, stream: TextIO) -> None:
    """Write `outcome` to `stream` in `output_format` (one of FORMATS); `UsageError` for another."""
    if output_format == "table":
        write_table(outcome, stream)
    elif output_format == "json":
        stream.write(to_json(outcome) + "\n")
    elif output_format == "csv":
        stream.write(to_csv(outcome))
    else:
        raise UsageError(f"unknown format {output_format!r}; formats: {', '.join(FORMATS)}")
