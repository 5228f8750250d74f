"""The result formats of each query form, the media types that name them, and choosing one by Accept.

Offers are listed in the server's order of preference (the first wins a tie or a missing Accept header).
Every response carries its exact media type with `charset=utf-8` (all formats here are UTF-8 text).
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from integrationsgraph.server.http.negotiation import negotiate
from integrationsgraph.server.http.problems import HTTPProblem
from integrationsgraph.sparql.backends import PreferredFormats, QueryResult

R, G = ox.QueryResultsFormat, ox.RdfFormat

# SELECT and ASK results. The aliases answer clients that only name the generic type.
RESULTS_OFFERS: dict[str, ox.QueryResultsFormat] = {
    "application/sparql-results+json": R.JSON,
    "application/sparql-results+xml": R.XML,
    "text/csv": R.CSV,
    "text/tab-separated-values": R.TSV,
    "application/json": R.JSON,
    "application/xml": R.XML,
    "text/xml": R.XML,
}

# CONSTRUCT and DESCRIBE results: a graph (TriG and N-Quads hold it as the default graph).
GRAPH_OFFERS: dict[str, ox.RdfFormat] = {
    "text/turtle": G.TURTLE,
    "application/n-triples": G.N_TRIPLES,
    "application/rdf+xml": G.RDF_XML,
    "application/ld+json": G.JSON_LD,
    "application/trig": G.TRIG,
    "application/n-quads": G.N_QUADS,
    "application/x-turtle": G.TURTLE,
    "text/plain": G.N_TRIPLES,
}

# The Service Description (an RDF graph about the service).
DESCRIPTION_OFFERS: dict[str, ox.RdfFormat] = {
    media_type: GRAPH_OFFERS[media_type]
    for media_type in ("text/turtle", "application/rdf+xml", "application/ld+json", "application/n-triples")
}


def with_charset(media_type: str) -> str:
    return f"{media_type}; charset=utf-8"


@dataclass(frozen=True)
class Negotiated:
    """The client's choice for each kind of result, decided before the query runs (None: nothing fits)."""

    results_media_type: str | None
    graph_media_type: str | None

    def preferred_formats(self) -> PreferredFormats:
        return PreferredFormats(
            results=RESULTS_OFFERS.get(self.results_media_type or "", R.JSON),
            graph=GRAPH_OFFERS.get(self.graph_media_type or "", G.N_TRIPLES),
        )

    def media_type_for(self, result: QueryResult) -> str:
        """The negotiated media type for this result's kind; raises a 406 when the client accepts none."""
        chosen = self.graph_media_type if result.kind == "graph" else self.results_media_type
        if chosen is None:
            raise not_acceptable(GRAPH_OFFERS if result.kind == "graph" else RESULTS_OFFERS)
        return chosen

    def format_for(self, result: QueryResult) -> ox.QueryResultsFormat | ox.RdfFormat:
        media_type = self.media_type_for(result)
        return GRAPH_OFFERS[media_type] if result.kind == "graph" else RESULTS_OFFERS[media_type]


def negotiate_query(accept: str | None) -> Negotiated:
    """Both choices for a query whose form is not yet known; a 406 when neither kind fits."""
    negotiated = Negotiated(negotiate(accept, list(RESULTS_OFFERS)), negotiate(accept, list(GRAPH_OFFERS)))
    if negotiated.results_media_type is None and negotiated.graph_media_type is None:
        raise not_acceptable({**RESULTS_OFFERS, **GRAPH_OFFERS})
    return negotiated


def not_acceptable(offers: dict) -> HTTPProblem:
    available = ", ".join(offers)
    return HTTPProblem(
        406, "Not acceptable", f"None of the accepted media types can be produced; available: {available}.",
        available=list(offers),
    )  # fmt: skip
