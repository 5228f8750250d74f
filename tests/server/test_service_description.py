"""The Service Description at the endpoint URL, against the real server (the W3C SD tests and more).

W3C service-description tests covered: returns-rdf (every RDF format parses), has-endpoint-triple
(exactly one sd:endpoint, equal to the URL the client used), conforms-to-schema (the terms used are
those of the SD vocabulary, with the right types).
"""

from __future__ import annotations

import warnings

import httpx
import pytest
import rdflib
from rdflib.namespace import RDF

from integrationsgraph.server.app import create_app
from integrationsgraph.settings import Settings
from integrationsgraph.sparql.backends import EmbeddedBackend

SD = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
VOID = rdflib.Namespace("http://rdfs.org/ns/void#")
FORMATS = rdflib.Namespace("http://www.w3.org/ns/formats/")
RDFLIB_FORMATS = {
    "text/turtle": "turtle",
    "application/rdf+xml": "xml",
    "application/ld+json": "json-ld",
    "application/n-triples": "nt",
}
SD_TERMS = {
    SD.Service, SD.endpoint, SD.supportedLanguage, SD.SPARQL11Query, SD.feature, SD.UnionDefaultGraph,
    SD.resultFormat, SD.defaultDataset, SD.Dataset, SD.defaultGraph, SD.Graph, SD.namedGraph,
    SD.NamedGraph, SD.name, SD.graph,
}  # fmt: skip


def description(base_url: str, accept: str = "text/turtle", headers: dict | None = None) -> rdflib.Graph:
    response = httpx.get(base_url + "/sparql", headers={"Accept": accept, **(headers or {})})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == f"{accept}; charset=utf-8"
    with warnings.catch_warnings():
        # rdflib's JSON-LD parser builds a ConjunctiveGraph internally, which rdflib itself deprecates.
        warnings.filterwarnings("ignore", "ConjunctiveGraph is deprecated", DeprecationWarning)
        return rdflib.Graph().parse(data=response.content, format=RDFLIB_FORMATS[accept])


def endpoints(graph: rdflib.Graph) -> list[str]:
    return [str(endpoint) for endpoint in graph.objects(None, SD.endpoint)]


@pytest.mark.slow
@pytest.mark.parametrize("accept", list(RDFLIB_FORMATS))
def test_returns_rdf_with_exactly_one_matching_endpoint(sample_server, accept) -> None:
    graph = description(sample_server, accept)
    assert endpoints(graph) == [sample_server + "/sparql"]
    service = graph.value(predicate=SD.endpoint, object=rdflib.URIRef(sample_server + "/sparql"))
    assert (service, RDF.type, SD.Service) in graph


@pytest.mark.slow
def test_conforms_to_the_vocabulary_and_states_only_true_features(sample_server) -> None:
    graph = description(sample_server)
    used = {term for triple in graph for term in triple if str(term).startswith(str(SD))}
    assert used <= SD_TERMS, used - SD_TERMS
    service = next(graph.subjects(RDF.type, SD.Service))
    assert set(graph.objects(service, SD.feature)) == {SD.UnionDefaultGraph}
    assert (service, SD.feature, SD.BasicFederatedQuery) not in graph
    assert set(graph.objects(service, SD.supportedLanguage)) == {SD.SPARQL11Query}
    assert {
        FORMATS.SPARQL_Results_JSON,
        FORMATS.SPARQL_Results_CSV,
        FORMATS.Turtle,
        FORMATS["JSON-LD"],
    } <= set(graph.objects(service, SD.resultFormat))


@pytest.mark.slow
def test_lists_the_default_dataset_with_triple_counts(sample_server) -> None:
    graph = description(sample_server)
    dataset = graph.value(next(graph.subjects(RDF.type, SD.Service)), SD.defaultDataset)
    default_graph = graph.value(dataset, SD.defaultGraph)
    assert graph.value(default_graph, VOID.triples).toPython() == 9
    sizes = {
        str(graph.value(named, SD.name)): graph.value(graph.value(named, SD.graph), VOID.triples).toPython()
        for named in graph.objects(dataset, SD.namedGraph)
    }
    assert sizes == {"http://example.org/graph/people": 8, "http://example.org/graph/places": 1}


@pytest.mark.slow
@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        (
            {"X-Forwarded-Host": "data.example.org", "X-Forwarded-Proto": "https"},
            "https://data.example.org/sparql",
        ),
        (
            {"X-Forwarded-Host": "example.org", "X-Forwarded-Proto": "https", "X-Forwarded-Prefix": "/ig"},
            "https://example.org/ig/sparql",
        ),
        (
            {"Forwarded": 'for=192.0.2.1;proto=https;host="kg.example.net", for=10.0.0.1'},
            "https://kg.example.net/sparql",
        ),
    ],
    ids=["x-forwarded", "x-forwarded-prefix", "forwarded"],
)
def test_endpoint_is_right_behind_a_reverse_proxy(start_server, sample_app, headers, expected) -> None:
    settings = Settings.resolve({"trusted_proxies": "127.0.0.1"}, {})
    with start_server(create_app(settings, backend=sample_app.state.backend)) as base_url:
        assert endpoints(description(base_url, headers=headers)) == [expected]


@pytest.mark.slow
def test_public_url_setting_names_the_endpoint(start_server, sample_app) -> None:
    settings = Settings.resolve({"public_url": "https://graph.example.org/integration"}, {})
    app = create_app(settings, backend=sample_app.state.backend)
    with start_server(app) as base_url:
        graph = description(base_url, headers={"X-Forwarded-Host": "ignored.example"})
    assert endpoints(graph) == ["https://graph.example.org/integration/sparql"]


@pytest.mark.slow
def test_browsers_get_the_query_page_and_others_406(sample_server) -> None:
    page = httpx.get(sample_server + "/sparql", headers={"Accept": "text/html,*/*;q=0.8"})
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert "<form" in page.text or "<textarea" in page.text
    refused = httpx.get(sample_server + "/sparql", headers={"Accept": "image/png"})
    assert refused.status_code == 406
    assert refused.json()["error"]["status"] == 406


def test_counts_are_taken_once(sample_app) -> None:
    from starlette.testclient import TestClient  # noqa: PLC0415 (in-process check of the cache)

    calls = []
    backend = sample_app.state.backend
    original = backend.query

    async def counting_query(*args, **kwargs):
        calls.append(args[0])
        return await original(*args, **kwargs)

    backend.query = counting_query
    with TestClient(sample_app) as client:
        for _ in range(3):
            assert client.get("/sparql", headers={"Accept": "text/turtle"}).status_code == 200
    assert len(calls) == 2  # the named graphs' sizes and the default graph's, once


def test_an_empty_store_is_described(start_server) -> None:
    import pyoxigraph as ox  # noqa: PLC0415

    app = create_app(Settings(), backend=EmbeddedBackend(ox.Store()))
    with start_server(app) as base_url:
        graph = description(base_url)
    assert not list(graph.objects(None, SD.namedGraph))
    assert list(graph.objects(None, VOID.triples)) == [rdflib.Literal(0)]
