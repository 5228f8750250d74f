"""Offices, body events and plan adoptions from short synthetic sentences."""

from __future__ import annotations

import pytest

from .conftest import facts_of


def test_office_holding_with_title_land_and_start(ingest_text):
    ingested = ingest_text(
        "Seit dem 1. Februar 2030 ist die hessische Staatssekretärin Greta Vogelsang im Amt.\n"
    )
    (office,) = facts_of(ingested, "office_holding")
    assert (office.person, office.body, office.type) == (
        "person:greta-vogelsang",
        "land:hessen",
        "state-secretary",
    )
    assert office.start.edtf == "2030-02-01"


def test_constitution_and_merger_told_in_two_sentences_are_one_event(ingest_text):
    ingested = ingest_text(
        "Die Hessische Integrationskonferenz hat sich im Mai 2030 neu konstituiert. Seitdem vereint sie den "
        "früheren Integrationsbeirat und die Hessische Integrationskonferenz.\n"
    )
    (event,) = facts_of(ingested, "body_event")
    assert event.type == "Reconstitution+Merger"
    assert event.body == "body:hessische-integrationskonferenz"
    assert event.originals == ["body:hessische-integrationskonferenz", "body:integrationsbeirat-hessen"]
    assert event.start.edtf == "2030-05"


def test_first_constitution_with_its_day(ingest_text):
    ingested = ingest_text(
        "Die Hessische Integrationskonferenz, die sich am 2. Juni 2029 konstituierte, tagt.\n"
    )
    (event,) = facts_of(ingested, "body_event")
    assert (event.type, event.start.edtf) == ("Constitution", "2029-06-02")


def test_plan_adopted_by_the_cabinet(ingest_text):
    ingested = ingest_text(
        "Der Hessische Aktionsplan bündelt viele Ziele. Der Plan wurde am 5. Mai 2031 durch das Kabinett "
        "beschlossen.\n"
    )
    (adoption,) = facts_of(ingested, "plan_adoption")
    assert (adoption.plan, adoption.holder) == (
        "plan:hessischer-aktionsplan-vielfalt",
        "body:kabinett-hessen",
    )
    assert adoption.start.edtf == "2031-05-05"


def test_a_council_named_by_the_genitive_of_its_land(ingest_text):
    ingested = ingest_text(
        "Der neue Integrationsrat des Landes Bremen hat sich am 14. Januar 2035 konstituiert.\n"
    )
    (event,) = facts_of(ingested, "body_event")
    assert (event.body, event.type, event.start.edtf) == (
        "body:bremischer-integrationsrat",
        "Constitution",
        "2035-01-14",
    )
    assert ingested.proposals.proposed["body:bremischer-integrationsrat"].links == (
        ("org:classification", "igc:advisory-council"),
    )


def test_two_bodies_set_up_in_one_sentence_each_take_the_date_before_them(ingest_text):
    ingested = ingest_text(
        "Das Land hat im Mai 2021 einen Integrationsbeirat und in 2026 die Hessische Integrationskonferenz "
        "eingerichtet.\n"
    )
    found = {f.body: f.start.edtf for f in facts_of(ingested, "body_event")}
    assert found == {
        "body:integrationsbeirat-hessen": "2021-05",
        "body:hessische-integrationskonferenz": "2026",
    }


def test_the_plan_named_before_the_verb_not_a_concept_after_it(ingest_text):
    ingested = ingest_text(
        "Der „Landesaktionsplan 3.0“ ersetzt den Vorgänger. Der Thüringer Landesaktionsplan 3.0 wurde "
        "ausführlich beraten. Der Plan wurde am 5. Mai 2031 vom Kabinett beschlossen und bildet ein "
        "übergreifendes Gesamtkonzept.\n"
    )
    (adoption,) = facts_of(ingested, "plan_adoption")
    assert adoption.plan == "plan:thueringer-landesaktionsplan-3-0"
    assert ingested.proposals.proposed[adoption.plan].entity.label == "Thüringer Landesaktionsplan 3.0"


def test_a_law_passed_by_the_noun_in_the_genitive(ingest_text):
    ingested = ingest_text(
        "Im März 2032 wurde der Rat mit der Verabschiedung des Bremischen Teilhabegesetzes verankert.\n"
    )
    (adoption,) = facts_of(ingested, "plan_adoption")
    assert (adoption.plan, adoption.start.edtf) == ("plan:bremisches-teilhabegesetz", "2032-03")


def test_a_plan_adopted_by_its_participle_and_by_a_pronoun(ingest_text):
    participle = ingest_text(
        "Die Landesregierung legte einen vom Kabinett bereits beschlossenen Hessischen Aktionsplan vor.\n"
    )
    pronoun = ingest_text(
        "Die Hessische Landesregierung hat einen neuen Hessischen Aktionsplan erstellt. Er wurde bereits "
        "vom Kabinett beschlossen.\n"
    )
    for ingested in (participle, pronoun):
        (adoption,) = facts_of(ingested, "plan_adoption")
        assert (adoption.plan, adoption.holder) == (
            "plan:hessischer-aktionsplan-vielfalt",
            "body:kabinett-hessen",
        )


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "Bei der Verabschiedung der Staatssekretärin im Mai 2032 wurde auch das Teilhabegesetz gelobt.\n",
            id="a_farewell_is_no_adoption",
        ),
        pytest.param(
            "Die Landesregierung hat 2030 beschlossen, dass es einen Hessischen Aktionsplan geben soll. "
            "Beide Partner hatten beschlossen, die Politik neu auszurichten, etwa durch einen Hessischen "
            "Aktionsplan. Die Aufgabe, die die Landesregierung angenommen habe: "
            "„Das Landesprogramm wuchs.“\n",
            id="a_decision_to_make_a_plan_is_not_its_adoption",
        ),
    ],
)
def test_no_adoption(ingest_text, text):
    assert facts_of(ingest_text(text), "plan_adoption") == []
