"""Checking evidence against the source texts in ../shared: every span is where its selectors say,
with its prefix and suffix, and every source's ig:sha256 is the hash of its text."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from integrationsgraph.errors import Problem
from integrationsgraph.namespaces import sparql_prologue
from integrationsgraph.sources import SourceText, load_source

SOURCES_QUERY = (
    sparql_prologue()
    + """
SELECT ?graph ?source ?file ?sha256 WHERE {
    GRAPH ?graph { ?source a ig:Source ; ig:fileName ?file . OPTIONAL { ?source ig:sha256 ?sha256 } }
}"""
)

EVIDENCE_QUERY = (
    sparql_prologue()
    + """
SELECT ?graph ?evidence ?file ?exact ?prefix ?suffix ?start ?end WHERE {
    GRAPH ?graph {
        ?evidence oa:hasSource ?source ; oa:hasSelector ?quote , ?position .
        ?quote oa:exact ?exact .
        OPTIONAL { ?quote oa:prefix ?prefix }
        OPTIONAL { ?quote oa:suffix ?suffix }
        ?position oa:start ?start ; oa:end ?end .
    }
    ?source ig:fileName ?file .
}"""
)


def _value(row, name: str) -> str | None:
    term = row[name]
    return None if term is None else term.value


def _span_problem(text: SourceText, row) -> str | None:
    exact, prefix, suffix = _value(row, "exact"), _value(row, "prefix"), _value(row, "suffix")
    start, end = int(_value(row, "start")), int(_value(row, "end"))
    body = text.body
    if body[start:end] != exact:
        found = body.find(exact)
        hint = f"it occurs at {found}" if found >= 0 else "it does not occur in the text"
        return f"oa:exact {exact!r} is not at {start}..{end} ({hint})"
    if prefix is not None and body[max(0, start - len(prefix)) : start] != prefix:
        return f"oa:prefix {prefix!r} does not precede the span at {start}"
    if suffix is not None and body[end : end + len(suffix)] != suffix:
        return f"oa:suffix {suffix!r} does not follow the span at {end}"
    return None


def check_evidence(store: ox.Store, shared: Path, files: dict[str, str]) -> tuple[list[Problem], int]:
    """Problems with spans and hashes, and the number of evidence spans checked."""
    problems: list[Problem] = []

    def problem(row, focus: str, message: str) -> None:
        graph = _value(row, "graph")
        problems.append(Problem("evidence", message, file=files.get(graph, graph), focus=focus))

    for row in store.query(SOURCES_QUERY):
        text = load_source(_value(row, "file"), shared)
        if text is None:
            problem(row, _value(row, "source"), f"source file {_value(row, 'file')} is not under {shared}")
        elif _value(row, "sha256") not in (None, text.sha256):
            problem(row, _value(row, "source"), f"ig:sha256 differs from the text's ({text.sha256})")
    checked = 0
    for row in store.query(EVIDENCE_QUERY, use_default_graph_as_union=True):
        text = load_source(_value(row, "file"), shared)
        if text is None:
            continue  # reported once, above, for its source
        checked += 1
        message = _span_problem(text, row)
        if message:
            problem(row, _value(row, "evidence"), f"{_value(row, 'file')}: {message}")
    return problems, checked
