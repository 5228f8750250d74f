"""Issue 14's general rules for body events, offices and chairs, each on a short synthetic text whose
entities are the tests' own (a registry with namesake bodies, a federal summit and a ministry)."""

from __future__ import annotations

from pathlib import Path

import pytest

from integrationsgraph.ingest.gazetteer import load_gazetteer
from integrationsgraph.ingest.linking import Registry, load_registry
from integrationsgraph.ingest.reading import read_document
from integrationsgraph.ingest.recognition import Ingested, ingest_source

from .conftest import REGISTRY_TTL, facts_of

EXTRA_TTL = """
@prefix ministry: <https://w3id.org/integrationsgraph/id/ministry/> .
body:landesbeirat-alt a ig:Body ; org:classification igc:advisory-council ;
    rdfs:label "Landesbeirat für Vielfalt"@de .
body:landesbeirat-neu a ig:Body ; org:classification igc:advisory-council ;
    rdfs:label "Landesbeirat für Vielfalt (seit 2030)"@de ; skos:altLabel "Landesbeirat für Vielfalt"@de .
body:integrationsgipfel a ig:Body ; org:classification igc:integration-conference ;
    rdfs:label "Integrationsgipfel"@de .
ministry:hessische-staatskanzlei a ig:Ministry ; org:unitOf land:hessen ;
    rdfs:label "Hessische Staatskanzlei"@de ; skos:altLabel "Staatskanzlei"@de .
"""


@pytest.fixture(scope="module")
def registry(tmp_path_factory: pytest.TempPathFactory) -> Registry:
    folder = tmp_path_factory.mktemp("changes") / "entities"
    folder.mkdir()
    (folder / "registry.ttl").write_text(REGISTRY_TTL + EXTRA_TTL, encoding="utf-8")
    return load_registry(folder)


@pytest.fixture
def ingest(tmp_path: Path, registry: Registry):
    def run(body: str, date_as_stated: str | None = None) -> Ingested:
        path = tmp_path / "synthetic.txt"
        header = f"source: synthetic.txt\ndate-as-stated: {date_as_stated}\n---\n" if date_as_stated else ""
        path.write_text(header + body, encoding="utf-8")
        return ingest_source(read_document(path), registry, load_gazetteer(), "ingested")

    return run


# Body events


def test_a_merger_into_a_body_of_its_own_name_results_in_its_later_namesake(ingest):
    ingested = ingest(
        "Der Landesbeirat für Vielfalt hat sich heute neu konstituiert. Wie beschlossen, vereint das Gremium "
        "nun den bisherigen Integrationsbeirat und den früheren Landesbeirat für Vielfalt.\n"
    )
    (event,) = facts_of(ingested, "body_event")
    assert event.type == "Reconstitution+Merger"
    assert event.body == "body:landesbeirat-neu"
    assert event.originals == ["body:integrationsbeirat-hessen", "body:landesbeirat-alt"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Der Integrationsbeirat kam am 8. Februar 2031 zu seiner konstituierenden Sitzung zusammen.",
        "Mit Themen der Teilhabe beschäftigt sich der neu gegründete Integrationsbeirat, der am 8. Februar "
        "2031 in Wiesbaden zum ersten Mal zusammentrat.",
    ],
)
def test_a_first_session_constitutes_a_body(ingest, sentence):
    (event,) = facts_of(ingest(sentence + "\n"), "body_event")
    assert (event.body, event.type, event.start.edtf) == (
        "body:integrationsbeirat-hessen",
        "Constitution",
        "2031-02-08",
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "Der Integrationsbeirat wurde mit Beginn der 19. Legislaturperiode neu einberufen.",
        "Für die Legislaturperiode 2029 bis 2034 wurde der Integrationsbeirat gebildet.",
    ],
)
def test_a_body_called_anew_for_a_legislature_is_reconstituted(ingest, sentence):
    (event,) = facts_of(ingest(sentence + "\n"), "body_event")
    assert (event.body, event.type) == ("body:integrationsbeirat-hessen", "Reconstitution")
    assert event.start is None or event.start.edtf == "2029"  # never the period's end


def test_of_several_years_the_founding_takes_the_one_before_its_body(ingest):
    ingested = ingest(
        "Hessen gründete 1999 eine Abteilung für Integration und im Jahr 2000 den ersten "
        "Integrationsbeirat.\n"
    )
    (event,) = facts_of(ingested, "body_event")
    assert (event.body, event.type, event.start.edtf) == (
        "body:integrationsbeirat-hessen",
        "Establishment",
        "2000",
    )


def test_a_body_after_nach_dem_is_a_landmark_and_sie_is_the_body_named_before(ingest):
    ingested = ingest(
        "Die Integrationsministerkonferenz ist die jüngste Fachministerkonferenz. Sie wurde eingerichtet "
        "nach dem ersten bundesweiten Integrationsgipfel im Jahr 2006.\n\n"
        "Die erste Konferenz fand 2007 statt.\n"
    )
    (event,) = facts_of(ingested, "body_event")
    assert (event.body, event.type, event.start) == ("body:intmk", "Establishment", None)


def test_an_office_moved_to_a_ministry(ingest):
    ingested = ingest(
        "Die Beauftragte der Hessischen Landesregierung, bisher im Sozialministerium angesiedelt, wird "
        "künftig direkt an die Staatskanzlei angebunden.\n"
    )
    (event,) = facts_of(ingested, "body_event")
    assert (event.type, event.body) == ("Move", "ministry:hessische-staatskanzlei")


# Offices


def test_verb_before_the_name_title_after_it(ingest):
    ingested = ingest(
        "Seit Oktober 2030 ist Greta Vogelsang die neue Staatssekretärin und Bevollmächtigte für Integration "
        "der Hessischen Landesregierung.\n"
    )
    offices = facts_of(ingested, "office_holding")
    assert {(f.person, f.body, f.type) for f in offices} == {
        ("person:greta-vogelsang", "land:hessen", "state-secretary"),
        ("person:greta-vogelsang", "land:hessen", "plenipotentiary"),
    }
    assert {f.start.edtf for f in offices} == {"2030-10"}


def test_soll_neuer_title_werden(ingest):
    (office,) = facts_of(
        ingest("Till Brandauer soll in Hessen neuer Sozialminister werden.\n"), "office_holding"
    )
    assert (office.person, office.body, office.type) == ("person:till-brandauer", "land:hessen", "minister")


def test_an_epithet_subject_is_the_person_named_last_and_follows_a_predecessor(ingest):
    ingested = ingest(
        "Greta Vogelsang sprach am Morgen im Bundestag. Die SPD-Politikerin folgt als Beauftragte der "
        "Bundesregierung für Integration auf Till Brandauer.\n"
    )
    offices = {f.person: f for f in facts_of(ingested, "office_holding")}
    assert set(offices) == {"person:greta-vogelsang", "person:till-brandauer"}
    assert {(f.body, f.type) for f in offices.values()} == {("body:bundesregierung", "commissioner")}


def test_in_die_fussstapfen_treten_is_a_succession(ingest):
    ingested = ingest(
        "Seit dem 1. Mai 2030 ist Greta Vogelsang hessische Staatssekretärin. Vogelsang tritt in die "
        "Fußstapfen von Till Brandauer.\n"
    )
    offices = {f.person: f for f in facts_of(ingested, "office_holding")}
    predecessor = offices["person:till-brandauer"]
    assert (predecessor.body, predecessor.type, predecessor.end.edtf) == (
        "land:hessen",
        "state-secretary",
        "2030-05-01",
    )


def test_a_minister_of_state_in_the_chancellery_is_the_federal_commissioner(ingest):
    ingested = ingest("Greta Vogelsang wird neue Staatsministerin für Integration im Bundeskanzleramt.\n")
    (office,) = facts_of(ingested, "office_holding")
    assert (office.body, office.type) == ("body:bundesregierung", "commissioner")


def test_two_offices_in_personal_union(ingest):
    ingested = ingest(
        "Die hessische Landesregierung blickt zurück. Vom 1. Mai 2030 bis 2. Juni 2031 war Greta Vogelsang "
        "Justizministerin und in Personalunion auch Ausländerbeauftragte der Landesregierung.\n"
    )
    offices = facts_of(ingested, "office_holding")
    assert {(f.person, f.type) for f in offices} == {
        ("person:greta-vogelsang", "minister"),
        ("person:greta-vogelsang", "commissioner"),
    }


# Chairs


def test_den_vorsitz_fuehrt_states_the_chair_of_a_council(ingest):
    ingested = ingest(
        "Der Integrationsbeirat berät die Landesregierung. Den Vorsitz führt Sozialminister Till Brandauer.\n"
    )
    (chair,) = facts_of(ingested, "chair_tenure")
    assert (chair.body, chair.holder) == ("body:integrationsbeirat-hessen", "person:till-brandauer")


def test_a_conference_name_with_a_gender_colon(ingest):
    ingested = ingest(
        "Nordrhein-Westfalen wird am 1. Juli 2025 den Vorsitz der 21. Integrationsminister:innenkonferenz "
        "übernehmen.\n"
    )
    (chair,) = facts_of(ingested, "chair_tenure")
    assert (chair.body, chair.holder, chair.start.edtf) == (
        "body:intmk",
        "land:nordrhein-westfalen",
        "2025-07-01",
    )
