"""Which triples an export shows: the whole graph, an entity's neighbourhood to a depth, or the result
of a CONSTRUCT query. Asserted facts only by default (graph:inferred left out); never the ontology graph
(its classes would tie every node of a type together)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol

import pyoxigraph as ox

from integrationsgraph.errors import UsageError
from integrationsgraph.iris import HTTP_SCHEMES, is_http_iri
from integrationsgraph.namespaces import BASE, sparql_prologue
from integrationsgraph.sparql.backends import QuerySyntaxError

ScopeKind = Literal["all", "entity", "construct"]
SCOPES: tuple[str, ...] = ("all", "entity", "construct")
MAX_DEPTH = 4
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
# Nodes that become attributes of the node they describe rather than nodes of their own: evidence, time,
# and ontology terms (a concept such as igc:chair would tie every chair holding together).
DETAIL_NAMESPACES = (*(f"{BASE}id/{kind}/" for kind in ("evidence", "instant", "interval")), f"{BASE}def")


class Result(Protocol):
    kind: str

    def triples(self) -> list[ox.Triple]: ...
    def rows(self) -> list[dict]: ...


class Querier(Protocol):
    """What an export needs from a store: the server's backend contract (`await backend.query(text)`)."""

    async def query(self, text: str, *, refuse_federation: bool = False) -> Result: ...


@dataclass(frozen=True)
class Scope:
    kind: ScopeKind = "all"
    entity: str | None = None
    depth: int = 1
    construct: str | None = None
    inferred: bool = False
    base: str = BASE

    def __post_init__(self) -> None:
        if self.kind not in SCOPES:
            raise UsageError(f"scope: {self.kind!r} is not one of {', '.join(SCOPES)}")
        if self.kind == "entity":
            if not self.entity or not self.entity.startswith(HTTP_SCHEMES):
                raise UsageError("scope entity needs an absolute http(s) IRI (--entity IRI)")
            if not is_http_iri(self.entity):
                raise UsageError(f"entity: {self.entity!r} is not a valid IRI")
            if not 1 <= self.depth <= MAX_DEPTH:
                raise UsageError(f"depth: {self.depth} is not between 1 and {MAX_DEPTH}")
        if self.kind == "construct" and not (self.construct or "").strip():
            raise UsageError("scope construct needs a CONSTRUCT query (--construct QUERY or @FILE)")

    def graph_filter(self) -> str:
        left_out = [f"<{self.base}graph/ontology>"] + (
            [] if self.inferred else [f"<{self.base}graph/inferred>"]
        )
        return f"FILTER(?g NOT IN ({', '.join(left_out)}))"


def _at_users_line(error: QuerySyntaxError, text: str) -> QuerySyntaxError:
    """The error located in the query as its author wrote it, without the PREFIX lines put before it."""
    prologue = sparql_prologue()
    added = prologue.count("\n")
    if not text.startswith(prologue) or error.line is None or error.line <= added:
        return error
    here, there = f"{error.line}:{error.column}", f"{error.line - added}:{error.column}"
    return QuerySyntaxError(str(error).replace(here, there, 1), error.line - added, error.column)


def is_detail(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> bool:
    return isinstance(term, ox.BlankNode) or (
        isinstance(term, ox.NamedNode) and term.value.startswith(DETAIL_NAMESPACES)
    )


async def _construct(backend: Querier, text: str, client_text: bool = False) -> list[ox.Triple]:
    # A client's CONSTRUCT is checked for SERVICE like any query sent to the endpoint.
    try:
        result = await backend.query(text, refuse_federation=client_text)
    except QuerySyntaxError as error:
        raise _at_users_line(error, text) from None
    if result.kind != "graph":
        raise UsageError("the scope query must be a CONSTRUCT (or DESCRIBE) query")
    return result.triples()


async def collect(backend: Querier, scope: Scope) -> list[ox.Triple]:
    """The triples in scope (duplicates across graphs folded)."""
    if scope.kind == "construct":
        return sorted(set(await _construct(backend, scope.construct or "", client_text=True)), key=str)
    if scope.kind == "all":
        text = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {scope.graph_filter()} }}"
        return sorted(set(await _construct(backend, text)), key=str)
    found: set[ox.Triple] = set()
    visited: set[str] = set()
    frontier = {scope.entity or ""}
    for _ in range(scope.depth):
        values = " ".join(f"<{iri}>" for iri in sorted(frontier))
        text = (
            "CONSTRUCT { ?s ?p ?o } WHERE { "
            f"{{ VALUES ?s {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} }} UNION "
            f"{{ VALUES ?o {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} }} {scope.graph_filter()} }}"
        )
        step = await _construct(backend, text)
        found.update(step)
        visited |= frontier
        frontier = set()
        for triple in step:
            if triple.predicate.value == RDF_TYPE:
                continue  # a class is no neighbour: it would pull in every member
            for term in (triple.subject, triple.object):
                if isinstance(term, ox.NamedNode) and not is_detail(term) and term.value not in visited:
                    frontier.add(term.value)
        if not frontier:
            break
    # Detail nodes (intervals, instants, evidence) reached in the last step keep their own triples out.
    return sorted(found, key=str)
