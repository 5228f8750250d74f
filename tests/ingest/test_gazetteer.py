"""The gazetteer: all 16 Länder by name, genitive and adjective; cities only in a place slot."""

from __future__ import annotations

import pytest

from integrationsgraph.ingest.gazetteer import load_gazetteer


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("die baden-württembergische Ministerin", "baden-wuerttemberg"),
        ("der bayerischen Staatsregierung", "bayern"),
        ("im Land Berlin", "berlin"),
        ("die brandenburgische Landesregierung", "brandenburg"),
        ("die Freie Hansestadt Bremen", "bremen"),
        ("die Freie und Hansestadt Hamburg", "hamburg"),
        ("die hessische Ministerin", "hessen"),
        ("in Mecklenburg-Vorpommern", "mecklenburg-vorpommern"),
        ("des niedersächsischen Ministeriums", "niedersachsen"),
        ("das nordrhein-westfälische Ressort", "nordrhein-westfalen"),
        ("die rheinland-pfälzische Senatorin", "rheinland-pfalz"),
        ("des Saarlandes", "saarland"),
        ("Freistaat Sachsen", "sachsen"),
        ("die sachsen-anhaltische Delegation", "sachsen-anhalt"),
        ("Schleswig-Holsteins Innenminister", "schleswig-holstein"),
        ("der Thüringer Minister", "thueringen"),
    ],
)
def test_every_land_by_name_or_adjective(text, slug):
    found = load_gazetteer().find_laender(text)
    assert [m.key for m in found] == [slug]
    assert text[found[0].start : found[0].end] == found[0].exact


def test_saxony_does_not_match_inside_other_laender():
    found = load_gazetteer().find_laender("Niedersachsen und Sachsen-Anhalt, nicht Sachsen")
    assert [m.key for m in found] == ["niedersachsen", "sachsen-anhalt", "sachsen"]


def test_cities_only_in_a_place_slot_and_with_their_land():
    gazetteer = load_gazetteer()
    found = gazetteer.find_cities("Die Minister tagen in Bremerhaven; Essen war gut.")
    assert [m.key for m in found] == ["Bremerhaven"]
    assert gazetteer.land_of_city("Bremerhaven") == "bremen"
