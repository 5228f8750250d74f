"""Every IntMK chair year the data covers, asked of the real build with `chair-at` (issue 11): the right
Land and person inside each year, "no known holder" with the neighbours in the years no source covers,
nothing before the body can have been set up, and never two Lands or a person outside their tenure."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from .test_competency import answer, in_process, pick

pytestmark = pytest.mark.slow  # the session's real build takes a while

# A day inside each chair year, with the one Land and the one person (None: no person is certain or
# possible that day) the sources support.
CHAIR_YEARS = [
    ("2009-09-30", "land:niedersachsen", None),
    ("2009-10-01", "land:nordrhein-westfalen", "person:armin-laschet"),
    # Laschet still NRW's integration minister on 18 March 2010 (Bild): Schneider not before
    ("2009-12-01", "land:nordrhein-westfalen", "person:armin-laschet"),
    ("2010-03-18", "land:nordrhein-westfalen", "person:armin-laschet"),
    ("2011-03-01", "land:rheinland-pfalz", "person:malu-dreyer"),
    ("2012-03-21", "land:saarland", "person:monika-bachmann"),
    # Storm the Saarland's minister on the day of the hand-over release (28 September 2012)
    ("2012-09-28", "land:saarland", "person:andreas-storm"),
    ("2012-09-30", "land:saarland", "person:andreas-storm"),
    ("2013-03-20", "land:sachsen", "person:christine-clauss"),
    ("2014-03-19", "land:sachsen-anhalt", "person:norbert-bischoff"),
    ("2015-03-26", "land:schleswig-holstein", "person:stefan-studt"),
    ("2016-03-01", "land:thueringen", "person:dieter-lauinger"),
    ("2017-03-16", "land:baden-wuerttemberg", "person:manfred-lucha"),
    ("2017-10-01", "land:bayern", "person:emilia-mueller"),
    ("2018-03-15", "land:bayern", "person:emilia-mueller"),
    ("2018-10-01", "land:berlin", "person:elke-breitenbach"),
    ("2019-10-01", "land:brandenburg", "person:susanna-karawanskij"),
    ("2020-06-30", "land:brandenburg", "person:ursula-nonnemacher"),
    ("2020-10-01", "land:bremen", "person:anja-stahmann"),
    ("2021-10-01", "land:hamburg", "person:melanie-leonhard"),
    ("2022-06-30", "land:hamburg", "person:melanie-leonhard"),
    ("2022-10-01", "land:hessen", "person:kai-klose"),
    ("2023-10-01", "land:mecklenburg-vorpommern", "person:stefanie-drese"),
    ("2024-10-01", "land:niedersachsen", "person:andreas-philippi"),
    ("2025-10-01", "land:nordrhein-westfalen", "person:josefine-paul"),
    ("2026-06-30", "land:nordrhein-westfalen", "person:josefine-paul"),
]

# Issue 15: from 1 October 2009 to 30 June 2026 every day has a Land; after NRW's year (a one-year term
# from 1 July 2025) no source names the next chair.
GAPS = [("2026-07-01", ("holding:intmk-chair-2025-nordrhein-westfalen", None))]


def test_every_day_from_october_2009_to_june_2026_names_exactly_one_land(graph_store):
    day = date(2009, 10, 1)
    while day <= date(2026, 6, 30):
        rows = chair_at(graph_store, day.isoformat())
        assert len(rows) >= 1, day
        assert {row["status"] for row in rows} <= {"certain", "possible"}, (day, rows)
        assert len({row["holder"] for row in rows}) == 1, (day, rows)
        assert all(row["sources"] for row in rows), day
        day += timedelta(days=7)


def _tenure_boundary_days(store) -> list[date]:
    """Each bound of every IntMK chair tenure with the days either side: chair-at's answer can change only
    on such a day, so these days stand for every day between them."""
    days = set()
    for row in answer(in_process(store), "holders-of", post="post:intmk-chair"):
        for bound in (row["certainFrom"], row["certainUntil"], row["possibleFrom"], row["possibleUntil"]):
            if bound:
                day = date.fromisoformat(bound)
                days |= {day - timedelta(days=1), day, day + timedelta(days=1)}
    return sorted(day for day in days if date(2009, 10, 1) <= day <= date(2026, 6, 30))


def test_every_boundary_day_names_one_land_and_the_person_in_office_with_sources(graph_store):
    days = _tenure_boundary_days(graph_store)
    assert len(days) >= 3 * 17  # at least a hand-over a year from 2009 to 2026, with its neighbours
    for day in map(date.isoformat, days):
        rows = chair_at(graph_store, day)
        assert len({row["holder"] for row in rows}) == 1, (day, rows)
        assert {row["status"] for row in rows} <= {"certain", "possible"}, (day, rows)
        assert all(row["sources"] for row in rows), day
        # the person exercising the chair; where the sources leave open which of two, both as possible
        persons = {(row["person"], row["personStatus"]) for row in rows}
        assert all(person for person, _ in persons), (day, rows)
        assert {status for _, status in persons} <= {"certain", "possible"}, (day, rows)
        assert len(persons) == 1 or {status for _, status in persons} == {"possible"}, (day, rows)


def test_brandenburgs_year_had_two_ministers_the_sources_do_not_date_the_change(graph_store):
    # Karawanskij took the chair on 1 October 2019; Nonnemacher chaired it up to the hand-over of 1 July 2020
    rows = chair_at(graph_store, "2020-01-15")
    assert {row["holder"] for row in rows} == {"land:brandenburg"}
    assert {(row["person"], row["personStatus"]) for row in rows} == {
        ("person:susanna-karawanskij", "possible"),
        ("person:ursula-nonnemacher", "possible"),
    }


@pytest.mark.parametrize(
    ("day", "land", "persons"),
    [
        # after Laschet was last seen in office, before Schneider handed the chair over: no source dates
        # the change, so the gap stays a gap
        ("2010-03-19", "land:nordrhein-westfalen", {"person:armin-laschet", "person:guntram-schneider"}),
        ("2010-09-29", "land:nordrhein-westfalen", {"person:armin-laschet", "person:guntram-schneider"}),
        # after the conference Bachmann chaired, before Storm is seen in office
        ("2012-06-01", "land:saarland", {"person:monika-bachmann", "person:andreas-storm"}),
    ],
)
def test_between_two_exercisers_last_and_first_seen_days_both_are_possible(graph_store, day, land, persons):
    rows = chair_at(graph_store, day)
    assert {row["holder"] for row in rows} == {land}
    assert {(row["person"], row["personStatus"]) for row in rows} == {(p, "possible") for p in persons}


def chair_at(store, day: str) -> list[dict]:
    return answer(in_process(store), "chair-at", body="body:intmk", date=day)


@pytest.mark.parametrize(("day", "land", "person"), CHAIR_YEARS)
def test_a_day_inside_each_chair_year_answers_its_land_and_person(graph_store, day, land, person):
    rows = chair_at(graph_store, day)
    assert {row["holder"] for row in rows} == {land}
    assert {row["status"] for row in rows} <= {"certain", "possible"}
    assert {row["person"] for row in rows} == {person}


@pytest.mark.parametrize(("day", "neighbours"), GAPS)
def test_years_no_source_covers_answer_no_known_holder_with_the_neighbours(graph_store, day, neighbours):
    rows = chair_at(graph_store, day)
    assert pick(rows, "status", "holder", "before", "after") == [("no known holder", None, *neighbours)]


@pytest.mark.parametrize("day", ["1995-01-01", "2005-12-31"])
def test_a_day_before_the_body_can_have_been_set_up_answers_nothing(graph_store, day):
    # the sources date the IntMK's setting-up to 2006, 2007 or 2008: the earliest of them bounds it
    assert chair_at(graph_store, day) == []


def test_a_day_after_the_setting_up_but_before_any_known_chair_names_the_next(graph_store):
    # issue 11: 2006-06-01 answered Niedersachsen, whose holding has only an end (1 October 2009)
    rows = chair_at(graph_store, "2006-06-01")
    assert pick(rows, "status", "before", "after") == [
        ("no known holder", None, "holding:intmk-chair-until-2009-niedersachsen")
    ]


@pytest.mark.parametrize(
    ("day", "absent"),
    [
        ("2009-10-01", "person:guntram-schneider"),
        ("2010-03-18", "person:guntram-schneider"),
        ("2011-10-01", "person:andreas-storm"),
    ],
)
def test_a_person_is_not_the_exerciser_before_their_own_part_began(graph_store, day, absent):
    rows = chair_at(graph_store, day)
    assert absent not in {row["person"] for row in rows}
    assert len({row["holder"] for row in rows}) == 1


def _every_rotation_day():
    for year in range(1990, 2031):
        yield date(year, 7, 1)
        yield date(year, 10, 1)


def _inside(day: str, first: str | None, last: str | None) -> bool:
    return (first is None or first <= day) and (last is None or day <= last)


def _own_offices(store, person: str, land: str) -> list[dict]:
    """The person's offices in the Land (a post of the Land or of one of its ministries)."""
    rows = answer(in_process(store), "offices-of", person=person)
    return [row for row in rows if row["post"] != "post:intmk-chair" and land in (row["in"], row["inLand"])]


def _inside_any(day: str, tenures: list[dict]) -> bool:
    return any(_inside(day, t["possibleFrom"], t["possibleUntil"]) for t in tenures)


def test_never_two_lands_and_never_a_person_outside_their_tenure(graph_store):
    chair_tenures = answer(in_process(graph_store), "holders-of", post="post:intmk-chair")
    checked = 0
    for day in map(date.isoformat, _every_rotation_day()):
        rows = chair_at(graph_store, day)
        holders = {row["holder"] for row in rows if row["status"] != "no known holder"}
        assert len(holders) <= 1, (day, holders)
        for row in rows:
            if row["person"] is None:
                continue
            exercise = [
                t for t in chair_tenures if t["holder"] == row["person"] and t["exercises"] == row["holding"]
            ]
            assert exercise, (day, row)
            assert _inside_any(day, exercise), (day, row)
            offices = _own_offices(graph_store, row["person"], row["holder"])
            assert not offices or _inside_any(day, offices), (day, row, offices)
            checked += 1
    assert checked >= 10  # the loop did meet persons: it is not vacuous


def test_no_day_from_1990_to_2030_doubles_the_chair(graph_store):
    # a coarser sweep than the rotation days: the first of every month
    day = date(1990, 1, 1)
    while day.year <= 2030:
        rows = chair_at(graph_store, day.isoformat())
        assert len({row["holder"] for row in rows if row["holder"]}) <= 1, day
        assert all(row["status"] != "contested" for row in rows), day
        day = (day.replace(day=1) + timedelta(days=32)).replace(day=1)


def test_klose_chairs_until_the_end_of_the_hessen_holding(graph_store):
    holders = answer(in_process(graph_store), "holders-of", post="post:intmk-chair")
    hessen = next(row for row in holders if row["holding"] == "holding:intmk-chair-2022-hessen")
    klose = next(row for row in holders if row["holding"] == "holding:intmk-chair-2022-kai-klose")
    assert hessen["possibleUntil"] == klose["possibleUntil"] == "2023-06-30"
    offices = answer(in_process(graph_store), "offices-of", person="person:kai-klose")
    chair = [row for row in offices if row["post"] == "post:intmk-chair"]
    assert pick(chair, "possibleUntil") == [("2023-06-30",)]


def test_sources_of_a_holding_explain_its_derived_bounds(graph_store):
    # issue 15: Baden-Württemberg's end is stated now; NRW's year (from 1 July 2025) has none
    holding = "holding:intmk-chair-2025-nordrhein-westfalen"
    rows = answer(in_process(graph_store), "sources-of", entity=holding)
    derived = pick([row for row in rows if row["rule"]], "fact", "property", "rule", "file", "exact")
    # the latest end rests on the stated rotation and on the stated beginning it counts from
    latest_end = "interval:resolved-intmk-chair-2025-nordrhein-westfalen-latest-end"
    assert (
        latest_end,
        "ig:latestEnd",
        "igr:tenure-term-length",
        "sachsen-willkommen-intmk-2016.txt",
        "Der Vorsitz der Konferenz wechselt jeweils zum 1. Oktober des Jahres",
    ) in derived
    assert any(
        fact == latest_end and "1. Juli 2025" in exact and file.startswith("mkjfgfi")
        for fact, _, _, file, exact in derived
    )


def test_sources_of_an_exerciser_explain_the_bound_from_the_other_exerciser(graph_store):
    # Schneider began after the last day a source shows Laschet in NRW's office; Laschet ended by the
    # first day Schneider surely exercised the chair
    rows = answer(in_process(graph_store), "sources-of", entity="holding:intmk-chair-2009-guntram-schneider")
    derived = pick([row for row in rows if row["rule"]], "fact", "property", "rule", "file", "exact")
    assert (
        "interval:resolved-intmk-chair-2009-guntram-schneider-earliest-beginning",
        "ig:earliestBeginning",
        "igr:tenure-exercisers-in-turn",
        "bild-intmk-duesseldorf-2010-03-18.txt",
        "NRW-Integrationsminister Armin Laschet (CDU)",
    ) in derived
    rows = answer(in_process(graph_store), "sources-of", entity="holding:intmk-chair-2009-armin-laschet")
    derived = pick([row for row in rows if row["rule"]], "fact", "property", "rule", "file")
    assert (
        "interval:resolved-intmk-chair-2009-armin-laschet-latest-end",
        "ig:latestEnd",
        "igr:tenure-exercisers-in-turn",
        "rlp-de-den-vorsitz-uebernommen.txt",
    ) in derived
    office = answer(
        in_process(graph_store), "sources-of", entity="holding:armin-laschet-nrw-integrationsminister"
    )
    derived = pick([row for row in office if row["rule"]], "property", "rule", "file")
    assert ("ig:earliestEnd", "igr:tenure-held-on", "bild-intmk-duesseldorf-2010-03-18.txt") in derived
