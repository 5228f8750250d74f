"""German date expressions: forms, ranges, and how a missing year is resolved (and recorded)."""

from __future__ import annotations

from datetime import date

import pytest

from integrationsgraph.ingest.dates import (
    FROM_RELEASE_DATE,
    FROM_WEEKDAY,
    STATED,
    UNRESOLVED,
    PartialDate,
    document_date,
    find_dates,
)


def only(text: str, doc: date | None = None):
    mentions = find_dates(text, doc)
    assert len(mentions) == 1, mentions
    return mentions[0]


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("am 14. und 15. März 2023 in Wiesbaden", "2023-03-14", "2023-03-15"),
        ("vom 10.-11. September 2024 in Hannover", "2024-09-10", "2024-09-11"),
        ("am 20. und 21.März 2013", "2013-03-20", "2013-03-21"),
        ("seit dem 01.07.2024 im Amt", "2024-07-01", "2024-07-01"),
        ("Stand: 27.04.2007, 06:00 Uhr", "2007-04-27", "2007-04-27"),
        ("Die Konferenz hat sich im Dezember 2019 konstituiert.", "2019-12", "2019-12"),
    ],
)
def test_stated_forms(text, first, last):
    mention = only(text)
    assert (mention.first.edtf, mention.last.edtf) == (first, last)
    assert mention.first.method == STATED
    assert text[mention.start : mention.end] == mention.exact


def test_month_precision_has_calendar_bounds():
    mention = only("im Februar 2024")
    assert (mention.first.earliest, mention.first.latest) == (date(2024, 2, 1), date(2024, 2, 29))


def test_weekday_picks_the_only_fitting_year_near_the_document_date():
    # 1 July is a Friday in 2022; the nearest other Friday 1 July years (2016, 2027) are out of the window.
    mention = only("Am kommenden Freitag, 1. Juli, übernimmt Hessen den Vorsitz", date(2022, 6, 27))
    assert mention.first.edtf == "2022-07-01"
    assert mention.first.method == FROM_WEEKDAY
    assert "Freitag" in mention.first.note
    assert mention.relative == "kommenden"


def test_weekday_that_fits_no_year_falls_back_to_the_document_date():
    # 1 July is a Sunday in none of 2020-2024.
    mention = only("am Sonntag, 1. Juli", date(2022, 6, 27))
    assert mention.first.edtf == "2022-07-01"
    assert mention.first.method == FROM_RELEASE_DATE


def test_year_less_day_takes_the_nearest_year_to_the_document_date():
    assert only("am 24. April", date(2023, 4, 25)).first.edtf == "2023-04-24"
    assert only("am 3. Januar", date(2016, 12, 20)).first.edtf == "2017-01-03"


def test_year_less_day_without_document_date_stays_open():
    mention = only("Am 1. Oktober übernimmt Sachsen")
    assert mention.first.edtf == "XXXX-10-01"
    assert mention.first.method == UNRESOLVED
    assert mention.first.earliest is None


def test_bare_weekday_and_relative_days_need_the_document_date():
    doc = date(2024, 9, 23)  # a Monday
    assert find_dates("am Mittwoch stellte sie vor") == []
    assert only("am Mittwoch stellte sie vor", doc).first.edtf == "2024-09-18"
    assert only("am kommenden Freitag", doc).first.edtf == "2024-09-27"
    assert only("der gestrigen Sitzung", doc).first.edtf == "2024-09-22"
    assert only("der heutigen Sitzung", doc).first.edtf == "2024-09-23"


def test_several_mentions_in_order_without_overlap():
    text = "Die Vorkonferenz ist am 14. und 15. März 2023, die Hauptkonferenz am 26. und 27. April 2023."
    assert [m.first.edtf for m in find_dates(text)] == ["2023-03-14", "2023-04-26"]


def test_invalid_days_are_not_dates():
    assert find_dates("am 31.02.2020") == []
    assert find_dates("die 18. IntMK") == []


@pytest.mark.parametrize(
    ("header", "text", "expected"),
    [
        ({"date-as-stated": "Veröffentlicht am 25.09.2016 (as stored)"}, "", "2016-09-25"),
        ({"date-as-stated": "2017-12 (as stored)"}, "", "2017-12"),
        ({"date-as-stated": "AUSGABE 04 / JULI 2015 (as stored)"}, "", "2015-07"),
        (
            {"date-as-stated": "not stated"},
            "## Presseinformation\n\nWiesbaden, 23. September 2024\n",
            "2024-09-23",
        ),
        ({"date-as-stated": "not stated"}, "Am 1. Juli übernimmt …", None),
    ],
)
def test_document_date(header, text, expected):
    found = document_date(header, text)
    assert (found.edtf if found else None) == expected


def test_partial_date_edtf_for_unknown_year():
    assert PartialDate(None, 4, 24).edtf == "XXXX-04-24"


def test_slash_day_ranges_as_conference_announcements_write_them():
    mention = only("am 19./20. März 2031 in Kassel")
    assert (mention.first.edtf, mention.last.edtf) == ("2031-03-19", "2031-03-20")
    assert mention.exact == "19./20. März 2031"
