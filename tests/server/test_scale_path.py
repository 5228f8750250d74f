"""The scale path end to end on Virtuoso: `integrationsgraph push` loads the real build into it, and
`integrationsgraph serve --sparql-backend URL` (a real process on a free port) answers through it as the
server over the embedded store answers: the union default graph, the inferred graph, named queries, pages."""

from __future__ import annotations

import sys
from collections.abc import Iterator

import httpx
import pyoxigraph as ox
import pytest
from starlette.testclient import TestClient

from integrationsgraph.cli import main
from integrationsgraph.commands.push import PASSWORD_VARIABLE
from integrationsgraph.server.app import create_app
from integrationsgraph.settings import Settings
from integrationsgraph.sparql.backends import EmbeddedBackend
from tests.remote_stores import VIRTUOSO_PASSWORD, VIRTUOSO_USER
from tests.server.conftest import serving_process

pytestmark = pytest.mark.slow

INFERRED = "https://w3id.org/integrationsgraph/graph/inferred"
JSON = {"Accept": "application/sparql-results+json"}
QUERIES = {
    "union default graph": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
    "inferred graph": f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{INFERRED}> {{ ?s ?p ?o }} }}",
    "graphs": "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g",
    "dates": """
        SELECT ?instant ?earliest ?day ?month ?edtf WHERE {
          GRAPH <https://w3id.org/integrationsgraph/graph/source/003_ebd8c5b068b7a6d2> {
            ?instant <https://w3id.org/integrationsgraph/def#earliest> ?earliest
            OPTIONAL { ?instant <http://www.w3.org/2006/time#inXSDDate> ?day }
            OPTIONAL { ?instant <http://www.w3.org/2006/time#inXSDgYearMonth> ?month }
            OPTIONAL { ?instant <https://w3id.org/integrationsgraph/def#edtf> ?edtf }
          }
        }""",
    "languages": """
        SELECT ?entity ?label WHERE {
          GRAPH <https://w3id.org/integrationsgraph/graph/entities> {
            ?entity <http://www.w3.org/2000/01/rdf-schema#label> ?label }
        }""",
}
INTMK = "https://w3id.org/integrationsgraph/id/body/intmk"
# The meeting queries read a chair from the source's graph or the inferred graph: Virtuoso 7.2.5 lost those
# bindings when the query filtered `GRAPH ?chairGraph` against the outer graph (docs/deployment.md).
NAMED = {
    "meetings 2023-2025": f"/queries/meetings?body={INTMK}&from=2023-01-01&to=2025-12-31",
    "meetings": f"/queries/meetings?body={INTMK}",
    "conferences": f"/queries/conferences?body={INTMK}",
}


@pytest.fixture(scope="module")
def served_through_virtuoso(virtuoso_with_build) -> Iterator[str]:
    """`integrationsgraph serve --sparql-backend` over the Virtuoso holding the build; yields its base URL."""
    command = [sys.executable, "-m", "integrationsgraph", "serve", "--sparql-backend", virtuoso_with_build]
    with serving_process(command) as base_url:
        yield base_url


@pytest.fixture(scope="module")
def embedded(graph_store) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(), backend=EmbeddedBackend(graph_store))) as client:
        yield client


def _solutions(body: bytes) -> list[tuple]:
    """The solutions, sorted: engines may order rows the query leaves unordered differently."""
    solutions = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
    return sorted(tuple(map(str, solution)) for solution in solutions)


@pytest.mark.parametrize("query", QUERIES.values(), ids=QUERIES.keys())
def test_serve_through_virtuoso_answers_like_the_embedded_store(served_through_virtuoso, embedded, query):
    remote = httpx.post(served_through_virtuoso + "/sparql", data={"query": query}, headers=JSON, timeout=60)
    assert remote.status_code == 200, remote.text
    expected = embedded.post("/sparql", data={"query": query}, headers=JSON)
    assert _solutions(remote.content) == _solutions(expected.content)
    assert _solutions(remote.content)  # the comparison is over answers, not two empty ones


@pytest.mark.parametrize("path", NAMED.values(), ids=NAMED.keys())
def test_named_query_through_virtuoso(served_through_virtuoso, embedded, path):
    remote = httpx.get(served_through_virtuoso + path, headers=JSON, timeout=60)
    assert remote.status_code == 200, remote.text
    assert remote.json()["results"] == embedded.get(path, headers=JSON).json()["results"]
    assert len(remote.json()["results"]["bindings"]) >= 5


def test_page_through_virtuoso(served_through_virtuoso):
    page = httpx.get(served_through_virtuoso + "/id/land/hessen", headers={"Accept": "text/html"}, timeout=60)
    assert page.status_code == 200
    assert "<h1>Hessen" in page.text


def test_push_command_into_virtuoso_with_login(
    virtuoso_with_build, built_release, graph_store, capsys, monkeypatch
):
    graph_store_url = virtuoso_with_build.removesuffix("/sparql") + "/sparql-graph-crud-auth"
    build_dir = str(built_release.release_dir.parent.parent)
    monkeypatch.setenv(PASSWORD_VARIABLE, "not the password")
    assert main(["push", graph_store_url, "--user", VIRTUOSO_USER, "--build-dir", build_dir]) != 0
    assert "answered 401" in capsys.readouterr().err
    monkeypatch.setenv(PASSWORD_VARIABLE, VIRTUOSO_PASSWORD)
    # The build again: each graph is replaced, so nothing is doubled.
    assert main(["push", graph_store_url, "--user", VIRTUOSO_USER, "--build-dir", build_dir]) == 0
    assert f"{len(graph_store)} triples in" in capsys.readouterr().out
    ours = "FILTER(STRSTARTS(STR(?g), 'https://w3id.org/integrationsgraph/graph/'))"
    query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {ours} }}"
    counted = httpx.post(virtuoso_with_build, data={"query": query}, headers=JSON)
    assert int(counted.json()["results"]["bindings"][0]["n"]["value"]) == len(graph_store)


def test_push_without_the_password_is_a_usage_error(capsys, monkeypatch):
    monkeypatch.delenv(PASSWORD_VARIABLE, raising=False)
    assert main(["push", "http://127.0.0.1:9/store", "--user", "dba"]) == 2
    assert PASSWORD_VARIABLE in capsys.readouterr().err
