"""The SPARQL endpoint in process: each query form in each format, datasets, updates refused, errors."""

from __future__ import annotations

import csv
import io
import json
import logging
import xml.etree.ElementTree as ET

import pyoxigraph as ox
import pytest
from starlette.testclient import TestClient

from integrationsgraph.server.app import create_app
from integrationsgraph.settings import Settings
from integrationsgraph.sparql.backends import BackendUnavailable

SELECT = "PREFIX ex: <http://example.org/> SELECT ?person ?age WHERE { ?person a ex:Person OPTIONAL { ?person ex:age ?age } } ORDER BY ?person"  # noqa: E501
ASK = "ASK { <http://example.org/alice> <http://example.org/knows> <http://example.org/bob> }"
CONSTRUCT = "CONSTRUCT { ?s <http://example.org/name> ?o } WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?o }"  # noqa: E501
DESCRIBE = "DESCRIBE <http://example.org/bob>"
RESULTS_XML = "{http://www.w3.org/2005/sparql-results#}"


@pytest.fixture
def client(sample_app) -> TestClient:
    with TestClient(sample_app) as test_client:
        yield test_client


def get(client: TestClient, query: str, accept: str | None = None, **params):
    headers = {"Accept": accept} if accept else {}
    return client.get("/sparql", params={"query": query, **params}, headers=headers)


@pytest.mark.parametrize(
    ("accept", "content_type"),
    [
        (None, "application/sparql-results+json; charset=utf-8"),
        ("application/sparql-results+json", "application/sparql-results+json; charset=utf-8"),
        ("application/sparql-results+xml", "application/sparql-results+xml; charset=utf-8"),
        ("text/csv", "text/csv; charset=utf-8"),
        ("text/tab-separated-values", "text/tab-separated-values; charset=utf-8"),
        ("application/json", "application/json; charset=utf-8"),
    ],
)
def test_select_in_each_format(client, accept, content_type) -> None:
    response = get(client, SELECT, accept)
    assert response.status_code == 200
    assert response.headers["content-type"] == content_type
    assert "Accept" in response.headers["vary"]
    media_type = content_type.split(";")[0]
    if media_type == "text/csv":
        rows = list(csv.reader(io.StringIO(response.text)))
        assert rows == [["person", "age"], ["http://example.org/alice", "42"], ["http://example.org/bob", ""]]
        return
    results_format = {"application/json": ox.QueryResultsFormat.JSON}.get(media_type) or (
        ox.QueryResultsFormat.from_media_type(media_type)
    )
    solutions = ox.parse_query_results(response.content, format=results_format)
    rows = [(s["person"].value, s["age"].value if s["age"] else None) for s in solutions]
    assert rows == [("http://example.org/alice", "42"), ("http://example.org/bob", None)]


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        ("application/sparql-results+json", '"boolean":true'),
        ("application/sparql-results+xml", "<boolean>true</boolean>"),
        ("text/csv", "true"),
        ("text/tab-separated-values", "true"),
    ],
)
def test_ask_in_each_format(client, accept, expected) -> None:
    response = get(client, ASK, accept)
    assert response.status_code == 200
    assert response.headers["content-type"] == f"{accept}; charset=utf-8"
    assert expected in response.text.replace(" ", "")


@pytest.mark.parametrize("query", [CONSTRUCT, DESCRIBE], ids=["construct", "describe"])
@pytest.mark.parametrize(
    "accept",
    ["text/turtle", "application/n-triples", "application/rdf+xml", "application/ld+json",
     "application/trig", "application/n-quads"],
)  # fmt: skip
def test_graph_results_in_each_format(client, query, accept) -> None:
    response = get(client, query, accept)
    assert response.status_code == 200
    assert response.headers["content-type"] == f"{accept}; charset=utf-8"
    quads = list(ox.parse(response.content, format=ox.RdfFormat.from_media_type(accept)))
    if query == CONSTRUCT:
        assert {(q.subject.value, q.object.value) for q in quads} == {
            ("http://example.org/alice", "Alice"), ("http://example.org/bob", "Bob"),
            ("http://example.org/berlin", "Berlin"),
        }  # fmt: skip
    else:
        # The concise bounded description: Bob's three triples and the one of his blank-node address.
        assert {q.subject.value for q in quads if isinstance(q.subject, ox.NamedNode)} == {
            "http://example.org/bob"
        }
        assert len(quads) == 4
        assert any(q.object.value == "Berlin" and isinstance(q.subject, ox.BlankNode) for q in quads)


def test_graph_result_defaults_to_turtle(client) -> None:
    response = get(client, CONSTRUCT, "*/*")
    assert response.headers["content-type"] == "text/turtle; charset=utf-8"


@pytest.mark.parametrize(("query", "accept"), [(SELECT, "text/turtle"), (CONSTRUCT, "text/csv")])
def test_a_format_that_does_not_fit_the_query_form_is_406(client, query, accept) -> None:
    response = get(client, query, accept)
    assert response.status_code == 406
    error = response.json()["error"]
    assert error["status"] == 406
    assert accept not in error["available"]


def test_nothing_acceptable_is_406_before_running(client) -> None:
    response = get(client, "SELECT * {", "image/png")
    assert response.status_code == 406  # the query is not even parsed


def test_three_ways_to_send_a_query_agree(client) -> None:
    by_get = get(client, SELECT)
    by_form = client.post("/sparql", data={"query": SELECT})
    by_direct = client.post("/sparql", content=SELECT, headers={"Content-Type": "application/sparql-query"})
    by_alias = client.get("/query", params={"query": SELECT})
    assert by_get.json() == by_form.json() == by_direct.json() == by_alias.json()
    assert len(by_get.json()["results"]["bindings"]) == 2


def test_default_graph_is_the_union_of_the_named_graphs(client) -> None:
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    assert get(client, count).json()["results"]["bindings"][0]["n"]["value"] == "9"


def test_protocol_dataset_replaces_the_union(client) -> None:
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    places = get(client, count, **{"default-graph-uri": "http://example.org/graph/places"})
    assert places.json()["results"]["bindings"][0]["n"]["value"] == "1"
    graphs = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    named = get(client, graphs, **{"named-graph-uri": "http://example.org/graph/people"})
    assert [b["g"]["value"] for b in named.json()["results"]["bindings"]] == [
        "http://example.org/graph/people"
    ]


def test_relative_iris_resolve_against_the_endpoint(client) -> None:
    response = get(client, "SELECT (<thing> AS ?x) {}")
    assert response.json()["results"]["bindings"][0]["x"]["value"] == "http://testserver/thing"


def test_syntax_error_is_400_with_line_and_column(client) -> None:
    response = get(client, "SELECT *\nWHERE { ?s ?p }")
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/json"
    error = response.json()["error"]
    assert (error["status"], error["title"]) == (400, "Query syntax error")
    assert (error["line"], error["column"]) == (2, 16)
    assert "error at 2:16" in error["detail"]


def test_errors_are_an_html_page_for_browsers(client) -> None:
    response = get(client, "SELECT *\nWHERE { ?s ?p }", "text/html,application/xhtml+xml,*/*;q=0.8")
    assert response.status_code == 400
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert "<h1>400 Query syntax error</h1>" in response.text
    assert "error at 2:16" in response.text


@pytest.mark.parametrize(
    ("send", "status"),
    [
        ({"data": {"update": "INSERT DATA { <http://a> <http://b> <http://c> }"}}, 403),
        ({"content": "CLEAR ALL", "headers": {"Content-Type": "application/sparql-update"}}, 403),
        ({"data": {"update": "CLEAR XYZ"}}, 400),
        ({"content": "DROP GRAPH", "headers": {"Content-Type": "application/sparql-update"}}, 400),
    ],
    ids=["form-update", "direct-update", "malformed-form-update", "malformed-direct-update"],
)
def test_updates_are_refused(client, send, status) -> None:
    response = client.post("/sparql", **send)
    assert response.status_code == status
    error = response.json()["error"]
    if status == 403:
        assert "read-only" in error["detail"]
    else:
        assert error["title"] == "Update syntax error"
        assert "line" in error
    assert get(client, ASK).json()["boolean"] is True  # nothing changed


@pytest.mark.parametrize(
    ("send", "status"),
    [
        ({"content": "ASK {}", "headers": {"Content-Type": "text/plain"}}, 415),
        ({"content": "ASK {}"}, 415),
        (
            {"content": "ASK {}".encode("utf-16"), "headers": {"Content-Type": "application/sparql-query"}},
            400,
        ),
        (
            {"content": "ASK {}", "headers": {"Content-Type": "application/sparql-query; charset=latin-1"}},
            415,
        ),
        ({"data": {"query": ["ASK {}", "ASK {}"]}}, 400),
        ({"data": {"query": "ASK {}", "update": "CLEAR ALL"}}, 400),
    ],
    ids=["wrong-type", "no-type", "not-utf8", "other-charset", "two-queries", "query-and-update"],
)
def test_malformed_protocol_requests(client, send, status) -> None:
    response = client.post("/sparql", **send)
    assert response.status_code == status
    assert set(response.json()["error"]) >= {"status", "title", "detail"}


def test_other_methods_are_405_with_allow(client) -> None:
    response = client.put("/sparql", content="ASK {}")
    assert response.status_code == 405
    assert "POST" in response.headers["allow"]
    assert response.json()["error"]["title"] == "Method not allowed"


def test_unknown_path_is_404_in_the_error_shape(client) -> None:
    response = client.get("/no/such/thing")
    assert response.status_code == 404
    assert response.json() == {
        "error": {"status": 404, "title": "Not found", "detail": "No resource at /no/such/thing."}
    }


def test_health(client) -> None:
    assert client.get("/healthz").json()["status"] == "ok"


class FailingBackend:
    label = "a backend that fails"

    def __init__(self, error: Exception):
        self.error = error

    async def query(self, *args, **kwargs):
        raise self.error

    async def close(self) -> None:
        pass


def test_internal_failure_is_a_logged_500(caplog) -> None:
    app = create_app(Settings(), backend=FailingBackend(RuntimeError("disk on fire")))
    with TestClient(app, raise_server_exceptions=False) as client, caplog.at_level(logging.ERROR):
        response = get(client, ASK)
    assert response.status_code == 500
    error = response.json()["error"]
    assert error["title"] == "Internal server error"
    assert "disk on fire" not in error["detail"]  # internals stay in the log
    assert any("disk on fire" in str(record.exc_info[1]) for record in caplog.records if record.exc_info)


def test_unreachable_backend_is_502() -> None:
    app = create_app(Settings(), backend=FailingBackend(BackendUnavailable("connection refused")))
    with TestClient(app) as client:
        response = get(client, ASK)
    assert response.status_code == 502
    assert "connection refused" in response.json()["error"]["detail"]


def test_xml_results_are_well_formed(client) -> None:
    root = ET.fromstring(get(client, SELECT, "application/sparql-results+xml").content)
    assert [v.get("name") for v in root.iter(f"{RESULTS_XML}variable")] == ["person", "age"]
    assert json.loads(get(client, ASK).text) == {"head": {}, "boolean": True}


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { ?s ?p ?o FILTER EXISTS { SERVICE SILENT <http://10.0.0.1/> { ?s ?p ?o } } }",
        "SELECT * WHERE { \\u0053ERVICE <http://169.254.169.254/> { ?s ?p ?o } }",
        "select * where { service ?endpoint { ?s ?p ?o } }",
    ],
    ids=["plain", "nested-silent", "unicode-escaped", "variable-endpoint"],
)
def test_federated_queries_are_refused_before_running(client, query) -> None:
    response = get(client, query)
    assert response.status_code == 400
    assert response.json()["error"]["title"] == "Federated query refused"


def test_the_word_service_elsewhere_is_fine(client) -> None:
    query = 'SELECT ("service" AS ?word) (<http://example.org/service> AS ?iri) WHERE {}'
    response = get(client, query)
    assert response.status_code == 200
    assert response.json()["results"]["bindings"][0]["word"]["value"] == "service"


def test_a_graph_uri_that_is_no_iri_is_400(client) -> None:
    response = get(client, ASK, **{"default-graph-uri": "not an iri"})
    assert response.status_code == 400
    assert "default-graph-uri 'not an iri'" in response.json()["error"]["detail"]


def test_head_answers_like_get_without_a_body(client) -> None:
    response = client.head("/sparql", params={"query": ASK})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/sparql-results+json; charset=utf-8"
    assert response.content == b""
