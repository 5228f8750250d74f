"""VoID and DCAT description, dumps with checksums, the JSON-LD context, the sitemap."""

from __future__ import annotations

import hashlib
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest

from integrationsgraph.datafiles import load_files
from integrationsgraph.server.app import create_app
from integrationsgraph.settings import Settings
from integrationsgraph.sparql.backends import EmbeddedBackend
from tests.server.linked_data.conftest import assert_all_in

pytestmark = pytest.mark.anyio

VOID = "http://rdfs.org/ns/void#"
DCAT = "http://www.w3.org/ns/dcat#"
SPDX = "http://spdx.org/rdf/terms#"
DATASET = ox.NamedNode("https://w3id.org/integrationsgraph/dataset")


async def void_store(client) -> ox.Store:
    response = await client.get("/.well-known/void", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/turtle; charset=utf-8"
    store = ox.Store()
    store.load(response.content, format=ox.RdfFormat.TURTLE)
    return store


def values(store: ox.Store, query: str) -> list[dict[str, str]]:
    prefixes = f"PREFIX void: <{VOID}> PREFIX dcat: <{DCAT}> PREFIX spdx: <{SPDX}> PREFIX dct: <http://purl.org/dc/terms/>\n"
    solutions = store.query(prefixes + query)
    names = [v.value for v in solutions.variables]
    return [{name: row[name].value for name in names if row[name] is not None} for row in solutions]


async def test_void_counts_graphs_and_classes_as_the_data_says(ld_client, ld_app):
    store = await void_store(ld_client)
    graphs = {
        row["g"]: int(row["n"])
        for row in values(store, "SELECT ?g ?n { ?d void:subset ?g . ?g void:triples ?n }")
    }
    backend = ld_app.state.backend
    expected = {
        row["g"].value: int(row["n"].value)
        for row in (
            await backend.query("SELECT ?g (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
        ).rows()
    }
    assert graphs == expected
    classes = {
        row["c"]: int(row["n"])
        for row in values(
            store, "SELECT ?c ?n { ?d void:classPartition ?p . ?p void:class ?c ; void:entities ?n }"
        )
    }
    assert classes["https://w3id.org/integrationsgraph/def#Holding"] == 3
    assert classes["https://w3id.org/integrationsgraph/def#Land"] == 2
    total = values(
        store,
        "SELECT ?n { ?d a void:Dataset ; void:triples ?n ; void:sparqlEndpoint ?e "
        "FILTER(?d = <https://w3id.org/integrationsgraph/dataset>) }",
    )
    assert int(total[0]["n"]) == sum(expected.values())


async def test_void_names_licence_sources_endpoint_and_service(ld_client):
    store = await void_store(ld_client)
    rows = values(store, "SELECT ?l ?e ?s { ?d dct:license ?l ; void:sparqlEndpoint ?e ; dct:source ?s }")
    assert rows == [
        {
            "l": "https://creativecommons.org/licenses/by/4.0/",
            "e": "http://testserver/sparql",
            "s": "https://w3id.org/integrationsgraph/id/source/test-release-2022",
        }
    ]
    service = values(
        store, "SELECT ?u { ?svc a dcat:DataService ; dcat:endpointURL ?u ; dcat:servesDataset ?d }"
    )
    assert service == [{"u": "http://testserver/sparql"}]


async def test_dumps_are_listed_with_checksums_that_match_the_files(ld_client):
    store = await void_store(ld_client)
    dumps = values(
        store,
        "SELECT ?url ?sum ?type { ?d void:dataDump ?url . "
        "?url dcat:mediaType ?type ; spdx:checksum/spdx:checksumValue ?sum }",
    )
    assert {row["url"].rsplit("/", 1)[1] for row in dumps} == {
        "integrationsgraph.trig",
        "integrationsgraph.nq",
        "integrationsgraph.ttl",
        "integrationsgraph.jsonld",
    }
    sums = (await ld_client.get("/dumps/SHA256SUMS")).text
    for row in dumps:
        response = await ld_client.get(row["url"].removeprefix("http://testserver"))
        assert response.status_code == 200
        assert hashlib.sha256(response.content).hexdigest() == row["sum"]
        assert f"{row['sum']}  {row['url'].rsplit('/', 1)[1]}\n" in sums
        assert row["type"].endswith(response.headers["content-type"].split(";")[0])


async def test_derived_dumps_hold_the_data_and_are_cached_per_build(ld_client, ld_build_dir):
    turtle = await ld_client.get("/dumps/integrationsgraph.ttl")
    triples = {q.triple for q in ox.parse(turtle.content, format=ox.RdfFormat.TURTLE)}
    nquads = {
        q.triple
        for q in ox.parse(
            (await ld_client.get("/dumps/integrationsgraph.nq")).content, format=ox.RdfFormat.N_QUADS
        )
    }
    assert triples == nquads
    jsonld = await ld_client.get("/dumps/integrationsgraph.jsonld")
    quads = set(ox.parse(jsonld.content, format=ox.RdfFormat.JSON_LD))
    assert {q.graph_name.value for q in quads} >= {"https://w3id.org/integrationsgraph/graph/ontology"}
    assert (ld_build_dir / "cache" / "dumps" / "0123abcd" / "integrationsgraph.ttl").is_file()
    assert (await ld_client.get("/dumps/integrationsgraph.exe")).status_code == 404


async def test_dataset_page_for_browsers(ld_client):
    response = await ld_client.get("/dataset", headers={"Accept": "text/html"})
    page = response.text
    assert response.status_code == 200
    assert_all_in(
        page,
        [
            '<a class="endpoint" href="http://testserver/sparql">',
            "https://creativecommons.org/licenses/by/4.0/",
            'href="/dumps/integrationsgraph.trig"',
            'class="sha256"',
            'href="/id/source/test-release-2022"',
            'href="/def#Holding"',
        ],
    )
    rdf = await ld_client.get("/dataset.jsonld")
    assert rdf.headers["content-type"].startswith("application/ld+json")
    unknown = await ld_client.get("/dataset.exe", headers={"Accept": "application/json"})
    assert unknown.status_code == 404
    assert unknown.json()["error"]["status"] == 404


async def test_no_dumps_for_a_server_over_files(tmp_path):
    fixture = Path(__file__).parent / "fixtures" / "ldgraph.trig"
    app = create_app(Settings(data=(fixture,), build_dir=tmp_path))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client:
        assert (await client.get("/dumps/integrationsgraph.nq")).status_code == 404
        store = ox.Store()
        store.load((await client.get("/.well-known/void")).content, format=ox.RdfFormat.TURTLE)
        assert not list(store.quads_for_pattern(None, ox.NamedNode(VOID + "dataDump"), None))


async def test_jsonld_context_expands_our_terms(ld_client):
    response = await ld_client.get("/context.jsonld")
    context = response.json()["@context"]
    assert context["ig"] == "https://w3id.org/integrationsgraph/def#"
    assert context["post"] == {"@id": "ig:post", "@type": "@id"}
    assert context["earliest"] == {"@id": "ig:earliest", "@type": "xsd:date"}
    assert context["Holding"] == "ig:Holding"
    document = {
        "@context": context,
        "@id": "https://w3id.org/integrationsgraph/id/holding/x",
        "@type": "Holding",
        "post": "https://w3id.org/integrationsgraph/id/post/intmk-chair",
    }
    triples = {q.triple for q in ox.parse(json.dumps(document).encode(), format=ox.RdfFormat.JSON_LD)}
    assert (
        ox.Triple(
            ox.NamedNode("https://w3id.org/integrationsgraph/id/holding/x"),
            ox.NamedNode("https://w3id.org/integrationsgraph/def#post"),
            ox.NamedNode("https://w3id.org/integrationsgraph/id/post/intmk-chair"),
        )
        in triples
    )


async def test_sitemap_lists_resource_pages_on_this_host(ld_client):
    response = await ld_client.get("/sitemap.xml")
    root = ET.fromstring(response.content)
    locations = [loc.text for loc in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert "http://testserver/id/land/hessen" in locations
    assert "http://testserver/id/holding/intmk-chair-2022-hessen" in locations
    assert all(location.startswith("http://testserver/id/") for location in locations)
    assert len(locations) == len(set(locations))


async def test_description_follows_a_new_backend(ld_client, ld_app, tmp_path):
    """When a new build swaps `app.state.backend`, the counts are taken again."""
    before = await void_store(ld_client)
    total = "SELECT ?n { ?d void:triples ?n FILTER(?d = <https://w3id.org/integrationsgraph/dataset>) }"
    small = tmp_path / "small.trig"
    small.write_text(
        "<https://w3id.org/integrationsgraph/graph/entities> { "
        "<https://w3id.org/integrationsgraph/id/land/x> "
        '<http://www.w3.org/2000/01/rdf-schema#label> "X" . }\n',
        encoding="utf-8",
    )
    ld_app.state.backend = EmbeddedBackend(load_files([small]))
    after = await void_store(ld_client)
    assert int(values(before, total)[0]["n"]) > 1
    assert int(values(after, total)[0]["n"]) == 1
