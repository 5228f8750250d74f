"""The rows of the three timelines, asked of the backend: the chairs of a body by Land, the holders of an
office, the events of a body (meetings, changes, plan adoptions). Dates are the `ig:earliest` bounds (the
earliest any source gives, as the `chairs` named query does); every bar links to the fact's page, whose
evidence section lists its sources and spans."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

import pyoxigraph as ox

from integrationsgraph.server.backends import Backend
from integrationsgraph.server.linking import Linker
from integrationsgraph.server.localization import words
from integrationsgraph.server.resource_data import labels_of
from integrationsgraph.server.sparql_helpers import iri_ref, select
from integrationsgraph.server.timeline_svg import Bar, Row, fill_unknown_bounds

PROLOGUE = """PREFIX ig: <https://w3id.org/integrationsgraph/def#>
PREFIX igc: <https://w3id.org/integrationsgraph/def/concept/>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX time: <http://www.w3.org/2006/time#>
"""

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
SELECT ?fact ?b ?bEdtf ?e ?eLatest ?eEdtf ?at ?atLatest ?atEdtf WHERE {{ VALUES ?fact {{ {values} }}
  {{ ?fact org:memberDuring ?t }} UNION {{ ?fact time:hasTime ?t }}
  OPTIONAL {{ ?t time:hasBeginning ?bt . ?bt ig:earliest ?b . OPTIONAL {{ ?bt ig:edtf ?bEdtf }} }}
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
SELECT DISTINCT ?fact ?person WHERE {{ VALUES ?fact {{ {values} }}
  {{ ?holding ig:exercises ?fact }} UNION {{ ?fact ig:exercisedBy ?holding }}
  ?holding org:member ?person }}"""
)

CHAIRS = (
    "?post org:postIn {body} ; org:role igc:chair . ?holding ig:post ?post ; org:member ?holder . "
    "?holder a ig:Land ."
)
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


@dataclass
class FactFacts:
    """What the timelines need of each fact: the earliest bounds any source gives, files, persons."""

    starts: dict[str, date] = field(default_factory=dict)
    ends: dict[str, date] = field(default_factory=dict)
    latest_ends: dict[str, date] = field(default_factory=dict)  # the last day the end may fall on
    start_texts: dict[str, str] = field(default_factory=dict)  # EDTF as the source gives it
    end_texts: dict[str, str] = field(default_factory=dict)
    files: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    persons: dict[str, str] = field(default_factory=dict)


def _earliest(found: dict[str, date], fact: str, day: date | None) -> None:
    if day is not None and (fact not in found or day < found[fact]):
        found[fact] = day


async def fact_facts(backend: Backend, facts: set[str]) -> FactFacts:
    known = FactFacts()
    ordered = sorted(facts)
    for start in range(0, len(ordered), 300):
        values = " ".join(iri_ref(iri) for iri in ordered[start : start + 300])
        for row in await select(backend, BOUNDS.format(values=values)):
            fact = row["fact"].value
            _earliest(known.starts, fact, _date(row.get("b")) or _date(row.get("at")))
            _earliest(known.ends, fact, _date(row.get("e")) or _date(row.get("at")))
            latest = _date(row.get("eLatest")) or _date(row.get("atLatest"))
            if latest is not None and latest > known.latest_ends.get(fact, date.min):
                known.latest_ends[fact] = latest
            begin_text, end_text = (
                row.get("bEdtf") or row.get("atEdtf"),
                row.get("eEdtf") or row.get("atEdtf"),
            )
            if begin_text is not None:
                known.start_texts.setdefault(fact, begin_text.value)
            if end_text is not None:
                known.end_texts.setdefault(fact, end_text.value)
        for row in await select(backend, FILES.format(values=values)):
            known.files[row["fact"].value].append(row["file"].value)
        for row in await select(backend, PERSONS.format(values=values)):
            known.persons.setdefault(row["fact"].value, row["person"].value)
    return known


def _date(term: ox.Literal | None) -> date | None:
    if term is None:
        return None
    try:
        return date.fromisoformat(term.value[:10])
    except ValueError:
        return None


async def holding_rows(backend: Backend, linker: Linker, selection: str) -> list[Row]:
    rows = await select(backend, HOLDINGS.format(selection=selection))
    known = await fact_facts(backend, {row["holding"].value for row in rows})
    labels = await labels_of(backend, {r["holder"].value for r in rows} | set(known.persons.values()))
    t = words(linker.language)
    holdings = [row["holding"].value for row in rows]
    spans = fill_unknown_bounds([(known.starts.get(h), known.ends.get(h)) for h in holdings])
    by_holder: dict[str, Row] = {}
    for row, drawn in zip(rows, spans, strict=True):
        if drawn is None:
            continue
        start, end, start_known, end_known = drawn
        holding, holder = row["holding"].value, row["holder"].value
        label = linker.label(holder, labels)
        person = linker.label(known.persons[holding], labels) if holding in known.persons else ""
        since = known.start_texts.get(holding, start.isoformat()) if start_known else "?"
        until = known.end_texts.get(holding, end.isoformat()) if end_known else f"? ({t['open_ended']})"
        dates = f"{since} – {until}"
        title = (
            f"{label}{' (' + person + ')' if person else ''}: {dates}\n"
            f"{t['source']}: {', '.join(sorted(known.files.get(holding, [])))}"
        )
        text = person.split(" ")[-1] if person else ""
        href = linker.href(holding) + "#evidence"
        bar = Bar(start, end, href, title, text, start_known, end_known, holder, dates)
        by_holder.setdefault(holder, Row(label)).bars.append(bar)
    return sorted(by_holder.values(), key=lambda r: min(bar.start for bar in r.bars))


async def chair_rows(backend: Backend, linker: Linker, body: str) -> list[Row]:
    return await holding_rows(backend, linker, CHAIRS.format(body=iri_ref(body)))


async def holder_rows(backend: Backend, linker: Linker, post: str) -> list[Row]:
    return await holding_rows(backend, linker, HOLDERS.format(post=iri_ref(post)))


async def body_event_rows(backend: Backend, linker: Linker, body: str) -> list[Row]:
    text = BODY_EVENTS.format(body=iri_ref(body), inferred=linker.base + "graph/inferred")
    rows = await select(backend, text)
    known = await fact_facts(backend, {row["fact"].value for row in rows})
    labels = await labels_of(backend, {r["kind"].value for r in rows} | set(known.starts), linker.base)
    t = words(linker.language)
    by_kind: dict[str, Row] = defaultdict(lambda: Row(""))
    for row in rows:
        fact, kind = row["fact"].value, row["kind"].value
        # From the first possible day to the last: a year-only date shows as the whole year.
        start = known.starts.get(fact) or known.ends.get(fact)
        end = known.latest_ends.get(fact) or known.ends.get(fact) or start
        if start is None or end is None:
            continue
        by_kind[kind].label = linker.label(kind, labels)
        ordinal = f"{row['ordinal'].value}." if "ordinal" in row else ""
        first, last = (
            known.start_texts.get(fact, start.isoformat()),
            known.end_texts.get(fact, end.isoformat()),
        )
        dates = first if first == last else f"{first} – {last}"
        files = ", ".join(sorted(known.files.get(fact, [])))
        title = f"{linker.label(fact, labels)}: {dates}\n{t['source']}: {files}"
        exact = known.start_texts.get(fact, "").count("-") == 2 and "?" not in known.start_texts.get(fact, "")
        href = linker.href(fact) + "#evidence"
        bar = Bar(start, end, href, title, ordinal, exact, exact, colour_key=kind, dates=dates)
        by_kind[kind].bars.append(bar)
    return sorted(by_kind.values(), key=lambda r: r.label.lower())
