"""Meetings from short synthetic sentences: types, dates, places, ordinals, status, date lists."""

from __future__ import annotations

import pytest

from integrationsgraph.ingest.gazetteer import load_gazetteer
from integrationsgraph.ingest.linking import load_registry
from integrationsgraph.ingest.reading import read_document
from integrationsgraph.ingest.recognition import ingest_source

from .conftest import assert_one_fact, facts_of


def meetings(ingested) -> list:
    return sorted(facts_of(ingested, "meeting"), key=lambda f: (f.start.edtf if f.start else "", f.type))


def test_two_meetings_in_one_sentence_each_with_its_dates(ingest_text):
    ingested = ingest_text(
        "Die Vorkonferenz der IntMK findet am 4. und 5. Februar 2032 statt, die Ministerinnen und Minister "
        "tagen im Rahmen der Hauptkonferenz am 6. und 7. Mai 2032 in Bremerhaven.\n",
        "2031-12-01",
    )
    found = meetings(ingested)
    assert [(m.type, m.start.edtf, m.end.edtf) for m in found] == [
        ("pre-conference", "2032-02-04", "2032-02-05"),
        ("main-conference", "2032-05-06", "2032-05-07"),
    ]
    assert found[1].place == "place:bremerhaven"
    assert {m.status for m in found} == {"announced"}
    assert {m.body for m in found} == {"body:intmk"}


def test_a_date_list_under_headings(ingest_text):
    ingested = ingest_text(
        "Termine der Integrationsministerkonferenz\n"
        "Herbsttreffen (Arbeitsebene):\n8.-9. September 2032 in Kassel\n"
        "Hauptkonferenz (Ministerebene):\n14.-15. April 2033 in Fulda\n"
    )
    found = meetings(ingested)
    assert [(m.type, m.start.edtf, m.place) for m in found] == [
        ("autumn-meeting", "2032-09-08", "place:kassel"),
        ("main-conference", "2033-04-14", "place:fulda"),
    ]


ONE_MEETING = [
    pytest.param(
        "Am 3. und 4. April 2030 fand die 25. Integrationsministerkonferenz unter dem Vorsitz Hessens in "
        "Wiesbaden statt.\n",
        None,
        {"ordinal": 25, "status": "held", "place": "place:wiesbaden", "holder": "land:hessen"},
        id="a_held_numbered_conference_with_place",
    ),
    pytest.param(
        "Anlässlich der gestrigen sechsten Sitzung der Hessischen Integrationskonferenz sprach "
        "die Ministerin.\n",
        "2030-06-12",
        {
            "ordinal": 6,
            "type": "session",
            "start.edtf": "2030-06-11",
            "body": "body:hessische-integrationskonferenz",
        },
        id="ordinal_words_and_yesterday_session",
    ),
    pytest.param(
        "Die Integrationsministerinnen und -minister der Länder kommen am 24. und 25. April 2036 in Potsdam "
        "zu ihrer 31. Hauptkonferenz zusammen.\n",
        "2036-04-02",
        {
            "body": "body:intmk",
            "ordinal": 31,
            "start.edtf": "2036-04-24",
            "end.edtf": "2036-04-25",
            "type": "main-conference",
            "place": "place:potsdam",
            "status": "announced",
        },
        id="members_named_for_their_conference_and_a_number_after_the_dates",
    ),
    pytest.param(
        "Die IntMK tagte zuletzt im März 2035 in Potsdam.\n",
        "2036-04-02",
        {"start.edtf": "2035-03", "status": "held", "place": "place:potsdam"},
        id="a_past_meeting_with_a_month",
    ),
    pytest.param(
        "Rückblick\nBei der Integrationsministerkonferenz in\nKassel gab es gute Ergebnisse.\n",
        None,
        {"place": "place:kassel", "start": None},
        id="a_short_line_ending_in_a_preposition_goes_on",
    ),
    pytest.param(
        "Die Integrationsminister treffen sich diesen Donnerstag und Freitag zur IntMK in Kassel.\n",
        "2031-05",
        {"start.edtf": "2031-05", "start.method": "from-release-date", "status": "announced"},
        id="weekdays_in_a_document_dated_to_the_month_give_the_month",
    ),
    pytest.param(
        "Die nächste Sitzung der IntMK ist im April kommenden Jahres in Fulda geplant.\n",
        "2031-07",
        {"start.edtf": "2032-04", "place": "place:fulda", "status": "announced"},
        id="a_month_of_the_coming_year",
    ),
    pytest.param(
        "Das teilte die Ministerin anlässlich des heutigen zwölften Integrationsgipfels im Kanzleramt mit. "
        "Auf dem heutigen Treffen fehlte der Innenminister.\n",
        "2031-06-15",
        {"body": "body:integrationsgipfel", "ordinal": 12, "start.edtf": "2031-06-15"},
        id="a_summit_the_registry_knows_by_name_also_in_the_genitive",
    ),
    pytest.param(
        "Die Hauptkonferenz der 25. Konferenz der für Integration zuständigen Ministerinnen und Minister "
        "(IntMK) sollte am 29. und 30. April 2031 in Kassel stattfinden.\n",
        "2031-01-10",
        {"ordinal": 25, "type": "main-conference", "start.edtf": "2031-04-29", "place": "place:kassel"},
        id="a_session_of_a_numbered_conference_year_is_one_meeting",
    ),
    pytest.param(
        "Dazu tagte gestern erneut die Hessische Integrationskonferenz.\n",
        None,
        {"body": "body:hessische-integrationskonferenz", "status": "held", "start": None},
        id="a_session_of_yesterday_in_an_undated_text",
    ),
    pytest.param(
        "13 der 16 für Integration zuständigen Landesminister haben sich bei ihrer Konferenz am Bodensee für "
        "ein Einwanderungsgesetz ausgesprochen.\n",
        "2031-03-15",
        {"body": "body:intmk", "status": "held", "start": None, "place": None},
        id="a_conference_at_which_the_members_did_something_was_held",
    ),
    pytest.param(
        "Die IntMK wird sich im nächsten Jahr zu ihrer Hauptkonferenz in Fulda treffen.\n",
        "2031-06-30",
        {"start.edtf": "2032", "start.method": "from-release-date", "place": "place:fulda"},
        id="a_meeting_of_the_next_year",
    ),
]


@pytest.mark.parametrize(("text", "date_as_stated", "expected"), ONE_MEETING)
def test_one_meeting(ingest_text, text, date_as_stated, expected):
    assert_one_fact(ingest_text(text, date_as_stated), "meeting", expected)


NO_MEETING = [
    pytest.param(
        "Zum 1. Oktober 2031 übernimmt Bremen den Vorsitz der 27. IntMK.\n",
        None,
        id="the_chair_year_number_and_chair_dates_are_not_meetings",
    ),
    pytest.param(
        "Heute übergibt Hessen den Vorsitz der IntMK an Bremen.\n"
        "Hauptkonferenz (Ministerebene):\n14.-15. April 2037 in Fulda\n",
        "2031-09-11",
        id="a_sidebar_of_dates_years_after_the_text_is_no_meeting_of_it",
    ),
    pytest.param(
        "Heute findet die offizielle Stabübergabe der Integrationsministerkonferenz statt.\n",
        "2031-09-11",
        id="a_hand_over_of_the_conference_is_no_session",
    ),
    pytest.param(
        "Die IntMK wurde nach dem ersten Integrationsgipfel auf Wunsch der Länder im Jahr 2031 einberufen.\n",
        None,
        id="a_meeting_that_only_dates_something_else",
    ),
]


@pytest.mark.parametrize(("text", "date_as_stated"), NO_MEETING)
def test_no_meeting(ingest_text, text, date_as_stated):
    assert meetings(ingest_text(text, date_as_stated)) == []


def test_mentions_of_one_meeting_merge(ingest_text):
    ingested = ingest_text(
        "Die 26. IntMK findet am 2. und 3. März 2031 in Kassel statt. "
        "Bei der 26. Integrationsministerkonferenz werden viele Gäste erwartet.\n",
        "2031-01-10",
    )
    (meeting,) = meetings(ingested)
    assert (meeting.ordinal, meeting.start.edtf, meeting.place) == (26, "2031-03-02", "place:kassel")
    assert len(meeting.spans) == 2


def test_the_place_of_who_told_is_not_the_meetings(ingest_text):
    said = ingest_text(
        "Die Hessische Integrationskonferenz tagt am 3. Mai 2031 erneut, sagte die Ministerin in Wiesbaden.\n"
    )
    told = ingest_text(
        "Auf der Sitzung am 3. Mai 2031 wurde die Vorsitzende bestätigt, wie die Hessische "
        "Integrationskonferenz am Dienstag in Kassel mitteilte.\n"
    )
    for ingested in (said, told):
        (meeting,) = meetings(ingested)
        assert (meeting.start.edtf, meeting.place) == ("2031-05-03", None)


def test_two_meetings_of_a_sentence_each_with_its_own_place(ingest_text):
    ingested = ingest_text(
        "Nach einem Treffen der IntMK in Kassel sagte die Ministerin am Donnerstag mit Blick auf die "
        "Ministerpräsidentenkonferenz am 10. Mai 2031, es fehle Geld.\n",
        "2031-04-20",
    )
    by_body = {m.body: m for m in meetings(ingested)}
    assert (by_body["body:intmk"].place, by_body["body:intmk"].start) == ("place:kassel", None)
    conference = by_body["body:ministerpraesidentenkonferenz"]
    assert (conference.place, conference.start.edtf, conference.status) == (None, "2031-05-10", "announced")


def test_an_assembly_where_something_was_done_and_a_half_year(ingest_text):
    assembly = ingest_text(
        "Auf einer Mitgliederversammlung der Hessischen Integrationskonferenz wurde die Vorsitzende "
        "bestätigt.\n"
    )
    (held,) = meetings(assembly)
    assert (held.body, held.status, held.start) == ("body:hessische-integrationskonferenz", "held", None)
    planned = ingest_text(
        "Ein Treffen der Hessischen Integrationskonferenz sei für das zweite Halbjahr 2031 angepeilt.\n"
    )
    (announced,) = meetings(planned)
    assert (announced.start.edtf, announced.end.edtf, announced.status) == ("2031-07", "2031-12", "announced")


def test_a_district_named_with_its_city(ingest_entities_dir, tmp_path):
    # a place the registry knows under a hyphenated altLabel ("Rostock-Warnemünde") is the meeting's place
    entities = tmp_path / "entities"
    entities.mkdir()
    registry_text = (ingest_entities_dir / "registry.ttl").read_text(encoding="utf-8")
    district = 'place:warnemuende a ig:Place ; rdfs:label "Warnemünde"@de ;'
    registry_text += district + ' skos:altLabel "Rostock-Warnemünde"@de .\n'
    (entities / "registry.ttl").write_text(registry_text, encoding="utf-8")
    text = tmp_path / "district.txt"
    text.write_text(
        "Die Minister der IntMK sind am 3. Mai 2031 in Rostock-Warnemünde zu einer Konferenz "
        "zusammengetroffen.\n",
        encoding="utf-8",
    )
    ingested = ingest_source(read_document(text), load_registry(entities), load_gazetteer(), "ingested")
    (meeting,) = meetings(ingested)
    assert (meeting.place, meeting.start.edtf) == ("place:warnemuende", "2031-05-03")
