"""Entity linking: registry labels and altLabels, a name misspelt by one letter, new slugs."""

from __future__ import annotations

import pytest

from integrationsgraph.ingest.gazetteer import load_gazetteer
from integrationsgraph.ingest.linking import edit_distance_at_most_one, load_registry, slugify
from integrationsgraph.ingest.proposals import Proposals
from integrationsgraph.ingest.reading import read_document
from integrationsgraph.ingest.recognition import ingest_source

from .conftest import REGISTRY_TTL, facts_of


@pytest.mark.parametrize(
    ("a", "b", "close"),
    [
        ("Vogelsang", "Vogelsang", True),
        ("Vogelsang", "Vogelsand", True),
        ("Vogelsang", "Vogelsan", True),
        ("Vogelsang", "Vogelsangg", True),
        ("Vogelsang", "Vgelsanng", False),
        ("Brandauer", "Brandauerin", False),
    ],
)
def test_edit_distance_at_most_one(a, b, close):
    assert edit_distance_at_most_one(a, b) is close


def test_slug_spells_out_umlauts():
    assert slugify("Überherrn an der Saar") == "ueberherrn-an-der-saar"
    assert slugify("Jürgen Weiß") == "juergen-weiss"


def test_registry_labels_alt_labels_and_misspelt_names(ingest_registry):
    assert ingest_registry.lookup("body", "IntMK").ref == "body:intmk"
    assert ingest_registry.lookup("land", "Freie Hansestadt Bremen").ref == "land:bremen"
    assert ingest_registry.person("Greta Vogelsang").ref == "person:greta-vogelsang"
    assert ingest_registry.person("Greta Vogelsamg").ref == "person:greta-vogelsang"  # one letter off
    assert ingest_registry.person("Vogelsang").ref == "person:greta-vogelsang"  # unique family name
    assert ingest_registry.person("Greta Vogelsamgg") is None  # two letters off


def test_unknown_entities_are_proposed_with_a_slug(ingest_registry):
    proposals = Proposals(ingest_registry, load_gazetteer())
    assert proposals.land("hessen") == "land:hessen"
    assert proposals.land("thueringen") == "land:thueringen"
    assert proposals.place("Göttingen") == "place:goettingen"
    assert set(proposals.proposed) == {"land:thueringen", "place:goettingen", "land:niedersachsen"}
    assert proposals.proposed["place:goettingen"].links == (
        ("schema:containedInPlace", "land:niedersachsen"),
    )


def test_a_misspelt_family_name_after_a_speech_verb_links_to_the_person(ingest_text):
    ingested = ingest_text(
        "Die hessische Staatssekretärin Greta Vogelsang eröffnete die Sitzung. "
        "Das sei ein Anfang, betonte Vogelsamg.\n"
    )
    names = [p.name for p in ingested.document.persons]
    assert names == ["Greta Vogelsang", "Greta Vogelsang"]
    office = facts_of(ingested, "office_holding")
    assert [f.person for f in office] == ["person:greta-vogelsang"]


NAMESAKES_TTL = """
body:landesbeirat-alt a ig:Body ; org:classification igc:advisory-council ;
    rdfs:label "Landesbeirat für Vielfalt"@de .
body:landesbeirat-neu a ig:Body ; org:classification igc:advisory-council ;
    rdfs:label "Landesbeirat für Vielfalt (seit 2030)"@de ; skos:altLabel "Landesbeirat für Vielfalt"@de .
"""


def test_of_two_bodies_sharing_a_name_the_text_means_the_one_existing_in_its_year(tmp_path):
    (tmp_path / "entities").mkdir()
    (tmp_path / "entities" / "registry.ttl").write_text(REGISTRY_TTL + NAMESAKES_TTL, encoding="utf-8")
    registry = load_registry(tmp_path / "entities")
    assert registry.as_of("body:landesbeirat-alt", 2029) == "body:landesbeirat-alt"
    assert registry.as_of("body:landesbeirat-alt", 2031) == "body:landesbeirat-neu"
    assert registry.as_of("body:landesbeirat-neu", None) == "body:landesbeirat-neu"

    def bodies_of(header_date: str, sentence: str) -> set[str]:
        path = tmp_path / "text.txt"
        path.write_text(
            f"source: text.txt\ndate-as-stated: {header_date}\n---\n{sentence}\n", encoding="utf-8"
        )
        ingested = ingest_source(read_document(path), registry, load_gazetteer(), "ingested")
        return {fact.body for fact in facts_of(ingested, "body_event")}

    text = "Der Landesbeirat für Vielfalt wurde im März {year} in Wiesbaden umbenannt."
    assert bodies_of("2029-04-01", text.format(year=2029)) == {"body:landesbeirat-alt"}
    assert bodies_of("2032-04-01", text.format(year=2032)) == {"body:landesbeirat-neu"}
    # an undated text is not older than the latest year it names
    assert bodies_of("not stated", text.format(year=2032)) == {"body:landesbeirat-neu"}
