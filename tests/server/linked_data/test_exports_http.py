"""`/export` over HTTP: the same writers as the CLI, scope and language from the URL."""

from __future__ import annotations

import io
import json

import networkx as nx
import pytest

pytestmark = pytest.mark.anyio

BASE = "https://w3id.org/integrationsgraph/"


async def test_each_format_has_its_media_type_and_reads_back(ld_client):
    expected = {
        "graphml": "application/graphml+xml",
        "gexf": "application/gexf+xml",
        "dot": "text/vnd.graphviz",
        "cytoscape": "application/json",
    }
    for name, media_type in expected.items():
        response = await ld_client.get("/export", params={"format": name})
        assert response.status_code == 200
        assert response.headers["content-type"].startswith(media_type)
    graphml = await ld_client.get("/export", params={"format": "graphml"})
    assert 'filename="integrationsgraph-all.graphml"' in graphml.headers["content-disposition"]
    assert BASE + "id/land/hessen" in nx.read_graphml(io.BytesIO(graphml.content)).nodes
    gexf = await ld_client.get("/export", params={"format": "gexf"})
    assert nx.read_gexf(io.BytesIO(gexf.content)).number_of_nodes() > 5


async def test_entity_scope_language_and_inferred(ld_client):
    params = {"format": "cytoscape", "entity": BASE + "id/holding/intmk-chair-2022-hessen", "depth": "1"}
    english = json.loads((await ld_client.get("/export", params={**params, "lang": "en"})).content)
    german = json.loads(
        (await ld_client.get("/export", params=params, headers={"Accept-Language": "de"})).content
    )
    label = {e["data"]["id"]: e["data"]["label"] for e in english["elements"]["nodes"]}
    assert label[BASE + "id/land/hessen"] == "Hesse"
    assert {e["data"]["id"]: e["data"]["label"] for e in german["elements"]["nodes"]}[
        BASE + "id/land/hessen"
    ] == "Hessen"
    inferred = json.loads((await ld_client.get("/export", params={**params, "inferred": "true"})).content)
    assert len(inferred["elements"]["edges"]) > len(german["elements"]["edges"])


async def test_construct_scope_and_refused_service(ld_client):
    query = "CONSTRUCT { ?s org:member ?o } WHERE { ?s org:member ?o }"
    response = await ld_client.get("/export", params={"format": "dot", "scope": "construct", "query": query})
    assert response.status_code == 200
    assert response.text.count(" -> ") == 3
    federated = "CONSTRUCT { ?s ?p ?o } WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"
    refused = await ld_client.get(
        "/export", params={"format": "dot", "scope": "construct", "query": federated}
    )
    assert refused.status_code == 400
    assert "SERVICE" in refused.json()["error"]["detail"]


@pytest.mark.parametrize(
    ("params", "detail"),
    [
        ({"format": "png"}, "format"),
        ({"format": "dot", "scope": "entity"}, "IRI"),
        ({"format": "dot", "entity": BASE + "id/land/hessen", "depth": "x"}, "depth"),
        ({"format": "dot", "scope": "construct", "query": "CONSTRUCT {"}, "error"),
    ],
)
async def test_bad_parameters_are_400s_in_the_error_shape(ld_client, params, detail):
    response = await ld_client.get("/export", params=params)
    assert response.status_code == 400
    assert detail in response.json()["error"]["detail"]
