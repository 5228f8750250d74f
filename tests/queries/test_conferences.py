"""Issue 15: every IntMK conference from the 1st to the 21st as the sources give it (`conferences`):
number, dates, place, chair, motto and status, each row with its source; the numbers no source gives are
rows "no source", never invented meetings."""

from __future__ import annotations

import pytest

from tests.queries.test_competency import answer, in_process

pytestmark = pytest.mark.slow  # the session's real build

IGC = "https://w3id.org/integrationsgraph/def/concept/"


@pytest.fixture(scope="module")
def conferences(graph_store) -> dict[int, list[dict]]:
    rows = answer(in_process(graph_store), "conferences", body="body:intmk")
    by_number: dict[int, list[dict]] = {}
    for row in rows:
        by_number.setdefault(int(row["number"]), []).append(row)
    return by_number


def _statuses(rows: list[dict]) -> set[str]:
    return {row["status"].removeprefix(IGC).removeprefix("igc:") for row in rows}


def test_every_number_from_1_to_21_is_a_conference_or_a_stated_gap(conferences):
    assert sorted(conferences) == list(range(1, 22))
    gaps = sorted(n for n, rows in conferences.items() if _statuses(rows) == {"no source"})
    assert gaps == [2, 4, 5]  # no text under ../shared numbers these
    for number, rows in conferences.items():
        if number not in gaps:
            assert all(row["meeting"] and row["file"] for row in rows), number
            assert "no source" not in _statuses(rows), number


def test_status_held_cancelled_and_online_as_the_sources_state(conferences):
    assert "cancelled" in _statuses(conferences[15])  # Potsdam 2020
    assert _statuses(conferences[16]) == {"held-online"}
    assert "held" in _statuses(conferences[20])


@pytest.mark.parametrize(
    ("number", "place", "start", "motto"),
    [
        (14, "Berlin", "2019-04-11", "Ankommen. Teilhaben. Bleiben."),
        (19, "Rostock", "2024-03-20", "Miteinander wachsen"),
        (20, "Göttingen", "2025-04-23", "Zusammen leben – zusammen arbeiten"),
        (21, "Essen", None, "Vereint in Vielfalt"),
    ],
)
def test_place_dates_and_motto_with_their_sources(conferences, number, place, start, motto):
    rows = conferences[number]
    assert place in {row["placeLabel"] for row in rows}
    assert start is None or start in {row["startEdtf"] for row in rows}
    assert motto in {row["motto"] for row in rows}


def test_the_chair_of_a_conference_is_named(conferences):
    assert "person:andreas-philippi" in {row["chair"] for row in conferences[20]}
    assert "person:elke-breitenbach" in {row["chair"] for row in conferences[14]}
