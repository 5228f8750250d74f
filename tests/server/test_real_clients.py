"""Real SPARQL clients against the real server on a free loopback port: SPARQLWrapper, rdflib, httpx."""

from __future__ import annotations

import csv
import io
import threading

import httpx
import pyoxigraph as ox
import pytest
import rdflib
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, POST, XML, SPARQLWrapper

from integrationsgraph.server.app import create_app
from integrationsgraph.settings import Settings
from integrationsgraph.sparql.backends import EmbeddedBackend

pytestmark = pytest.mark.slow

PEOPLE = "PREFIX ex: <http://example.org/> SELECT ?person WHERE { ?person a ex:Person } ORDER BY ?person"
EXPECTED_PEOPLE = ["http://example.org/alice", "http://example.org/bob"]


def wrapper(base_url: str, query: str, return_format: str) -> SPARQLWrapper:
    sparql = SPARQLWrapper(base_url + "/sparql")
    sparql.setQuery(query)
    sparql.setReturnFormat(return_format)
    return sparql


def test_sparqlwrapper_select_as_json(sample_server) -> None:
    results = wrapper(sample_server, PEOPLE, JSON).queryAndConvert()
    assert [row["person"]["value"] for row in results["results"]["bindings"]] == EXPECTED_PEOPLE


def test_sparqlwrapper_select_as_xml(sample_server) -> None:
    document = wrapper(sample_server, PEOPLE, XML).queryAndConvert()
    uris = [node.firstChild.data for node in document.getElementsByTagName("uri")]
    assert uris == EXPECTED_PEOPLE


def test_sparqlwrapper_select_as_csv_by_post(sample_server) -> None:
    sparql = wrapper(sample_server, PEOPLE, CSV)
    sparql.setMethod(POST)
    rows = list(csv.reader(io.StringIO(sparql.queryAndConvert().decode("utf-8"))))
    assert rows == [["person"], *([uri] for uri in EXPECTED_PEOPLE)]


def test_sparqlwrapper_ask(sample_server) -> None:
    ask = "ASK { <http://example.org/alice> <http://example.org/knows> <http://example.org/bob> }"
    assert wrapper(sample_server, ask, JSON).queryAndConvert()["boolean"] is True
    assert wrapper(sample_server, ask.replace("alice", "carol"), JSON).queryAndConvert()["boolean"] is False


# SPARQLWrapper 2.0 parses RDF into an rdflib ConjunctiveGraph, which rdflib 7 deprecates: not our warning.
@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
def test_sparqlwrapper_construct_into_rdflib(sample_server) -> None:
    construct = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <http://example.org/graph/people> { ?s ?p ?o } }"
    graph = wrapper(sample_server, construct, XML).queryAndConvert()  # RDF/XML, parsed by rdflib
    assert isinstance(graph, rdflib.Graph)
    assert len(graph) == 8
    assert rdflib.Literal("Alice", lang="en") in set(graph.objects())


def test_rdflib_sparqlstore(sample_server) -> None:
    store = SPARQLStore(sample_server + "/sparql", returnFormat="xml")
    graph = rdflib.Graph(store=store)
    rows = list(graph.query(PEOPLE))
    assert [str(row.person) for row in rows] == EXPECTED_PEOPLE
    ages = list(graph.query("SELECT ?age WHERE { ?s <http://example.org/age> ?age }"))
    assert [row.age.toPython() for row in ages] == [42]
    assert len(store) == 9  # SPARQLStore counts with a COUNT query over the default (union) graph


def test_raw_http_form_post_and_content_type(sample_server) -> None:
    response = httpx.post(
        sample_server + "/sparql",
        data={"query": PEOPLE},
        headers={"Accept": "text/tab-separated-values"},
    )
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/tab-separated-values; charset=utf-8"
    assert response.text.splitlines() == ["?person", *(f"<{uri}>" for uri in EXPECTED_PEOPLE)]


class BlockingStore:
    """A store whose query waits until released, to show the event loop keeps serving meanwhile."""

    def __init__(self):
        self.started = threading.Event()
        self.release = threading.Event()

    def query(self, *args, **kwargs):
        self.started.set()
        assert self.release.wait(timeout=30), "the test never released the query"
        return ox.Store().query("ASK {}")


def test_a_running_query_does_not_block_other_requests(start_server) -> None:
    store = BlockingStore()
    app = create_app(Settings(), backend=EmbeddedBackend(store))  # type: ignore[arg-type]
    with start_server(app) as base_url, httpx.Client(base_url=base_url, timeout=30) as client:
        outcome = {}
        worker = threading.Thread(target=lambda: outcome.update(slow=client.get("/sparql?query=ASK%7B%7D")))
        worker.start()
        assert store.started.wait(timeout=30)
        with httpx.Client(base_url=base_url, timeout=5) as other:
            assert other.get("/healthz").status_code == 200  # answered while the query still runs
        store.release.set()
        worker.join(timeout=30)
    assert outcome["slow"].json()["boolean"] is True
