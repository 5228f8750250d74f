"""Refusing federation (`SERVICE` in queries and updates, `LOAD` in updates) before anything runs.

pyoxigraph evaluates `SERVICE` clauses by making HTTP requests from the server, with no timeout and no
switch to turn that off; served to the public that lets anyone make the server fetch URLs in the
operator's network. So the endpoint refuses every query with a `SERVICE` clause, decided by parsing, not
by searching the text: a `SERVICE` inside a string literal, an IRI, a comment, a variable name or a
prefixed name is not a clause and is let through.

The query is parsed with rdflib's SPARQL parser, which also expands `\\u` escapes. Where rdflib lacks some
of Oxigraph's syntax (`LATERAL`, triple terms) and cannot read a query, the query is split into SPARQL
tokens instead: `SERVICE` is a reserved word, so a query Oxigraph can run has a `SERVICE` keyword token
exactly when it has a `SERVICE` clause. Only a query whose text contains the letters "service" is
examined at all, so ordinary queries pay nothing.
"""

from __future__ import annotations

import re

from pyparsing import ParseResults
from pyparsing.exceptions import ParseBaseException
from rdflib.plugins.sparql.parser import expandUnicodeEscapes, parseQuery
from rdflib.plugins.sparql.parserutils import CompValue

from integrationsgraph.server.errors import HTTPProblem

TITLE = "Federated query refused"

# SPARQL tokens that can hide the letters "service" (grammar terminals of SPARQL 1.1, section 19.8),
# longest alternatives first. Everything else is a word, a variable, a prefixed name or punctuation.
_TOKENS = re.compile(
    r"""
      (?P<long_string>'''(?:[^'\\]|\\.|'(?!''))*(?:'''|$) | \"\"\"(?:[^"\\]|\\.|"(?!""))*(?:\"\"\"|$))
    | (?P<string>'(?:[^'\\\n\r]|\\.)*(?:'|$) | "(?:[^"\\\n\r]|\\.)*(?:"|$))
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<comment>\#[^\n\r]*)
    | (?P<variable>[?$][\w\u00b7\u0300-\u036f\u203f-\u2040]+)
    | (?P<prefixed_name>(?:[^\W\d_][\w.\-]*)?:[\w.\-:%\\]*)
    | (?P<word>[^\W\d]\w*)
    | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)


def has_service_keyword(text: str) -> bool:
    """Whether the text has a SERVICE keyword token (not inside a string, IRI, comment or name)."""
    return any(
        token.lastgroup == "word" and token.group().lower() == "service" for token in _TOKENS.finditer(text)
    )


def _has_node(node, names: frozenset[str]) -> bool:
    if isinstance(node, CompValue):
        return node.name in names or any(_has_node(value, names) for value in node.values())
    if isinstance(node, list | tuple | ParseResults):
        return any(_has_node(item, names) for item in node)
    return False


def _refusal(what: str) -> HTTPProblem:
    return HTTPProblem(
        400, TITLE,
        f"Federation is disabled on this endpoint: it does not run {what}, which would make the server "
        "fetch data from other addresses.",
    )  # fmt: skip


def might_name_service(text: str) -> bool:
    """A cheap pre-check: False means the query certainly has no SERVICE clause (no parse needed)."""
    return "service" in text.lower() or "\\u" in text or "\\U" in text


def refuse_federated_query(text: str) -> None:
    """Raise a 400 HTTPProblem when the query has a SERVICE clause."""
    try:
        expanded = expandUnicodeEscapes(text)
    except ValueError:
        expanded = text
    if "service" not in expanded.lower():
        return
    try:
        tree = parseQuery(text)
    except (ParseBaseException, RecursionError):  # RecursionError: nesting too deep for rdflib
        # Syntax rdflib does not know: decide on SPARQL tokens, of the text as written and as expanded.
        if has_service_keyword(text) or has_service_keyword(expanded):
            raise _refusal("SERVICE clauses") from None
        return
    if _has_node(tree, frozenset({"ServiceGraphPattern"})):
        raise _refusal("SERVICE clauses")


def refuse_remote_update(parsed_update) -> None:
    """Raise a 400 HTTPProblem when a parsed update (rdflib's `parseUpdate`) has LOAD or SERVICE."""
    if _has_node(parsed_update, frozenset({"Load"})):
        raise _refusal("LOAD")
    if _has_node(parsed_update, frozenset({"ServiceGraphPattern"})):
        raise _refusal("SERVICE clauses")
