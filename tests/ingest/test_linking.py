"""Entity linking: registry labels and altLabels, a name misspelt by one letter, new slugs."""

from __future__ import annotations

import pytest

from integrationsgraph.ingest.gazetteer import load_gazetteer
from integrationsgraph.ingest.linking import edit_distance_at_most_one, slugify
from integrationsgraph.ingest.proposals import Proposals

from .conftest import facts_of


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
