"""Every IntMK chair year the data covers, asked of the real build with `chair-at` (issue 11): the right
Land and person inside each year, "no known holder" with the neighbours in the years no source covers,
nothing before the body can have been set up, and never two Lands or a person outside their tenure."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from .test_competency import answer, pick

pytestmark = pytest.mark.slow  # the session's real build takes a while

# A day inside each chair year, with the one Land and the one person (None: no person is certain or
# possible that day) the sources support.
CHAIR_YEARS = [
    ("2009-09-30", "land:niedersachsen", None),
    ("2009-10-01", "land:nordrhein-westfalen", "person:armin-laschet"),
    ("2011-03-01", "land:rheinland-pfalz", "person:malu-dreyer"),
    ("2012-03-21", "land:saarland", "person:monika-bachmann"),
    ("2012-09-30", "land:saarland", "person:andreas-storm"),
    ("2013-03-20", "land:sachsen", "person:christine-clauss"),
    ("2014-03-19", "land:sachsen-anhalt", "person:norbert-bischoff"),
    ("2015-03-26", "land:schleswig-holstein", "person:stefan-studt"),
    ("2016-03-01", "land:thueringen", "person:dieter-lauinger"),
    ("2017-03-16", "land:baden-wuerttemberg", "person:manfred-lucha"),
    ("2022-06-30", "land:hamburg", None),
    ("2022-10-01", "land:hessen", "person:kai-klose"),
]

# Years no source covers: the neighbours that surely ended before and surely began after.
BW_TO_HAMBURG = ("holding:intmk-chair-2016-baden-wuerttemberg", "holding:intmk-chair-until-2022-hamburg")
HESSEN_TO_NIEDERSACHSEN = ("holding:intmk-chair-2022-hessen", "holding:intmk-chair-2024-niedersachsen")
AFTER_NIEDERSACHSEN = ("holding:intmk-chair-2024-niedersachsen", None)
GAPS = [
    ("2017-10-01", BW_TO_HAMBURG),
    ("2018-10-01", BW_TO_HAMBURG),
    ("2019-10-01", BW_TO_HAMBURG),
    ("2020-10-01", BW_TO_HAMBURG),
    ("2021-03-01", BW_TO_HAMBURG),
    ("2023-10-01", HESSEN_TO_NIEDERSACHSEN),
    ("2025-10-01", AFTER_NIEDERSACHSEN),
]


def chair_at(store, day: str) -> list[dict]:
    return answer(store, "chair-at", body="body:intmk", date=day)


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
    [("2009-10-01", "person:guntram-schneider"), ("2011-10-01", "person:andreas-storm")],
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
    rows = answer(store, "offices-of", person=person)
    return [row for row in rows if row["post"] != "post:intmk-chair" and land in (row["in"], row["inLand"])]


def _inside_any(day: str, tenures: list[dict]) -> bool:
    return any(_inside(day, t["possibleFrom"], t["possibleUntil"]) for t in tenures)


def test_never_two_lands_and_never_a_person_outside_their_tenure(graph_store):
    chair_tenures = answer(graph_store, "holders-of", post="post:intmk-chair")
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
    holders = answer(graph_store, "holders-of", post="post:intmk-chair")
    hessen = next(row for row in holders if row["holding"] == "holding:intmk-chair-2022-hessen")
    klose = next(row for row in holders if row["holding"] == "holding:intmk-chair-2022-kai-klose")
    assert hessen["possibleUntil"] == klose["possibleUntil"] == "2023-06-30"
    offices = answer(graph_store, "offices-of", person="person:kai-klose")
    chair = [row for row in offices if row["post"] == "post:intmk-chair"]
    assert pick(chair, "possibleUntil") == [("2023-06-30",)]


def test_sources_of_a_holding_explain_its_derived_bounds(graph_store):
    rows = answer(graph_store, "sources-of", entity="holding:intmk-chair-2016-baden-wuerttemberg")
    derived = pick([row for row in rows if row["rule"]], "fact", "property", "rule", "file", "exact")
    # the latest end rests on the stated rotation and on the stated beginning it counts from
    latest_end = "interval:resolved-intmk-chair-2016-baden-wuerttemberg-latest-end"
    assert (
        latest_end,
        "ig:latestEnd",
        "igr:tenure-term-length",
        "sachsen-willkommen-intmk-2016.txt",
        "Der Vorsitz der Konferenz wechselt jeweils zum 1. Oktober des Jahres",
    ) in derived
    assert any(
        fact == latest_end and "1. Oktober" in exact and file.startswith("bw-de")
        for fact, _, _, file, exact in derived
    )
