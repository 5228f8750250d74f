"""Build checks: queries/<name>-violation.rq are SPARQL SELECTs over the built store; each row is a
problem. A row's `?focus` names the node, `?graph` the source graph (reported as its file), `?message`
the text; any other variables are appended to the message."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from integrationsgraph.errors import Problem
from integrationsgraph.pipeline.sparqlfiles import SparqlFile, read_sparql_file, run_sparql_file

SPECIAL = ("focus", "graph", "message")


def load_checks(paths: tuple[Path, ...]) -> list[SparqlFile]:
    return [read_sparql_file(path, "check") for path in paths]


def _text(term) -> str:
    return term.value if isinstance(term, ox.NamedNode | ox.Literal) else str(term)


def _problem(check: SparqlFile, row: ox.QuerySolution, variables: list[str], files: dict) -> Problem:
    values = {name: row[name] for name in variables if row[name] is not None}
    graph = values.get("graph")
    extra = ", ".join(f"{name}={_text(value)}" for name, value in values.items() if name not in SPECIAL)
    message = _text(values["message"]) if "message" in values else check.summary
    return Problem(
        check=check.name,
        message=f"{message} ({extra})" if extra else message,
        file=files.get(graph.value, graph.value) if graph is not None else None,
        focus=_text(values["focus"]) if "focus" in values else None,
    )


def run_checks(store: ox.Store, checks: list[SparqlFile], files: dict[str, str]) -> list[Problem]:
    """Every row of every check as a Problem; `files` maps a graph IRI to its file for messages."""
    problems = []
    for check in checks:
        result = run_sparql_file(
            store, check, ox.QuerySolutions, "a violation check must be a SPARQL SELECT query"
        )
        variables = [v.value for v in result.variables]
        problems.extend(_problem(check, row, variables, files) for row in result)
    return problems
