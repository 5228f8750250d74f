"""The label index behind the site search: folded spellings, alternative names, ranking, exact names."""

from __future__ import annotations

import pyoxigraph as ox

from integrationsgraph.queries.label_search import LabelIndex

BASE = "https://w3id.org/integrationsgraph/id/"
GRAPH = """
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix ig: <https://w3id.org/integrationsgraph/def#> .
<https://w3id.org/integrationsgraph/id/body/intmk> a ig:Body ;
    rdfs:label "Integrationsministerkonferenz"@de, "Conference of Integration Ministers"@en ;
    skos:altLabel "IntMK"@de .
<https://w3id.org/integrationsgraph/id/land/bw> a ig:Land ; rdfs:label "Baden-Württemberg"@de .
<https://w3id.org/integrationsgraph/id/person/a> a ig:Person ; rdfs:label "Dr. Jörg Groß"@de .
<https://w3id.org/integrationsgraph/id/person/b> a ig:Person ; rdfs:label "Kai Klose"@de .
<https://w3id.org/integrationsgraph/id/person/c> a ig:Person ; rdfs:label "Klose-Mayer"@de .
<https://w3id.org/integrationsgraph/def#Person> rdfs:label "Person"@de .
"""


def index() -> LabelIndex:
    store = ox.Store()
    store.load(GRAPH.encode(), ox.RdfFormat.TURTLE, to_graph=ox.NamedNode("https://example.org/g"))
    return LabelIndex.from_store(store)


def found(text: str, **options) -> list[str]:
    return [hit.iri.removeprefix(BASE) for hit in index().search(text, **options)]


def test_case_umlauts_and_sharp_s_are_forgiven():
    assert found("wurttemberg") == ["land/bw"]
    assert found("wuerttemberg") == ["land/bw"]
    assert found("GROSS") == ["person/a"]
    assert found("jorg") == ["person/a"]


def test_alternative_names_and_both_languages():
    assert found("intmk") == ["body/intmk"]
    assert found("integration ministers") == ["body/intmk"]
    hit = index().search("intmk")[0]
    assert hit.matched == "IntMK"
    assert hit.labels == {"de": "Integrationsministerkonferenz", "en": "Conference of Integration Ministers"}
    assert hit.types == ("https://w3id.org/integrationsgraph/def#Body",)


def test_a_name_starting_with_the_text_ranks_before_a_word_inside_one():
    assert found("klose") == ["person/c", "person/b"]
    assert found("kai") == ["person/b"]


def test_within_limit_and_blank_text():
    assert found("person", within=BASE) == []  # the class is not under id/
    assert found("e", limit=2) == found("e")[:2]
    assert found("  ") == []


def test_named_finds_only_whole_names():
    assert index().named("IntMK") == [BASE + "body/intmk"]
    assert index().named("integrationsministerkonferenz") == [BASE + "body/intmk"]
    assert index().named("Klose") == []
