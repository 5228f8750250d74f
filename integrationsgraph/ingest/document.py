"""One document prepared for the recognizers: sentences, dates, Länder, cities, persons and bodies.

Year-less dates are resolved against the document's date (header `date-as-stated` or a dateline); when
the document states none, against the first fully stated date of the text, and the method becomes
`from-context` with a note naming that date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from functools import cache

from integrationsgraph.ingest.bodies import BodyMention, find_bodies, main_body
from integrationsgraph.ingest.dates import (
    FROM_RELEASE_DATE,
    DateMention,
    PartialDate,
    document_date,
    find_dates,
)
from integrationsgraph.ingest.gazetteer import Gazetteer, Mention, city_regex
from integrationsgraph.ingest.linking import Registry
from integrationsgraph.ingest.persons import PersonMention, find_persons
from integrationsgraph.ingest.text import Sentence, sentences
from integrationsgraph.sources import SourceText

FROM_CONTEXT = "from-context"


@dataclass(frozen=True)
class Document:
    source: SourceText
    issued: PartialDate | None  # the document's own date, where header or dateline gives it
    reference: date | None  # the day year-less dates are resolved against
    sentences: list[Sentence]
    dates: list[DateMention]
    laender: list[Mention]
    cities: list[Mention]
    persons: list[PersonMention]
    bodies: list[BodyMention]
    main_body: BodyMention | None

    @property
    def body(self) -> str:
        return self.source.body

    def within(self, items, sentence: Sentence) -> list:
        return [item for item in items if sentence.start <= item.start and item.end <= sentence.end]


def prepare(source: SourceText, registry: Registry, gazetteer: Gazetteer) -> Document:
    body = source.body
    issued = document_date(source.header, body)
    reference = _day_of(issued) if issued else None
    dates = find_dates(body, reference)
    if reference is None:
        first = next((m.first for m in dates if m.first.year is not None and m.first.day is not None), None)
        if first is not None:
            reference = first.earliest
            dates = [_from_context(m, first) for m in find_dates(body, reference)]
    bodies = find_bodies(body, registry, gazetteer, _year_of(reference, dates))
    return Document(
        source=source,
        issued=issued,
        reference=reference,
        sentences=sentences(body),
        dates=dates,
        laender=gazetteer.find_laender(body),
        cities=_places(body, registry, gazetteer),
        persons=find_persons(body, registry, gazetteer),
        bodies=bodies,
        main_body=main_body(bodies),
    )


def _year_of(reference: date | None, dates: list) -> int | None:
    """The text's year, for telling namesake bodies apart: its date's, else the latest year it names (an
    undated text is not older than the years it speaks of)."""
    if reference is not None:
        return reference.year
    return max((m.first.year for m in dates if m.first.year is not None), default=None)


def _places(body: str, registry: Registry, gazetteer: Gazetteer) -> list[Mention]:
    """Cities of the gazetteer and places of the registry, in a place slot, the longer name first."""
    found = gazetteer.find_cities(body)
    labels = [name for name, _ in registry.labels("place")]
    if labels:
        for match in _registry_places(tuple(labels)).finditer(body):
            label = registry.entities[registry.names[("place", match["city"].lower())]].label
            found.append(Mention(match.start("city"), match.end("city"), match["city"], label, "city"))
    kept: list[Mention] = []
    for mention in sorted(found, key=lambda m: (m.start, -(m.end - m.start))):
        if not any(k.start <= mention.start < k.end for k in kept):
            kept.append(mention)
    return kept


@cache
def _registry_places(labels: tuple[str, ...]):
    return city_regex(list(labels), re.IGNORECASE)  # the registry's names are kept in lower case


def _day_of(value: PartialDate) -> date | None:
    """The middle of what a document date names (mid-year, mid-month), or None for no valid day."""
    if value.year is None:
        return None
    try:
        return date(value.year, value.month or 7, value.day or (15 if value.month else 1))
    except ValueError:  # a value no calendar has: resolve against nothing rather than guess
        return None


def _from_context(mention: DateMention, anchor: PartialDate) -> DateMention:
    def relabel(value: PartialDate) -> PartialDate:
        if value.method != FROM_RELEASE_DATE:
            return value
        note = (
            f"no document date; the year is the one nearest to the first date the text states ({anchor.edtf})"
        )
        return replace(value, method=FROM_CONTEXT, note=note)

    return replace(mention, first=relabel(mention.first), last=relabel(mention.last))
