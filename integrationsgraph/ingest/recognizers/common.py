"""What several recognizers share: dates around a word, years, Land actors, status words, places."""

from __future__ import annotations

import re
from datetime import date, timedelta

from integrationsgraph.ingest.dates import MONTHS, DateMention, PartialDate
from integrationsgraph.ingest.document import FROM_CONTEXT, Document
from integrationsgraph.ingest.facts import DAY_AFTER_STATED_LAST_DAY
from integrationsgraph.ingest.text import Sentence

_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
END_OF_MONTH = re.compile(
    rf"\bbis\s+(?:zum\s+)?Ende\s+(?P<month>{_MONTH})(?:\s+(?P<year>(?:19|20)\d{{2}}))?", re.I
)
_BEFORE_END = re.compile(r"\bbis\s+(?:zum\s+|zur\s+|einschließlich\s+)?$")
_BARE_YEAR = re.compile(r"(?<![\d.])(?P<year>(?:19|20)\d{2})(?![\d.])")


def is_end_date(document: Document, mention: DateMention) -> bool:
    return bool(_BEFORE_END.search(document.body[max(0, mention.start - 25) : mention.start]))


def is_vague(mention: DateMention) -> bool:
    """A bare weekday or a relative day: fine for a meeting, never a tenure boundary."""
    return not any(char.isdigit() for char in mention.exact) and not mention.exact.lower().startswith(
        ("im ", "seit ", "ab ", "bis ")
    )


def day_after(value: PartialDate, stated: str) -> PartialDate | None:
    """The half-open end of a tenure whose last day is `value` (a day)."""
    if value.year is None or value.day is None or value.month is None:
        return None
    following = date(value.year, value.month, value.day) + timedelta(days=1)
    note = f"the text gives '{stated}' as the last day; the half-open tenure ends on the day after"
    if value.method != "stated":
        note += f" ({value.note})"
    return PartialDate.of_day(following, DAY_AFTER_STATED_LAST_DAY, note)


def end_of_month(document: Document, sentence: Sentence) -> tuple[PartialDate, tuple[int, int]] | None:
    """ "bis Ende September (2014)": the first day of the next month, and the span."""
    match = END_OF_MONTH.search(sentence.text)
    if not match:
        return None
    month = MONTHS[match["month"].lower()]
    year = int(match["year"]) if match["year"] else None
    how = "stated"
    if year is None:
        if document.reference is None:
            return None
        reference = document.reference
        year = reference.year if month >= reference.month else reference.year + 1
        how = "the next end of that month after the document's date" + (
            "" if document.issued else f" (taken from the text, {FROM_CONTEXT})"
        )
    following = date(year + (month == 12), month % 12 + 1, 1)
    note = f"the text says '{match.group(0)}'; the half-open tenure ends on the first day after it"
    if how != "stated":
        note += f"; year: {how}"
    value = PartialDate.of_day(following, DAY_AFTER_STATED_LAST_DAY, note)
    return value, (sentence.start + match.start(), sentence.start + match.end())


def bare_years(document: Document, sentence: Sentence) -> list[tuple[int, PartialDate]]:
    """Years standing alone ("im Jahr 2008", "in 2014"), outside full date mentions: (offset, value)."""
    taken = [(m.start, m.end) for m in document.within(document.dates, sentence)]
    found = []
    for match in _BARE_YEAR.finditer(sentence.text):
        start = sentence.start + match.start()
        if any(s <= start < e for s, e in taken):
            continue
        found.append((start, PartialDate(int(match["year"]))))
    return found


def cities_in(document: Document, sentence: Sentence) -> list:
    """City mentions of the sentence that follow "in" (a place where something happens)."""
    return [
        city
        for city in document.within(document.cities, sentence)
        if re.search(r"\bin\s$", document.body[max(0, city.start - 3) : city.start])
    ]
