"""The rows of the three timelines, asked of the backend: the chairs of a body by Land, the holders of an
office, the events of a body (meetings, changes, plan adoptions). A holding's bar is its resolved tenure
(the same bounds and end convention as `chair-at` and `holders-of`, read by integrationsgraph.tenure_windows);
an event's bar runs from the first to the last day its sources allow, and its dates are written as the
source that states them most exactly writes them, once when both ends read the same (an interval without
an end ends as its beginning, as `meetings` reads it). Every bar links to the fact's page,
whose evidence section lists its sources and spans and whose tenure section the rule behind each bound."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

import pyoxigraph as ox

from integrationsgraph.iris import iri_ref
from integrationsgraph.namespaces import sparql_prologue
from integrationsgraph.server.linked_data.links import Linker
from integrationsgraph.server.linked_data.resource_data import labels_of
from integrationsgraph.server.linked_data.sparql_helpers import select
from integrationsgraph.server.pages.localization import words
from integrationsgraph.server.views.timeline_svg import Bar, Row
from integrationsgraph.sparql.backends import Backend
from integrationsgraph.tenure_windows import ONE_DAY, Tenure, read_tenures

PROLOGUE = sparql_prologue()

HOLDINGS = (
    PROLOGUE
    + """
SELECT DISTINCT ?holding ?holder WHERE {{
  {selection} FILTER NOT EXISTS {{ ?holding ig:exercises ?exercised }} }}"""
)
# Per fact (VALUES ?fact): its time bounds, its source files, the person exercising it.
BOUNDS = (
    PROLOGUE
    + """
SELECT ?fact ?b ?bLatest ?bEdtf ?e ?eLatest ?eEdtf ?at ?atLatest ?atEdtf WHERE {{ VALUES ?fact {{ {values} }}
  {{ ?fact org:memberDuring ?t }} UNION {{ ?fact time:hasTime ?t }}
  OPTIONAL {{ ?t time:hasBeginning ?bt . ?bt ig:earliest ?b .
             OPTIONAL {{ ?bt ig:latest ?bLatest }} OPTIONAL {{ ?bt ig:edtf ?bEdtf }} }}
  OPTIONAL {{ ?t time:hasEnd ?et . ?et ig:earliest ?e .
             OPTIONAL {{ ?et ig:latest ?eLatest }} OPTIONAL {{ ?et ig:edtf ?eEdtf }} }}
  OPTIONAL {{ ?t ig:earliest ?at .
             OPTIONAL {{ ?t ig:latest ?atLatest }} OPTIONAL {{ ?t ig:edtf ?atEdtf }} }} }}"""
)
FILES = (
    PROLOGUE
    + """
SELECT DISTINCT ?fact ?file WHERE {{ VALUES ?fact {{ {values} }}
  ?fact prov:wasDerivedFrom ?s . ?s ig:fileName ?file }}"""
)
PERSONS = (
    PROLOGUE
    + """
SELECT DISTINCT ?fact ?holding ?person WHERE {{ VALUES ?fact {{ {values} }}
  {{ ?holding ig:exercises ?fact }} UNION {{ ?fact ig:exercisedBy ?holding }}
  ?holding org:member ?person }}"""
)
STUB = timedelta(days=365)  # how far an unresolved bound is drawn (dashed) from the known one

# A body's chairs: the Länder of a rotating chair, or the persons who chair it themselves (the
# Hessische Integrationskonferenz); persons exercising a Land's chair are on the Land's bar.
CHAIRS = "?post org:postIn {body} ; org:role igc:chair . ?holding ig:post ?post ; org:member ?holder ."
HOLDERS = "?holding ig:post {post} ; org:member ?holder ."

BODY_EVENTS = (
    PROLOGUE
    + """
SELECT DISTINCT ?fact ?kind ?ordinal WHERE {{
  {{ ?fact ig:meetingOf {body} OPTIONAL {{ ?fact ig:meetingType ?type }}
     BIND(COALESCE(?type, ig:Meeting) AS ?kind) }}
  UNION {{ {{ ?fact org:resultingOrganization {body} }} UNION {{ ?fact org:originalOrganization {body} }}
          GRAPH ?g {{ ?fact a ?kind }} FILTER(?kind != ig:Fact && ?g != <{inferred}>) }}
  UNION {{ ?fact ig:adoptedBy {body} . BIND(ig:PlanAdoption AS ?kind) }}
  OPTIONAL {{ ?fact ig:ordinal ?ordinal }}
}}"""
)


@dataclass(frozen=True)
class Moment:
    """An instant of a fact's time as one source gives it: its first and last possible day, written as
    the source wrote it (EDTF), else as a day or `[earliest..latest]` (the named queries' convention)."""

    earliest: date
    latest: date
    text: str

    @classmethod
    def read(cls, row: dict, earliest: str, latest: str, edtf: str) -> Moment | None:
        first = _date(row.get(earliest))
        if first is None:
            return None
        last = _date(row.get(latest)) or first
        written = row.get(edtf)
        if written is not None:
            text = written.value
        else:
            text = first.isoformat() if first == last else f"[{first.isoformat()}..{last.isoformat()}]"
        return cls(first, last, text)

    @property
    def qualified(self) -> bool:
        """Written as uncertain or approximate (EDTF `?`, `~`, `%`), or with unspecified digits (`X`)."""
        return any(mark in self.text for mark in "?~%X")


@dataclass
class FactFacts:
    """What the event timeline needs of each fact: the first and last day any source allows (the bar),
    its beginning and end as the source that states them most exactly writes them (the table and the
    tooltip), and the source files."""

    first_days: dict[str, date] = field(default_factory=dict)
    last_days: dict[str, date] = field(default_factory=dict)
    beginnings: dict[str, Moment] = field(default_factory=dict)
    ends: dict[str, Moment] = field(default_factory=dict)
    files: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def add(self, fact: str, begin: Moment, end: Moment | None) -> None:
        """One source's time of the fact; `end` None when it states no end (an interval without one
        ends as its beginning, as the named query `meetings` reads it, unless another source says)."""
        last = end or begin
        self.first_days[fact] = min(begin.earliest, self.first_days.get(fact, date.max))
        self.last_days[fact] = max(last.latest, begin.earliest, self.last_days.get(fact, date.min))
        # the most exact statement, so the page does not depend on the order of the rows
        if fact not in self.beginnings or _beginning_rank(begin) < _beginning_rank(self.beginnings[fact]):
            self.beginnings[fact] = begin
        if end is not None and (fact not in self.ends or _end_rank(end) < _end_rank(self.ends[fact])):
            self.ends[fact] = end

    def end_of(self, fact: str) -> Moment | None:
        return self.ends.get(fact) or self.beginnings.get(fact)


def _beginning_rank(moment: Moment) -> tuple:
    """The narrowest first, then the plainly stated, then the earliest."""
    return (moment.latest - moment.earliest).days, moment.qualified, moment.earliest, moment.text


def _end_rank(moment: Moment) -> tuple:
    """The narrowest first, then the plainly stated, then the latest."""
    return (moment.latest - moment.earliest).days, moment.qualified, -moment.latest.toordinal(), moment.text


async def fact_facts(backend: Backend, facts: set[str]) -> FactFacts:
    known = FactFacts()
    ordered = sorted(facts)
    for start in range(0, len(ordered), 300):
        values = " ".join(iri_ref(iri) for iri in ordered[start : start + 300])
        for row in await select(backend, BOUNDS.format(values=values)):
            at = Moment.read(row, "at", "atLatest", "atEdtf")
            end = Moment.read(row, "e", "eLatest", "eEdtf") or at
            begin = Moment.read(row, "b", "bLatest", "bEdtf") or at or end  # an end only: placed there
            if begin is not None:
                known.add(row["fact"].value, begin, end)
        for row in await select(backend, FILES.format(values=values)):
            known.files[row["fact"].value].append(row["file"].value)
    return known


def _date(term: ox.Literal | None) -> date | None:
    if term is None:
        return None
    try:
        return date.fromisoformat(term.value[:10])
    except ValueError:
        return None


def placed(tenure: Tenure) -> tuple[date, date, bool, bool] | None:
    """Where to draw a tenure: its possible part [earliestBeginning, latestEnd); an unresolved bound as a
    stub of at most a year from the nearest known one (flagged unknown); None with no bound at all."""
    known = [d for d in (tenure.earliest_beginning, tenure.latest_beginning,
                         tenure.earliest_end, tenure.latest_end) if d is not None]  # fmt: skip
    if not known:
        return None
    start = tenure.earliest_beginning if tenure.earliest_beginning is not None else min(known) - STUB
    end = tenure.latest_end if tenure.latest_end is not None else max(known) + STUB
    return (
        start,
        max(end, start + ONE_DAY),
        tenure.earliest_beginning is not None,
        tenure.latest_end is not None,
    )


def describe(tenure: Tenure, t: dict[str, str]) -> str:
    """The tenure in days, as the queries give them: certain and possible parts, `until` inclusive."""
    days = tenure.days()

    def span(begin: date | None, until: date | None) -> str:
        last = until.isoformat() if until else f"? ({t['open_ended']})"
        return f"{begin.isoformat() if begin else '?'} – {last}"

    parts = []
    if days["certain_from"] is not None:
        parts.append(f"{t['certain']} {span(days['certain_from'], days['certain_until'])}")
    parts.append(f"{t['possible']} {span(days['possible_from'], days['possible_until'])}")
    return " · ".join(parts) + (f" · {t['contested']}" if tenure.contested else "")


async def holding_rows(backend: Backend, linker: Linker, selection: str) -> list[Row]:
    rows = await select(backend, HOLDINGS.format(selection=selection))
    holdings = {row["holding"].value for row in rows}
    tenures = await read_tenures(backend, holdings)
    files: dict[str, list[str]] = defaultdict(list)
    exercisers: dict[str, list[tuple[str, str]]] = defaultdict(list)  # fact -> (person holding, person)
    ordered = sorted(holdings)
    for start in range(0, len(ordered), 300):
        values = " ".join(iri_ref(iri) for iri in ordered[start : start + 300])
        for row in await select(backend, FILES.format(values=values)):
            files[row["fact"].value].append(row["file"].value)
        for row in await select(backend, PERSONS.format(values=values)):
            exercisers[row["fact"].value].append((row["holding"].value, row["person"].value))
    person_tenures = await read_tenures(backend, {h for pairs in exercisers.values() for h, _ in pairs})
    persons = {person for pairs in exercisers.values() for _, person in pairs}
    labels = await labels_of(backend, {r["holder"].value for r in rows} | persons)
    t = words(linker.language)
    by_holder: dict[str, Row] = {}
    for row in sorted(rows, key=lambda r: r["holding"].value):
        holding, holder = row["holding"].value, row["holder"].value
        tenure = tenures.get(holding)
        drawn = placed(tenure) if tenure else None
        if tenure is None or drawn is None:
            continue  # no resolved tenure: nothing the page could place without guessing
        start, end, start_known, end_known = drawn
        label = linker.label(holder, labels)
        acting = sorted(
            exercisers.get(holding, []),
            key=lambda pair: person_tenures.get(pair[0], Tenure()).earliest_beginning or date.max,
        )
        names = [linker.label(person, labels) for _, person in acting]
        dates = describe(tenure, t)
        lines = [f"{label}: {dates}"]
        lines += [
            f"{name}: {describe(person_tenures.get(h, Tenure()), t)}"
            for (h, _), name in zip(acting, names, strict=True)
        ]
        lines += [t["end_convention"], f"{t['source']}: {', '.join(sorted(files.get(holding, [])))}"]
        text = names[0].split(" ")[-1] if names else ""
        href = linker.href(holding) + "#evidence"
        bar = Bar(start, end, href, "\n".join(lines), text, start_known, end_known, holder, dates,
                  certain=tenure.certain, is_tenure=True, contested=tenure.contested)  # fmt: skip
        by_holder.setdefault(holder, Row(label)).bars.append(bar)
    return _in_date_order(by_holder.values())


async def chair_rows(backend: Backend, linker: Linker, body: str) -> list[Row]:
    return await holding_rows(backend, linker, CHAIRS.format(body=iri_ref(body)))


async def holder_rows(backend: Backend, linker: Linker, post: str) -> list[Row]:
    return await holding_rows(backend, linker, HOLDERS.format(post=iri_ref(post)))


async def body_event_rows(backend: Backend, linker: Linker, body: str) -> list[Row]:
    text = BODY_EVENTS.format(body=iri_ref(body), inferred=linker.base + "graph/inferred")
    rows = await select(backend, text)
    known = await fact_facts(backend, {row["fact"].value for row in rows})
    labels = await labels_of(backend, {r["kind"].value for r in rows} | set(known.beginnings), linker.base)
    t = words(linker.language)
    by_kind: dict[str, Row] = defaultdict(lambda: Row(""))
    for row in rows:
        fact, kind = row["fact"].value, row["kind"].value
        # From the first possible day to the last: a year-only date shows as the whole year.
        first, last = known.beginnings.get(fact), known.end_of(fact)
        if first is None or last is None:
            continue
        start, end = known.first_days[fact], known.last_days[fact]
        by_kind[kind].label = linker.label(kind, labels)
        ordinal = f"{row['ordinal'].value}." if "ordinal" in row else ""
        # one date when both ends are the same as written ("2011", not "2011 – 2011")
        dates = first.text if first.text == last.text else f"{first.text} – {last.text}"
        files = ", ".join(sorted(known.files.get(fact, [])))
        title = f"{linker.label(fact, labels)}: {dates}\n{t['source']}: {files}"
        exact = first.text.count("-") == 2 and not first.qualified
        href = linker.href(fact) + "#evidence"
        bar = Bar(start, end, href, title, ordinal, exact, exact, colour_key=kind, dates=dates)
        by_kind[kind].bars.append(bar)
    return sorted(_in_date_order(by_kind.values()), key=lambda r: r.label.lower())


def _in_date_order(rows: Iterable[Row]) -> list[Row]:
    """Rows by their first bar, each row's bars by date (the table under the picture lists them so)."""
    for row in rows:
        row.bars.sort(key=lambda bar: (bar.start, bar.end))
    return sorted(rows, key=lambda row: row.bars[0].start)
