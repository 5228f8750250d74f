"""Chair tenures from short synthetic sentences: hand-overs, dates, ordinals, persons and their Land."""

from __future__ import annotations

from integrationsgraph.ingest.facts import DAY_AFTER_STATED_LAST_DAY

from .conftest import facts_of


def tenures(ingested) -> dict[str, object]:
    return {fact.holder: fact for fact in facts_of(ingested, "chair_tenure")}


def test_take_over_from_a_predecessor_shares_the_hand_over_day(ingest_text):
    ingested = ingest_text(
        "Zum 1. Oktober 2031 hat Bremen den Vorsitz der Integrationsministerkonferenz (IntMK) "
        "vom Freistaat Thüringen übernommen.\n"
    )
    found = tenures(ingested)
    assert set(found) == {"land:bremen", "land:thueringen"}
    assert found["land:bremen"].start.edtf == "2031-10-01"
    assert found["land:bremen"].role == "successor"
    assert found["land:thueringen"].end == found["land:bremen"].start
    assert found["land:thueringen"].role == "predecessor"
    assert found["land:bremen"].body == "body:intmk"


def test_chair_goes_from_one_land_to_another(ingest_text):
    ingested = ingest_text("Vorsitz der IntMK geht von Hessen nach Bremen\n", "2031-09-30")
    found = tenures(ingested)
    assert (found["land:hessen"].role, found["land:bremen"].role) == ("predecessor", "successor")


def test_until_a_day_ends_the_tenure_on_the_day_after_with_its_method(ingest_text):
    ingested = ingest_text("Bremen ist bis zum 30. September 2032 Vorsitzland der 27. IntMK.\n")
    tenure = tenures(ingested)["land:bremen"]
    assert tenure.end.edtf == "2032-10-01"
    assert tenure.end.method == DAY_AFTER_STATED_LAST_DAY
    assert tenure.ordinal == 27


def test_until_the_end_of_a_month_takes_the_year_from_the_document(ingest_text):
    text = "Hessen hat noch bis Ende September den Vorsitz der Integrationsministerkonferenz.\n"
    ingested = ingest_text(text, "2033-04-02")
    assert tenures(ingested)["land:hessen"].end.edtf == "2033-10-01"


def test_a_minister_hands_over_to_a_named_successor_with_land_from_titles(ingest_text):
    ingested = ingest_text(
        "Die hessische Ministerin Greta Vogelsang hat den Vorsitz der Integrationsministerkonferenz am "
        "1. Oktober 2031 an den Senator für Soziales der Freien Hansestadt Bremen, Till Brandauer, "
        "übergeben.\n"
    )
    found = tenures(ingested)
    assert found["land:hessen"].person == "person:greta-vogelsang"
    assert found["land:hessen"].role == "predecessor"
    assert found["land:bremen"].person == "person:till-brandauer"
    assert found["land:bremen"].start.edtf == "2031-10-01"


def test_year_from_the_weekday_when_the_text_gives_none(ingest_text):
    # 1 October 2032 is a Friday; no other year within two of 2032 has a Friday 1 October.
    ingested = ingest_text(
        "Am kommenden Freitag, 1. Oktober, übernimmt Bremen den Vorsitz der IntMK. "
        "Die Hauptkonferenz findet am 10. und 11. März 2033 statt.\n"
    )
    start = tenures(ingested)["land:bremen"].start
    assert start.edtf == "2032-10-01"
    assert start.method == "from-weekday"


def test_chair_of_another_organisation_is_not_a_tenure(ingest_text):
    ingested = ingest_text(
        "Der Vorsitzende der hessischen Landtagsfraktion, Till Brandauer, sprach über die IntMK.\n"
    )
    assert facts_of(ingested, "chair_tenure") == []


def test_a_symbolic_ceremony_date_is_not_the_start(ingest_text):
    ingested = ingest_text(
        "Bremen übernimmt zum 1. Oktober den Vorsitz der IntMK. Am Freitag bekam Senator Till Brandauer "
        "symbolisch den Staffelstab.\n",
        "2031-09-27",
    )
    tenure = tenures(ingested)["land:bremen"]
    assert tenure.start.edtf == "2031-10-01"
    assert tenure.person == "person:till-brandauer"


def test_a_compound_chair_word_and_a_successor_replacing_a_predecessor(ingest_text):
    ingested = ingest_text(
        "Die hessische Ministerin Greta Vogelsang hat zum 1. Oktober 2034 den IntMK-Vorsitz übernommen. "
        "Sie löst damit den Thüringer Minister Jan Probe ab.\n"
    )
    found = tenures(ingested)
    assert (found["land:hessen"].role, found["land:hessen"].start.edtf) == ("successor", "2034-10-01")
    assert found["land:thueringen"].role == "predecessor"
    assert found["land:thueringen"].end == found["land:hessen"].start
    assert found["land:thueringen"].person == "person:jan-probe"


def test_a_minister_leading_the_conference_for_a_land_exercises_its_chair(ingest_text):
    ingested = ingest_text(
        "Thüringen übernimmt zum 1. Oktober 2031 den Vorsitz der IntMK von Hessen.\n\n"
        "Ministerin Greta Vogelsang leitet die Konferenz für Thüringen.\n"
    )
    found = tenures(ingested)
    assert set(found) == {"land:thueringen", "land:hessen"}
    assert found["land:thueringen"].person == "person:greta-vogelsang"
    assert found["land:thueringen"].start.edtf == "2031-10-01"
    assert found["land:hessen"].person is None
    (office,) = facts_of(ingested, "office_holding")
    assert (office.person, office.body, office.type) == (
        "person:greta-vogelsang",
        "land:thueringen",
        "minister",
    )


def test_a_land_after_fuer_belongs_to_the_person_nearest_before_it(ingest_text):
    ingested = ingest_text(
        "Ministerin Greta Vogelsang gratuliert Till Brandauer, der den Vorsitz der IntMK für Bremen "
        "übernimmt.\n"
    )
    found = tenures(ingested)
    assert set(found) == {"land:bremen"}
    assert found["land:bremen"].person == "person:till-brandauer"
