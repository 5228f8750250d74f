"""German date expressions as press releases write them, resolved to calendar days with the method used.

Handles "1. Juli", "14. und 15. März 2023", "10.-11. September 2024", "21./22. März 2012",
"am kommenden Freitag, 1. Juli",
"im Dezember 2019", "seit dem 01.07.2024", "am Mittwoch", "gestern", "heute". A year the text does not
state is resolved from the weekday (exactly one year near the document's date has that weekday), from the
document's date (the nearest such day), or left open; the method is recorded with every value, because a
resolved year is an inference, not a fact of the text.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

MONTHS = {
    "januar": 1, "jänner": 1, "februar": 2, "märz": 3, "maerz": 3, "april": 4, "mai": 5, "juni": 6,
    "juli": 7, "august": 8, "september": 9, "oktober": 10, "november": 11, "dezember": 12,
}  # fmt: skip
WEEKDAYS = {
    "montag": 0, "dienstag": 1, "mittwoch": 2, "donnerstag": 3, "freitag": 4, "samstag": 5, "sonntag": 6,
}  # fmt: skip

# Methods, named as the concepts of the ontology's date-method scheme.
STATED = "stated"
FROM_WEEKDAY = "from-weekday"
FROM_RELEASE_DATE = "from-release-date"
UNRESOLVED = "unresolved"

# How far from the document's date a year-less day may lie when the weekday picks the year.
WEEKDAY_WINDOW_YEARS = 2


@dataclass(frozen=True)
class PartialDate:
    """A calendar value of day, month or year precision; `year` may be unknown (None)."""

    year: int | None
    month: int | None = None
    day: int | None = None
    method: str = STATED
    note: str = ""

    @property
    def edtf(self) -> str:
        year = f"{self.year:04d}" if self.year is not None else "XXXX"
        parts = [year]
        if self.month is not None:
            parts.append(f"{self.month:02d}")
            if self.day is not None:
                parts.append(f"{self.day:02d}")
        return "-".join(parts)

    @property
    def earliest(self) -> date | None:
        if self.year is None:
            return None
        return date(self.year, self.month or 1, self.day or 1)

    @property
    def latest(self) -> date | None:
        if self.year is None:
            return None
        month = self.month or 12
        day = self.day or calendar.monthrange(self.year, month)[1]
        return date(self.year, month, day)

    @classmethod
    def of_day(cls, day: date, method: str, note: str = "") -> PartialDate:
        return cls(day.year, day.month, day.day, method, note)


@dataclass(frozen=True)
class DateMention:
    """A date expression found in a text: the span, and the first and last day it names."""

    start: int
    end: int
    exact: str
    first: PartialDate
    last: PartialDate
    weekday: int | None = None
    relative: str | None = None  # "kommenden", "gestern", "heute": words that tie it to the document date


_MONTH = "(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + ")"
_WEEKDAY = "(?P<weekday>" + "|".join(WEEKDAYS) + ")"
_DAY_RANGE = r"(?P<day1>\d{1,2})\.?\s*(?:(?:und|bis|-|–|/)\s*(?P<day2>\d{1,2})\.)?"
_YEAR = r"(?:\s+(?P<year>(?:19|20)\d{2}))?"

PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "weekday-day-month",
        re.compile(
            rf"(?:\b(?P<coming>kommenden|nächsten|naechsten)\s+)?\b{_WEEKDAY}(?:,\s*(?:de[nm]\s+)?|\s+(?:de[nm]\s+)?)"
            rf"{_DAY_RANGE}\s*{_MONTH}\b{_YEAR}",
            re.IGNORECASE,
        ),
    ),
    ("day-month", re.compile(rf"\b{_DAY_RANGE}\s*{_MONTH}\b{_YEAR}", re.IGNORECASE)),
    (
        "numeric",
        re.compile(r"\b(?P<day1>\d{1,2})\.(?P<nmonth>\d{1,2})\.(?P<nyear>(?:19|20)?\d{2})\b(?!\.\d)"),
    ),
    (
        "month-year",
        re.compile(
            rf"\b(?:im|seit|ab|bis)\s+{_MONTH}(?:\s+(?P<year>(?:19|20)\d{{2}})"
            r"|\s+(?:des\s+)?(?P<other_year>kommenden|nächsten|folgenden|vergangenen|letzten)\s+Jahres)?\b",
            re.I,
        ),
    ),
    ("month-year", re.compile(rf"\b{_MONTH}\s+(?P<year>(?:19|20)\d{{2}})\b", re.IGNORECASE)),
    (
        "weekday",
        re.compile(rf"\b(?:am\s+)?(?P<coming>kommenden\s+|vergangenen\s+|letzten\s+)?{_WEEKDAY}\b", re.I),
    ),
    ("relative-day", re.compile(r"\b(?P<rel>gestern|gestrigen|heute|heutigen|morgen|morgigen)\b", re.I)),
)


def find_dates(text: str, document_date: date | None = None) -> list[DateMention]:
    """Every date expression of the text, leftmost-longest, with years resolved where possible."""
    taken: list[tuple[int, int]] = []
    mentions: list[DateMention] = []
    for kind, pattern in PATTERNS:
        for match in pattern.finditer(text):
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            mention = _mention(kind, match, document_date)
            if mention is not None:
                taken.append((match.start(), match.end()))
                mentions.append(mention)
    return sorted(mentions, key=lambda m: m.start)


def _mention(kind: str, match: re.Match[str], document_date: date | None) -> DateMention | None:
    groups = match.groupdict()
    weekday = WEEKDAYS.get((groups.get("weekday") or "").lower())
    coming = (groups.get("coming") or "").strip().lower() or None
    if kind == "relative-day":
        return _relative_day(match, document_date)
    if kind == "weekday":
        return _bare_weekday(match, weekday, coming, document_date)
    if kind == "numeric":
        year = int(groups["nyear"])
        year = year + 2000 if year < 100 else year
        month, day = int(groups["nmonth"]), int(groups["day1"])
        if not _valid(year, month, day):
            return None
        value = PartialDate(year, month, day)
        return DateMention(match.start(), match.end(), match.group(0), value, value)
    month = MONTHS[groups["month"].lower()]
    year = int(groups["year"]) if groups.get("year") else None
    if kind == "month-year":
        other = (groups.get("other_year") or "").lower()
        if other and document_date is not None:  # "im April kommenden Jahres": the year after the text's
            year = document_date.year + (-1 if other in {"vergangenen", "letzten"} else 1)
            note = f"'{match.group(0)}' counted from the document date {document_date}"
            value = PartialDate(year, month, method=FROM_RELEASE_DATE, note=note)
            return DateMention(match.start(), match.end(), match.group(0), value, value)
        value = _resolve_month(month, year, document_date)
        return DateMention(match.start(), match.end(), match.group(0), value, value)
    day1 = int(groups["day1"])
    day2 = int(groups["day2"]) if groups.get("day2") else day1
    if not (1 <= day1 <= 31 and day1 <= day2 <= 31):
        return None
    first, last = _resolve_days(month, (day1, day2), year, weekday, document_date)
    if first is None:
        return None
    return DateMention(match.start(), match.end(), match.group(0), first, last, weekday, coming)


def _valid(year: int, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]


def _resolve_days(
    month: int, days: tuple[int, int], year: int | None, weekday: int | None, document_date: date | None
) -> tuple[PartialDate | None, PartialDate]:
    day1, day2 = days
    if year is not None:
        if not (_valid(year, month, day1) and _valid(year, month, day2)):
            return None, PartialDate(year)
        return PartialDate(year, month, day1), PartialDate(year, month, day2)
    resolved_year, method, note = _resolve_year(month, day1, weekday, document_date)
    if resolved_year is None:
        first = PartialDate(None, month, day1, UNRESOLVED, note)
        return first, replace(first, day=day2)
    first = PartialDate(resolved_year, month, day1, method, note)
    return first, replace(first, day=day2)


def _resolve_year(
    month: int, day: int, weekday: int | None, document_date: date | None
) -> tuple[int | None, str, str]:
    """The year of a year-less day: by weekday near the document date, else the nearest such day."""
    if weekday is not None:
        centre = document_date.year if document_date else None
        years = range(centre - WEEKDAY_WINDOW_YEARS, centre + WEEKDAY_WINDOW_YEARS + 1) if centre else ()
        fits = [y for y in years if _valid(y, month, day) and date(y, month, day).weekday() == weekday]
        if len(fits) == 1:
            name = list(WEEKDAYS)[weekday].capitalize()
            return (
                fits[0],
                FROM_WEEKDAY,
                (
                    f"{day}.{month}. is a {name} in {fits[0]} and in no other year within "
                    f"{WEEKDAY_WINDOW_YEARS} years of the document's date"
                ),
            )
    if document_date is None:
        return None, UNRESOLVED, "no year in the text and no document date"
    candidates = [
        date(y, month, day) for y in (document_date.year - 1, document_date.year, document_date.year + 1)
        if _valid(y, month, day)
    ]  # fmt: skip
    nearest = min(candidates, key=lambda d: abs((d - document_date).days))
    return nearest.year, FROM_RELEASE_DATE, f"the nearest {day}.{month}. to the document date {document_date}"


def _resolve_month(month: int, year: int | None, document_date: date | None) -> PartialDate:
    if year is not None:
        return PartialDate(year, month)
    if document_date is None:
        return PartialDate(None, month, method=UNRESOLVED, note="no year in the text and no document date")
    # A month named without a year: the occurrence nearest to the document date (mid-month reference).
    options = [
        (y, abs((date(y, month, 15) - document_date).days))
        for y in range(document_date.year - 1, document_date.year + 2)
    ]
    best = min(options, key=lambda option: option[1])[0]
    return PartialDate(
        best, month, method=FROM_RELEASE_DATE, note=f"nearest to the document date {document_date}"
    )


def _bare_weekday(
    match: re.Match[str], weekday: int | None, coming: str | None, document_date: date | None
) -> DateMention | None:
    if weekday is None or document_date is None:
        return None
    if coming == "kommenden":
        delta = (weekday - document_date.weekday()) % 7 or 7
        day = document_date + timedelta(days=delta)
        note = "the coming weekday after the document date"
    else:
        # Reports speak of the past: the latest such weekday on or before the document date.
        day = document_date - timedelta(days=(document_date.weekday() - weekday) % 7)
        note = "the latest such weekday on or before the document date"
    value = PartialDate.of_day(day, FROM_RELEASE_DATE, note)
    return DateMention(match.start(), match.end(), match.group(0), value, value, weekday, coming)


def _relative_day(match: re.Match[str], document_date: date | None) -> DateMention | None:
    if document_date is None:
        return None
    word = match.group("rel").lower()
    offset = -1 if word.startswith("gestr") or word == "gestern" else (1 if word.startswith("morg") else 0)
    day = document_date + timedelta(days=offset)
    value = PartialDate.of_day(day, FROM_RELEASE_DATE, f"'{match.group(0)}' relative to the document date")
    return DateMention(match.start(), match.end(), match.group(0), value, value, relative=word)


# An ISO date ("2016-10-17", "2018-06"); the lookarounds keep a span of years ("2021-2026") out.
_ISO_DATE = re.compile(r"(?<!\d)(?P<year>(?:19|20)\d{2})-(?P<month>\d{2})(?:-(?P<day>\d{2}))?(?![\d-])")


def document_date(header: dict[str, str], text: str) -> PartialDate | None:
    """The document's own date: from the header's `date-as-stated`, else from a dateline in the text."""
    stated = header.get("date-as-stated", "")
    for source in (stated, text[:400]):
        if not source or source.startswith("not stated"):
            continue
        for mention in find_dates(source):
            if mention.first.year is not None and mention.first.method == STATED:
                return mention.first
        for match in _ISO_DATE.finditer(source):
            year, month = int(match["year"]), int(match["month"])
            day = int(match["day"]) if match["day"] else None
            if 1 <= month <= 12 and (day is None or _valid(year, month, day)):
                return PartialDate(year, month, day)
    return None
