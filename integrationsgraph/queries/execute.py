"""Running SPARQL against a pyoxigraph store, with the union of the named graphs as default graph."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import pyoxigraph

from integrationsgraph.errors import QueryError

Term = pyoxigraph.NamedNode | pyoxigraph.BlankNode | pyoxigraph.Literal | pyoxigraph.Triple


@dataclass(frozen=True)
class QueryOutcome:
    """What a query answered: `kind` is "select" (variables, rows), "ask" (boolean) or "graph" (triples).

    Rows are tuples in the order of `variables`, `None` where a variable is unbound.
    """

    kind: str
    variables: list[str] = field(default_factory=list)
    rows: list[tuple[Term | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[pyoxigraph.Triple] = field(default_factory=list)


def _syntax_error(text: str, message: str) -> QueryError:
    """The parser's message, followed by the offending line when the message locates one."""
    prefix, _, rest = message.partition("error at ")
    line_number = rest.split(":", 1)[0]
    lines = text.splitlines()
    if not prefix and line_number.isdigit() and 0 < int(line_number) <= len(lines):
        return QueryError(f"SPARQL syntax {message}\n  {line_number} | {lines[int(line_number) - 1]}")
    return QueryError(f"SPARQL syntax error: {message}")


def run_query(
    store: pyoxigraph.Store, text: str, *, prefixes: Mapping[str, str] | None = None
) -> QueryOutcome:
    """Evaluate a SPARQL query; the default graph is the union of all named graphs.

    `prefixes` are declared before parsing, as if the query began with them. Raises `QueryError`
    quoting pyoxigraph's message (with line and column) for a syntax error, and for a failure while
    evaluating (pyoxigraph reports those as `OSError`).
    """
    try:
        result = store.query(text, use_default_graph_as_union=True, prefixes=dict(prefixes or {}))
        if isinstance(result, pyoxigraph.QueryBoolean):
            return QueryOutcome("ask", boolean=bool(result))
        if isinstance(result, pyoxigraph.QuerySolutions):
            variables = [variable.value for variable in result.variables]
            rows = [tuple(solution[index] for index in range(len(variables))) for solution in result]
            return QueryOutcome("select", variables=variables, rows=rows)
        return QueryOutcome("graph", triples=list(result))
    except SyntaxError as error:
        raise _syntax_error(text, str(error)) from None
    except OSError as error:
        raise QueryError(f"query evaluation failed: {error}") from None
