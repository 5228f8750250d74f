"""`--sparql-backend URL` and `push URL` against real engines on free loopback ports: `oxigraph serve` and
Virtuoso Open Source 7 (the backend contract tests run on both; the push command's modes on each)."""

from __future__ import annotations

import re
import socket
from collections.abc import Iterator

import httpx
import pyoxigraph as ox
import pytest
from starlette.testclient import TestClient

from integrationsgraph.cli import main
from integrationsgraph.graph_store import authenticating_client, push_store
from integrationsgraph.server.app import create_app
from integrationsgraph.settings import Settings
from integrationsgraph.sparql.backends import BackendUnavailable, EmbeddedBackend
from integrationsgraph.sparql.remote_backend import RemoteBackend
from tests.remote_stores import VIRTUOSO_PASSWORD, VIRTUOSO_USER, running_virtuoso

pytestmark = pytest.mark.slow

JSON, TTL = "application/sparql-results+json", "text/turtle"
SAMPLE_SIZES = {"http://example.org/graph/people": 8, "http://example.org/graph/places": 1}
SELECT = "SELECT ?s ?o WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?o } ORDER BY ?s ?o"
QUERIES = [
    (SELECT, "application/sparql-results+json"),
    (SELECT, "application/sparql-results+xml"),
    (SELECT, "text/csv"),
    (SELECT, "text/tab-separated-values"),
    ("ASK { GRAPH <http://example.org/graph/places> { ?s ?p ?o } }", "application/sparql-results+json"),
    ("ASK { <http://example.org/nobody> ?p ?o }", "application/sparql-results+xml"),
    ("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <http://example.org/graph/people> { ?s ?p ?o } }", "text/turtle"),
    ("CONSTRUCT WHERE { ?s <http://example.org/knows> ?o }", "application/ld+json"),
    ("CONSTRUCT WHERE { ?s <http://example.org/knows> ?o }", "application/n-quads"),
    ("DESCRIBE <http://example.org/alice>", "application/n-triples"),
]


@pytest.fixture(scope="module", params=["oxigraph serve", "virtuoso"])
def remote_with_sample(request, start_oxigraph, tmp_path_factory, make_sample_store) -> Iterator[str]:
    """The query URL of a running engine holding the sample graphs, loaded by `push`: `oxigraph serve
    --union-default-graph`, or Virtuoso through its Graph Store with login."""
    if request.param == "oxigraph serve":
        with start_oxigraph(tmp_path_factory.mktemp("oxigraph"), "--union-default-graph") as base_url:
            assert push_store(make_sample_store(), base_url + "/store") == SAMPLE_SIZES
            yield base_url + "/query"
        return
    with (
        running_virtuoso(tmp_path_factory.mktemp("virtuoso")) as base_url,
        authenticating_client(VIRTUOSO_USER, VIRTUOSO_PASSWORD) as client,
    ):
        graph_store = base_url + "/sparql-graph-crud-auth"
        assert push_store(make_sample_store(), graph_store, client=client) == SAMPLE_SIZES
        yield base_url + "/sparql"


@pytest.fixture(scope="module")
def remote_client(remote_with_sample) -> Iterator[TestClient]:
    app = create_app(Settings.resolve({"sparql_backend": remote_with_sample}, {}))
    assert isinstance(app.state.backend, RemoteBackend)
    with TestClient(app) as client:
        yield client


@pytest.fixture(scope="module")
def embedded_client(make_sample_store) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(), backend=EmbeddedBackend(make_sample_store()))) as client:
        yield client


def _answer(client: TestClient, query: str, accept: str) -> tuple[str, object]:
    response = client.post("/sparql", data={"query": query}, headers={"Accept": accept})
    assert response.status_code == 200, response.text
    content_type = response.headers["content-type"]
    results_format = ox.QueryResultsFormat.from_media_type(accept)
    if accept == "text/csv":
        return content_type, sorted(response.text.splitlines())
    if results_format is not None:
        parsed = ox.parse_query_results(response.content, format=results_format)
        if isinstance(parsed, ox.QueryBoolean):
            return content_type, bool(parsed)
        return content_type, [tuple(solution) for solution in parsed]
    quads = ox.parse(response.content, format=ox.RdfFormat.from_media_type(accept))
    # Blank-node labels differ between stores; compare the graphs with blank nodes collapsed.
    return content_type, sorted(
        tuple("_:b" if isinstance(term, ox.BlankNode) else str(term) for term in quad.triple)
        for quad in quads
    )


@pytest.mark.parametrize(("query", "accept"), QUERIES)
def test_remote_backend_answers_like_the_embedded_store(
    remote_client, embedded_client, query, accept
) -> None:
    remote = _answer(remote_client, query, accept)
    assert remote == _answer(embedded_client, query, accept)
    assert remote[0] == f"{accept}; charset=utf-8"


def test_remote_answers_are_cut_at_the_row_limit_and_say_so(remote_with_sample) -> None:
    settings = Settings.resolve({"sparql_backend": remote_with_sample, "max_result_rows": 3}, {})
    everything = "SELECT * WHERE { ?s ?p ?o }"
    with TestClient(create_app(settings)) as client:

        def ask(query: str, accept: str):
            return client.post("/sparql", data={"query": query}, headers={"Accept": accept})

        response = ask(everything, JSON)
        assert response.headers["X-Result-Truncated"] == "true"
        assert response.headers["X-Result-Row-Limit"] == "3"
        assert response.json()["truncated"] is True
        assert len(response.json()["results"]["bindings"]) == 3
        graph = ask("CONSTRUCT WHERE { ?s ?p ?o }", TTL)
        assert graph.headers["X-Result-Truncated"] == "true"
        assert graph.text.startswith("# truncated")
        assert len(list(ox.parse(graph.content, format=ox.RdfFormat.TURTLE))) == 3
        assert ask(everything, "text/csv").status_code == 413
        within = ask(everything + " LIMIT 3", JSON)
        assert "X-Result-Truncated" not in within.headers
        assert len(within.json()["results"]["bindings"]) == 3


def test_remote_backend_passes_the_protocol_dataset(remote_client) -> None:
    response = remote_client.get(
        "/sparql",
        params={
            "query": "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }",
            "default-graph-uri": "http://example.org/graph/places",
        },
    )
    assert response.json()["results"]["bindings"][0]["n"]["value"] == "1"


def test_remote_syntax_error_is_a_400_with_position(remote_client) -> None:
    response = remote_client.get("/sparql", params={"query": "SELECT * WHERE {"})
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["title"] == "Query syntax error"
    assert error["line"] == 1


@pytest.mark.parametrize(
    "query",
    [
        "PREFIX ex: <http://e/> SELECT * { BIND(ex:a\\# AS ?x) LATERAL { SERVICE <http://127.0.0.1:1/> {} }}",
        "SELECT * WHERE { \\u0053ERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }",
    ],
)
def test_the_guard_refuses_federation_before_forwarding(remote_client, query) -> None:
    """No sandbox of ours surrounds the remote store: the guard is what keeps SERVICE from it."""
    response = remote_client.get("/sparql", params={"query": query})
    assert response.status_code == 400
    assert response.json()["error"]["title"] == "Federated query refused"


def test_remote_service_description_lists_the_graphs(remote_client) -> None:
    response = remote_client.get("/sparql", headers={"Accept": "application/n-triples"})
    assert response.status_code == 200
    triples = list(ox.parse(response.content, format=ox.RdfFormat.N_TRIPLES))
    names = {t.object.value for t in triples if t.predicate.value.endswith("#name")}
    assert names == set(SAMPLE_SIZES)


def test_unreachable_remote_backend_is_a_502(start_oxigraph, tmp_path) -> None:
    with start_oxigraph(tmp_path) as base_url:
        url = base_url + "/query"
    # The server has stopped: nothing listens on its port any more.
    with TestClient(create_app(Settings.resolve({"sparql_backend": url}, {}))) as client:
        response = client.get("/sparql", params={"query": "ASK {}"})
    assert response.status_code == 502
    assert url in response.json()["error"]["detail"]


def test_push_dataset_mode_and_the_cli(start_oxigraph, tmp_path, capsys) -> None:
    data = tmp_path / "sample.trig"
    data.write_text("<http://example.org/g> { <http://example.org/a> <http://example.org/p> 1 . }\n")
    with start_oxigraph(tmp_path / "store") as base_url:
        assert main(["push", base_url + "/store", "--mode", "dataset", "--data", str(data)]) == 0
        graphs = httpx.get(
            base_url + "/query",
            params={"query": "SELECT ?g (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"},
            headers={"Accept": "application/sparql-results+json"},
        ).json()["results"]["bindings"]
    assert [(row["g"]["value"], row["n"]["value"]) for row in graphs] == [("http://example.org/g", "1")]
    assert "1 triples in 1 graph(s) sent to" in capsys.readouterr().out


def test_push_to_nothing_names_the_url(make_sample_store) -> None:
    with socket.socket() as bound_not_listening:  # a port nobody accepts connections on
        bound_not_listening.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{bound_not_listening.getsockname()[1]}/store"
        with pytest.raises(BackendUnavailable, match=re.escape(f"PUT {url}")):
            push_store(make_sample_store(), url)


def test_push_refusal_names_graph_and_status(start_oxigraph, tmp_path, make_sample_store) -> None:
    with start_oxigraph(tmp_path) as base_url, pytest.raises(BackendUnavailable) as raised:
        push_store(make_sample_store(), base_url + "/no-such-path")
    assert "graph=http://example.org/graph/people" in str(raised.value)
    assert "answered 404" in str(raised.value)


def test_virtuoso_row_cap_and_deadline_are_never_silent(tmp_path, make_sample_store) -> None:
    """Virtuoso marks an answer cut at its ResultSetMaxRows, or one cut short by its time limit (an
    "anytime query"), only in headers: the endpoint refuses the first (502) and times out the second (504)."""
    with (
        # 7: above the store's graphs (the sample's two and Virtuoso's three), below the sample's 9 triples
        running_virtuoso(tmp_path / "virtuoso", max_rows=7) as base_url,
        authenticating_client(VIRTUOSO_USER, VIRTUOSO_PASSWORD) as client,
    ):
        push_store(make_sample_store(), base_url + "/sparql-graph-crud-auth", client=client)
        settings = Settings.resolve({"sparql_backend": base_url + "/sparql", "query_timeout": 1}, {})
        with TestClient(create_app(settings)) as endpoint:
            cut = endpoint.get(
                "/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"}, headers={"Accept": JSON}
            )
            assert cut.status_code == 502
            assert "ResultSetMaxRows (7)" in cut.json()["error"]["detail"]
            within = endpoint.get(
                "/sparql", params={"query": "SELECT * { ?s ?p ?o } LIMIT 4"}, headers={"Accept": JSON}
            )
            assert len(within.json()["results"]["bindings"]) == 4
            # Virtuoso's own schema graph (about 2,500 triples), named as the dataset: a cube of it is
            # far more than a second's work.
            endless = endpoint.get(
                "/sparql",
                params={
                    "query": "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
                    "default-graph-uri": "http://www.openlinksw.com/schemas/virtrdf#",
                },
                headers={"Accept": JSON},
            )
            assert endless.status_code == 504
