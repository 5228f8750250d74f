"""Dereferencing minted IRIs: pages, RDF by Accept and by suffix, Link headers, 404s, graph IRIs."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest

from integrationsgraph.datafiles import load_files
from integrationsgraph.server.app import create_app
from integrationsgraph.settings import Settings
from integrationsgraph.sparql.backends import EmbeddedBackend
from tests.server.linked_data.conftest import assert_all_in

LD_FIXTURE = Path(__file__).parent / "fixtures" / "ldgraph.trig"

pytestmark = pytest.mark.anyio

BASE = "https://w3id.org/integrationsgraph/"
HOLDING = BASE + "id/holding/intmk-chair-2022-hessen"
RDF_TYPES = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}
SUFFIX_TYPES = {
    ".ttl": "text/turtle",
    ".jsonld": "application/ld+json",
    ".nt": "application/n-triples",
    ".rdf": "application/rdf+xml",
    ".html": "text/html",
}


class Links(HTMLParser):
    """Every href of a page."""

    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.hrefs += [value for name, value in attrs if name == "href" and value]


def hrefs(page: str) -> list[str]:
    parser = Links()
    parser.feed(page)
    return parser.hrefs


def parsed(body: bytes, media_type: str) -> set[ox.Triple]:
    return {quad.triple for quad in ox.parse(body, format=RDF_TYPES[media_type])}


@pytest.mark.parametrize("media_type", list(RDF_TYPES))
async def test_rdf_by_accept_describes_the_resource(ld_client, media_type):
    response = await ld_client.get("/id/holding/intmk-chair-2022-hessen", headers={"Accept": media_type})
    assert response.status_code == 200
    assert response.headers["content-type"] == f"{media_type}; charset=utf-8"
    triples = parsed(response.content, media_type)
    holding = ox.NamedNode(HOLDING)
    assert (
        ox.Triple(
            holding, ox.NamedNode("http://www.w3.org/ns/org#member"), ox.NamedNode(BASE + "id/land/hessen")
        )
        in triples
    )
    # incoming links too: the person-level holding that exercises it
    exercising = ox.NamedNode(BASE + "id/holding/intmk-chair-2022-erika-muster")
    assert ox.Triple(exercising, ox.NamedNode(BASE + "def#exercises"), holding) in triples
    assert "Accept" in response.headers["vary"]


@pytest.mark.parametrize(("suffix", "media_type"), list(SUFFIX_TYPES.items()))
async def test_suffix_forces_the_format_whatever_accept_says(ld_client, suffix, media_type):
    response = await ld_client.get(f"/id/land/hessen{suffix}", headers={"Accept": "application/n-triples"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media_type)
    if media_type != "text/html":
        labels = {
            t.object
            for t in parsed(response.content, media_type)
            if t.predicate.value.endswith("#label") and t.subject.value == BASE + "id/land/hessen"
        }
        assert ox.Literal("Hessen", language="de") in labels


async def test_link_headers_name_every_representation(ld_client):
    response = await ld_client.get("/id/land/hessen", headers={"Accept": "text/html"})
    links = response.headers["link"]
    for suffix, media_type in SUFFIX_TYPES.items():
        assert f'</id/land/hessen{suffix}>; rel="alternate"; type="{media_type}"' in links
    # and each alternate answers in its own type
    for match in re.finditer(r'<([^>]+)>; rel="alternate"; type="([^"]+)"', links):
        alternate = await ld_client.get(match.group(1))
        assert alternate.status_code == 200
        assert alternate.headers["content-type"].startswith(match.group(2))


async def test_no_accept_gets_turtle_and_browser_gets_html(ld_client):
    assert (await ld_client.get("/id/land/hessen")).headers["content-type"].startswith("text/turtle")
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    assert (
        (await ld_client.get("/id/land/hessen", headers={"Accept": browser}))
        .headers["content-type"]
        .startswith("text/html")
    )
    generic_json = await ld_client.get("/id/land/hessen", headers={"Accept": "application/json"})
    assert generic_json.headers["content-type"].startswith("application/ld+json")
    json.loads(generic_json.text)


async def test_unknown_iri_is_a_404_in_the_common_error_shape(ld_client):
    response = await ld_client.get("/id/body/no-such-body", headers={"Accept": "text/turtle"})
    assert response.status_code == 404
    error = response.json()["error"]
    assert error["status"] == 404
    assert error["title"] == "Not found"
    assert BASE + "id/body/no-such-body" in error["detail"]
    page = await ld_client.get("/id/body/no-such-body.html", headers={"Accept": "text/html"})
    assert page.status_code == 404
    assert page.headers["content-type"].startswith("text/html")


async def test_unacceptable_type_is_a_406(ld_client):
    response = await ld_client.get("/id/land/hessen", headers={"Accept": "image/png"})
    assert response.status_code == 406
    assert "text/turtle" in response.json()["error"]["available"]


async def test_page_shows_labels_types_properties_incoming_and_graphs(ld_client):
    response = await ld_client.get("/id/holding/intmk-chair-2022-hessen", headers={"Accept": "text/html"})
    page = response.text
    assert response.status_code == 200
    # types with labels, properties with labelled values, linked to local pages
    assert ">Amtsinhabe</a>" in page
    assert (
        '<a href="/id/land/hessen" title="https://w3id.org/integrationsgraph/id/land/hessen">Hessen</a>'
        in page
    )
    assert '<a href="/id/post/intmk-chair"' in page
    # the graph stating each fact: the source file, or "abgeleitet" for the inferred graph
    assert 'class="graph-badge source" href="/graph/source/test-release-2022"' in page
    assert 'class="graph-badge inferred" href="/graph/inferred"' in page
    # incoming link with its label
    assert "übt aus" in page
    assert "/id/holding/intmk-chair-2022-erika-muster" in page


async def test_page_shows_evidence_spans_with_prefix_suffix_file_and_graph(ld_client):
    page = (await ld_client.get("/id/holding/intmk-chair-2022-hessen.html")).text
    section = page[page.index('id="evidence"') :]
    assert_all_in(
        section,
        [
            '<mark class="exact">übernimmt Hessen den Vorsitz</mark>',
            "…Am 1. Oktober </span>",
            '<span class="context"> von Bayern…</span>',
            "[10–38]",
            '<code class="file-name">test-release-2022.txt</code>',
            "https://w3id.org/integrationsgraph/graph/source/test-release-2022",
            "Testmeldung zum Vorsitz",  # the source's title links to the source
        ],
    )


async def test_entity_page_shows_evidence_of_the_facts_about_it(ld_client):
    page = (await ld_client.get("/id/person/erika-muster.html")).text
    section = page[page.index('id="evidence"') :]
    assert "übernimmt Hessen den Vorsitz" in section
    assert "/id/holding/intmk-chair-2022-erika-muster" in section


async def test_page_links_named_queries_whose_parameters_fit(ld_client):
    page = (await ld_client.get("/id/body/intmk.html")).text
    links = [href for href in hrefs(page) if href.startswith("/queries/")]
    assert (
        "/queries/sources-of?entity=https%3A%2F%2Fw3id.org%2Fintegrationsgraph%2Fid%2Fbody%2Fintmk" in links
    )
    assert "/queries/chairs?body=https%3A%2F%2Fw3id.org%2Fintegrationsgraph%2Fid%2Fbody%2Fintmk" in links
    assert not any(link.startswith("/queries/holders-of") for link in links)  # a body is no post
    assert any(link.startswith("/queries/succession?entity=") for link in links)  # mergers
    # a part of a fact's statement (an instant) has no successors, and its page already shows its
    # source and neighbours: no named query and no interactive graph about it
    instant = (await ld_client.get("/id/instant/test-release-2022-2022-10-01.html")).text
    assert [href for href in hrefs(instant) if href.startswith(("/queries/", "/view/graph"))] == []
    assert "/graph/source/test-release-2022" in hrefs(instant)
    post_page = (await ld_client.get("/id/post/intmk-chair.html")).text
    assert any(link.startswith("/queries/holders-of?post=") for link in hrefs(post_page))


async def test_page_has_a_neighbourhood_picture_with_links(ld_client):
    page = (await ld_client.get("/id/land/hessen.html")).text
    svg = page[
        page.index('<svg class="neighbourhood"') : page.index(
            "</svg>", page.index('<svg class="neighbourhood"')
        )
    ]
    assert '<a href="/id/holding/intmk-chair-2022-hessen">' in svg
    assert '<a href="/id/meeting/intmk-test-2023">' in svg
    assert "/view/graph?entity=" in page


async def test_every_local_link_of_a_page_resolves(ld_client):
    page = (await ld_client.get("/id/holding/intmk-chair-2022-hessen.html")).text
    local = sorted(
        {href.split("#")[0] for href in hrefs(page) if href.startswith(("/id/", "/graph/", "/def"))}
    )
    assert len(local) > 8
    for href in local:
        response = await ld_client.get(href, headers={"Accept": "text/html"})
        assert response.status_code in (200, 303), href


async def test_graph_iri_gives_its_triples_and_a_page(ld_client):
    response = await ld_client.get("/graph/source/test-release-2022.nt")
    triples = parsed(response.content, "application/n-triples")
    graph = ox.NamedNode(BASE + "graph/source/test-release-2022")
    expected = {
        q.triple for q in ox.parse(path=str(LD_FIXTURE), format=ox.RdfFormat.TRIG) if q.graph_name == graph
    }
    # (compared by lexical value: the pyoxigraph store keeps xsd:nonNegativeInteger as xsd:integer)
    assert {(t.subject, t.predicate, t.object.value) for t in triples} == {
        (t.subject, t.predicate, t.object.value) for t in expected
    }
    page = (await ld_client.get("/graph/source/test-release-2022", headers={"Accept": "text/html"})).text
    assert '<code class="file-name">test-release-2022.txt</code>' in page
    assert '<a href="/id/holding/intmk-chair-2022-hessen"' in page


async def test_concepts_and_rules_send_browsers_to_their_anchor(ld_client):
    response = await ld_client.get("/def/concept/chair", headers={"Accept": "text/html"})
    assert response.status_code == 303
    assert response.headers["location"] == "/def#concept-chair"
    rule = await ld_client.get("/def/rule/owl-rl?lang=en", headers={"Accept": "text/html"})
    assert rule.headers["location"] == "/def?lang=en#rule-owl-rl"
    turtle = await ld_client.get("/def/concept/chair.ttl")
    assert ox.Literal("Vorsitz", language="de") in {t.object for t in parsed(turtle.content, "text/turtle")}


async def test_public_base_setting_maps_another_base_onto_the_server(tmp_path):
    data = tmp_path / "other.ttl"
    data.write_text(
        "<http://example.org/kg/id/thing/one> <http://example.org/kg/def#linksTo> "
        "<http://example.org/kg/id/thing/two> .\n"
        '<http://example.org/kg/id/thing/two> <http://www.w3.org/2000/01/rdf-schema#label> "Zwei"@de .\n',
        encoding="utf-8",
    )
    settings = Settings(build_dir=tmp_path, public_base="http://example.org/kg/")
    app = create_app(settings, backend=EmbeddedBackend(load_files([data])))
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://testserver"
    ) as client:
        response = await client.get("/id/thing/one.nt")
        assert response.status_code == 200
        assert "<http://example.org/kg/id/thing/two>" in response.text
        page = (await client.get("/id/thing/one.html")).text
        assert '<a href="/id/thing/two" title="http://example.org/kg/id/thing/two">Zwei</a>' in page
        assert (await client.get("/id/body/intmk.nt")).status_code == 404


async def test_fact_nodes_get_display_titles_in_the_page_language(ld_client):
    german = (await ld_client.get("/id/holding/intmk-chair-2022-hessen.html")).text
    english = (await ld_client.get("/id/holding/intmk-chair-2022-hessen.html?lang=en")).text
    assert "<h1>Hessen · Vorsitz der IntMK</h1>" in german
    assert "<h1>Hesse · IntMK chair</h1>" in english
    # the title is for display: the RDF has no label for the fact node
    turtle = await ld_client.get("/id/holding/intmk-chair-2022-hessen.ttl")
    triples = parsed(turtle.content, "text/turtle")
    label = "http://www.w3.org/2000/01/rdf-schema#label"
    assert not [t for t in triples if t.subject.value == HOLDING and t.predicate.value == label]
    assert any(t.subject.value == HOLDING for t in triples)


@pytest.mark.parametrize(
    ("accept_language", "lang"),
    [(None, "de"), ("en", "en"), ("en-US,en;q=0.9,de;q=0.8", "en"), ("fr, de;q=0.5, en;q=0.4", "de"),
     ("fr", "de"), ("de;q=0.2, en;q=0.9", "en")],
)  # fmt: skip
async def test_page_language_follows_accept_language(ld_client, accept_language, lang):
    headers = {"Accept": "text/html"} | ({"Accept-Language": accept_language} if accept_language else {})
    page = (await ld_client.get("/id/land/hessen", headers=headers)).text
    assert f'<html lang="{lang}">' in page
    assert ("<h1>Hessen</h1>" if lang == "de" else "<h1>Hesse</h1>") in page


async def test_lang_switch_overrides_and_is_kept_in_links(ld_client):
    headers = {"Accept": "text/html", "Accept-Language": "de"}
    page = (await ld_client.get("/id/land/hessen?lang=en", headers=headers)).text
    assert '<html lang="en">' in page
    local = [h for h in hrefs(page) if h.startswith("/id/") and not h.startswith("/id/land/hessen?lang=")]
    assert local
    assert all("lang=en" in href for href in local)
    switch = [href for href in hrefs(page) if href.startswith("/id/land/hessen?lang=")]
    assert sorted(switch) == ["/id/land/hessen?lang=de", "/id/land/hessen?lang=en"]
    bad = await ld_client.get("/id/land/hessen?lang=fr", headers={"Accept": "application/json"})
    assert bad.status_code == 400
    assert "lang" in bad.json()["error"]["detail"]
