"""The SPARQL 1.1 Service Description (https://www.w3.org/TR/sparql11-service-description/).

Answered at the endpoint URL to RDF clients that send no query. It states only what is true: one
`sd:endpoint` (the public address, right behind a reverse proxy), SPARQL 1.1 Query, the result formats,
`sd:UnionDefaultGraph`, and the default dataset with every named graph and VoID triple counts.
"""

from __future__ import annotations

import pyoxigraph as ox
from starlette.requests import Request

from integrationsgraph.server.endpoint.results import GRAPH_OFFERS, RESULTS_OFFERS
from integrationsgraph.server.http.forwarding import site
from integrationsgraph.sparql.backends import Backend

SD = "http://www.w3.org/ns/sparql-service-description#"
VOID = "http://rdfs.org/ns/void#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
FORMATS = "http://www.w3.org/ns/formats/"
PREFIXES = {"sd": SD, "void": VOID, "formats": FORMATS}

_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")

GRAPH_SIZES_QUERY = "SELECT ?graph (COUNT(*) AS ?triples) WHERE { GRAPH ?graph { ?s ?p ?o } } GROUP BY ?graph"
DEFAULT_GRAPH_SIZE_QUERY = "SELECT (COUNT(*) AS ?triples) WHERE { ?s ?p ?o }"


def request_base_url(request: Request) -> str:
    """The site's base URL as the client sees it (proxy headers only from trusted proxies: forwarding.py)."""
    return site(request).base_url


async def dataset_statistics(backend: Backend) -> tuple[int, dict[str, int]]:
    """The default graph's triple count and each named graph's, asked of the backend itself."""
    sizes = await backend.query(GRAPH_SIZES_QUERY)
    named = {row["graph"].value: int(row["triples"].value) for row in sizes.rows() if "graph" in row}
    total = (await backend.query(DEFAULT_GRAPH_SIZE_QUERY)).rows()
    return int(total[0]["triples"].value), dict(sorted(named.items()))


def result_format_iris() -> list[str]:
    """The W3C format IRIs (http://www.w3.org/ns/formats/) of every result format the endpoint produces."""
    formats = {*RESULTS_OFFERS.values(), *GRAPH_OFFERS.values()}
    # pyoxigraph names JSON-LD by its spec's address; the formats namespace has its own IRI for it.
    return sorted(FORMATS + "JSON-LD" if fmt == ox.RdfFormat.JSON_LD else fmt.iri for fmt in formats)


def sd(name: str) -> ox.NamedNode:
    return ox.NamedNode(SD + name)


def description_triples(endpoint: str, default_size: int, named_sizes: dict[str, int]) -> list[ox.Triple]:
    """The Service Description as triples, for the endpoint at `endpoint`."""
    void_triples = ox.NamedNode(VOID + "triples")
    service, dataset, default_graph = ox.BlankNode(), ox.BlankNode(), ox.BlankNode()
    triples = [
        ox.Triple(service, RDF_TYPE, sd("Service")),
        ox.Triple(service, sd("endpoint"), ox.NamedNode(endpoint)),
        ox.Triple(service, sd("supportedLanguage"), sd("SPARQL11Query")),
        ox.Triple(service, sd("feature"), sd("UnionDefaultGraph")),
        *(ox.Triple(service, sd("resultFormat"), ox.NamedNode(iri)) for iri in result_format_iris()),
        ox.Triple(service, sd("defaultDataset"), dataset),
        ox.Triple(dataset, RDF_TYPE, sd("Dataset")),
        ox.Triple(dataset, sd("defaultGraph"), default_graph),
        ox.Triple(default_graph, RDF_TYPE, sd("Graph")),
        ox.Triple(default_graph, void_triples, ox.Literal(str(default_size), datatype=_INTEGER)),
    ]
    for name, size in named_sizes.items():
        named_graph, graph = ox.BlankNode(), ox.BlankNode()
        triples += [
            ox.Triple(dataset, sd("namedGraph"), named_graph),
            ox.Triple(named_graph, RDF_TYPE, sd("NamedGraph")),
            ox.Triple(named_graph, sd("name"), ox.NamedNode(name)),
            ox.Triple(named_graph, sd("graph"), graph),
            ox.Triple(graph, RDF_TYPE, sd("Graph")),
            ox.Triple(graph, void_triples, ox.Literal(str(size), datatype=_INTEGER)),
        ]
    return triples


def serialize_description(triples: list[ox.Triple], format: ox.RdfFormat) -> bytes:
    return ox.serialize(triples, format=format, prefixes=PREFIXES)
