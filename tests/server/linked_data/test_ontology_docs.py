"""The ontology's documentation page at /def, generated from the ontology graph."""

from __future__ import annotations

from html.parser import HTMLParser

import pyoxigraph as ox
import pytest

from tests.server.linked_data.conftest import assert_all_in

pytestmark = pytest.mark.anyio


class Ids(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.ids += [value for name, value in attrs if name == "id" and value]


def ids(page: str) -> list[str]:
    parser = Ids()
    parser.feed(page)
    return parser.ids


async def test_def_page_documents_every_term_with_an_anchor(ld_client):
    response = await ld_client.get("/def", headers={"Accept": "text/html"})
    assert response.status_code == 200
    anchors = ids(response.text)
    assert len(anchors) == len(set(anchors)), "anchors are unique"
    for anchor in (
        "Holding",
        "Meeting",
        "post",
        "exercises",
        "fileName",
        "concept-chair",
        "concept-role",
        "rule-owl-rl",
        "org-Membership",
    ):
        assert anchor in anchors


async def test_term_entry_has_labels_definitions_domain_range_super_and_inverse(ld_client):
    page = (await ld_client.get("/def?lang=en", headers={"Accept": "text/html"})).text
    holding = page[page.index('id="Holding"') : page.index("</section>", page.index('id="Holding"'))]
    assert_all_in(
        holding,
        [
            '<dd lang="de">Amtsinhabe</dd>',
            '<dd lang="en">holding</dd>',
            "Jemand hat ein Amt inne.",
            "Someone holds an office.",
            '<a href="#Fact" title="https://w3id.org/integrationsgraph/def#Fact">fact</a>',
            '<a href="#org-Membership"',
        ],
    )
    post = page[page.index('id="post"') : page.index("</section>", page.index('id="post"'))]
    assert "Domain" in post
    assert '<a href="#Holding"' in post
    assert "Range" in post
    assert '<a href="#Post"' in post
    exercises = page[page.index('id="exercises"') : page.index("</section>", page.index('id="exercises"'))]
    assert '<a href="#exercisedBy"' in exercises
    chair = page[
        page.index('id="concept-chair"') : page.index("</section>", page.index('id="concept-chair"'))
    ]
    assert "Vorsitz" in chair
    assert "The chair of a body." in chair


async def test_def_page_follows_the_language(ld_client):
    german = (
        await ld_client.get("/def", headers={"Accept": "text/html", "Accept-Language": "de-DE,de;q=0.9"})
    ).text
    english = (
        await ld_client.get("/def", headers={"Accept": "text/html", "Accept-Language": "en-GB,en;q=0.8"})
    ).text
    assert '<html lang="de">' in german
    assert '<h2 id="classes">Klassen</h2>' in german
    assert '<html lang="en">' in english
    assert '<h2 id="classes">Classes</h2>' in english
    assert "<h1>Testontologie</h1>" in german
    assert "<h1>Test ontology</h1>" in english


async def test_def_as_rdf_is_the_ontology_graph(ld_client):
    response = await ld_client.get("/def", headers={"Accept": "text/turtle"})
    assert response.headers["content-type"] == "text/turtle; charset=utf-8"
    triples = {quad.triple for quad in ox.parse(response.content, format=ox.RdfFormat.TURTLE)}
    holding = ox.NamedNode("https://w3id.org/integrationsgraph/def#Holding")
    assert (
        ox.Triple(
            holding,
            ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
            ox.Literal("holding", language="en"),
        )
        in triples
    )
    assert not any(t.subject.value.endswith("id/land/hessen") for t in triples)
    for suffix, media_type in (
        (".ttl", "text/turtle"),
        (".nt", "application/n-triples"),
        (".jsonld", "application/ld+json"),
        (".rdf", "application/rdf+xml"),
    ):
        assert (await ld_client.get("/def" + suffix)).headers["content-type"].startswith(media_type)
    assert (await ld_client.get("/def.exe")).status_code == 404
