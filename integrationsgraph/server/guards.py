"""Refusing federated queries (`SERVICE`) before they run.

pyoxigraph evaluates `SERVICE` clauses by making HTTP requests from the server, with no timeout and no
switch to turn that off; served to the public that lets anyone make the server fetch URLs in the
operator's network. So the endpoint refuses every query with a `SERVICE` clause, decided by parsing
(rdflib's SPARQL parser, which also expands `\\u` escapes), not by searching the text. Only a query
whose text, escapes expanded, contains the word "service" is parsed, so ordinary queries pay nothing.
"""

from __future__ import annotations

from pyparsing import ParseResults
from pyparsing.exceptions import ParseBaseException
from rdflib.plugins.sparql.parser import expandUnicodeEscapes, parseQuery
from rdflib.plugins.sparql.parserutils import CompValue

from integrationsgraph.server.errors import HTTPProblem


def _has_service(node) -> bool:
    if isinstance(node, CompValue):
        return node.name == "ServiceGraphPattern" or any(_has_service(value) for value in node.values())
    if isinstance(node, list | tuple | ParseResults):
        return any(_has_service(item) for item in node)
    return False


def refuse_federated_query(text: str) -> None:
    """Raise a 400 HTTPProblem when the query has a SERVICE clause (or may have one and cannot be read)."""
    try:
        expanded = expandUnicodeEscapes(text)
    except ValueError:
        expanded = text
    if "service" not in expanded.lower():
        return
    try:
        tree = parseQuery(text)
    except ParseBaseException:
        # rdflib's parser lacks some of Oxigraph's syntax; a query it cannot read that names SERVICE is
        # refused rather than risked.
        raise HTTPProblem(
            400, "Federated query refused",
            "The query mentions SERVICE and could not be checked; this endpoint does not run federated "
            "queries (SERVICE).",
        ) from None  # fmt: skip
    if _has_service(tree):
        raise HTTPProblem(
            400, "Federated query refused",
            "This endpoint does not run federated queries: remove the SERVICE clause.",
        )  # fmt: skip
