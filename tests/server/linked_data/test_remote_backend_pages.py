"""The linked-data pages over `--sparql-backend`: every page asks `app.state.backend`, so they work in
front of another SPARQL endpoint (`oxigraph serve`, then Virtuoso, holding the linked-data test graph)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from starlette.testclient import TestClient

from integrationsgraph.datafiles import load_files
from integrationsgraph.graph_store import authenticating_client, push_store
from integrationsgraph.server.app import create_app
from integrationsgraph.settings import Settings
from integrationsgraph.sparql.remote_backend import RemoteBackend
from tests.remote_stores import VIRTUOSO_PASSWORD, VIRTUOSO_USER, running_virtuoso

pytestmark = pytest.mark.slow

FIXTURE = Path(__file__).parent / "fixtures" / "ldgraph.trig"
BASE = "https://w3id.org/integrationsgraph/"


@pytest.fixture(scope="module", params=["oxigraph serve", "virtuoso"])
def remote_ld_client(request, start_oxigraph, tmp_path_factory) -> Iterator[TestClient]:
    with _engine_holding_the_fixture(request.param, start_oxigraph, tmp_path_factory) as query_url:
        app = create_app(Settings.resolve({"sparql_backend": query_url}, {}))
        assert isinstance(app.state.backend, RemoteBackend)
        with TestClient(app) as client:
            yield client


@contextlib.contextmanager
def _engine_holding_the_fixture(engine: str, start_oxigraph, tmp_path_factory) -> Iterator[str]:
    """The query URL of `engine` running on free ports with the fixture graph pushed into it."""
    if engine == "oxigraph serve":
        with start_oxigraph(tmp_path_factory.mktemp("ld-oxigraph"), "--union-default-graph") as base_url:
            push_store(load_files([FIXTURE]), base_url + "/store")
            yield base_url + "/query"
        return
    with (
        running_virtuoso(tmp_path_factory.mktemp("ld-virtuoso")) as base_url,
        authenticating_client(VIRTUOSO_USER, VIRTUOSO_PASSWORD) as client,
    ):
        push_store(load_files([FIXTURE]), base_url + "/sparql-graph-crud-auth", client=client)
        yield base_url + "/sparql"


def test_resource_page_and_rdf_over_a_remote_endpoint(remote_ld_client):
    page = remote_ld_client.get("/id/holding/intmk-chair-2022-hessen", headers={"Accept": "text/html"})
    assert page.status_code == 200
    assert "<h1>Hessen · Vorsitz der IntMK</h1>" in page.text
    assert '<mark class="exact">übernimmt Hessen den Vorsitz</mark>' in page.text
    turtle = remote_ld_client.get("/id/land/hessen.ttl")
    labels = {q.triple.object for q in ox.parse(turtle.content, format=ox.RdfFormat.TURTLE)}
    assert ox.Literal("Hessen", language="de") in labels
    assert remote_ld_client.get("/id/land/nowhere.ttl").status_code == 404


def test_ontology_dataset_timeline_and_export_over_a_remote_endpoint(remote_ld_client):
    assert 'id="Holding"' in remote_ld_client.get("/def", headers={"Accept": "text/html"}).text
    void = remote_ld_client.get("/.well-known/void").text
    assert "void:classPartition" in void
    assert "void:dataDump" not in void
    timeline = remote_ld_client.get("/timeline/chairs", params={"body": BASE + "id/body/intmk"}).text
    assert timeline.count('<rect class="bar') == 4  # two tenures: each its possible and its certain part
    assert timeline.count('<rect class="bar certain"') == 2
    export = remote_ld_client.get("/export", params={"format": "dot", "entity": BASE + "id/land/hessen"})
    assert export.status_code == 200
    assert f'"{BASE}id/holding/intmk-chair-2022-hessen" -> "{BASE}id/land/hessen"' in export.text
