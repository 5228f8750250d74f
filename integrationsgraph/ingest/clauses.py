"""Evidence at clause level: each fact's sentence span cut down to the clauses that state the fact.

The recognizers cite whole sentences; here, once for every kind, a sentence is split into clauses at
commas, semicolons, colons, dashes, quotes and brackets, and the evidence becomes the shortest run of
clauses that holds the fact's anchors: the mentions of its entities (person, body, Land, place), the
dates it took from the sentence, and the one cue word nearest to them (the office title, "Vorsitz",
"tagt", "konstituiert", "beschlossen"). A sentence with no anchor of the fact stays whole.

Why not a parser: splitting at punctuation needs no model and keeps apposition and its name together
whenever both are anchors; German clause parsers on these wrapped, headline-strewn texts cost more than
the whole ingestion and still need the same anchors to pick the clause.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from integrationsgraph.ingest.document import Document
from integrationsgraph.ingest.facts import Fact
from integrationsgraph.ingest.linking import Registry, slugify
from integrationsgraph.ingest.persons import TITLE_WORD

# Clause boundaries: punctuation followed by a space, spaced dashes, quotes and brackets.
_BOUNDARY = re.compile(r"[,;:](?=\s)|\s[–—-]\s|[„“”\"»«()]|\s(?:dass|weil|nachdem|während|wobei|sodass)\s")
_CUES = {
    "chair_tenure": re.compile(
        r"Vorsitz\w*|übern\w+|übergib\w*|übergeb\w*|übergab\w*|leite\w*|Staffel|Weltkugel"
    ),
    "meeting": re.compile(
        r"(?i:\w*konferenz|sitzung|treffen|tagung|gipfel|versammlung|tag\w*|getagt|trafen|statt\w*|beraten"
        r"|berieten|zusammen\w*|abgesagt|ausgerichtet)"
    ),
    "office_holding": re.compile(
        TITLE_WORD
        + r"(?![\w-])|abgelöst|löst\w*|beerbt|Nachfolger\w*|\w*[Vv]orgänger\w*|Amt\w*|Ausscheiden|Ruhestand"
    ),
    "body_event": re.compile(
        r"konstituier\w*|Konstituierung|eingerichtet|einzurichten|gegründet|gestartet|gebildet|geschaffen"
        r"|errichtet|eröffnet|zusammengeführt|zusammengelegt|fusioniert|vereint|vereinigt|aufgelöst|umbenannt"
        r"|gibt\s+es|besteht|ressortiert|angesiedelt|ins\s+Leben\s+gerufen|durchzuführen"
    ),
    "plan_adoption": re.compile(
        r"beschlossen|beschließt|verabschiedet\w*|gebilligt|billigte|angenommen|geeinigt|einig\w*|verständigt"
    ),
}
_THINGS = {
    "plan_adoption": re.compile(r"\w*(?:plan|Plan|konzept|programm|Programm|gesetz|Gesetz|strategie)\b")
}


def tighten_evidence(document: Document, facts: list[Fact], registry: Registry) -> None:
    """Replace every evidence span of every fact by the clauses of it that state the fact."""
    for fact in facts:
        spans = []
        for start, end in fact.spans:
            tightened = clause_span(document, fact, registry, start, end)
            if tightened not in spans:
                spans.append(tightened)
        fact.spans = spans


def clause_span(document: Document, fact: Fact, registry: Registry, start: int, end: int) -> tuple[int, int]:
    anchors = list(_anchors(document, fact, registry, start, end))
    if not anchors:
        return start, end
    cue = _nearest_cue(document.body, fact.kind, start, end, anchors)
    if cue is not None:
        anchors.append(cue)
    clauses = _clauses(document.body, start, end)
    chosen = [c for c in clauses if any(a_start < c[1] and c[0] < a_end for a_start, a_end in anchors)]
    first = min(c[0] for c in chosen)  # every anchor lies in a chosen clause
    last = max(c[1] for c in chosen)
    return _trimmed(document.body, max(first, start), min(last, end))


def _clauses(body: str, start: int, end: int) -> list[tuple[int, int]]:
    cuts = [start]
    for match in _BOUNDARY.finditer(body, start, end):
        cuts.extend((match.start(), match.end()))
    cuts.append(end)
    pieces = [(cuts[i], cuts[i + 1]) for i in range(0, len(cuts) - 1, 2)]
    return [piece for piece in pieces if piece[1] > piece[0]]


def _trimmed(body: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (body[start].isspace() or body[start] in ",;:"):
        start += 1
    while end > start and (body[end - 1].isspace() or body[end - 1] in ",;:–—-"):
        end -= 1
    return start, end


def _anchors(document: Document, fact: Fact, registry: Registry, start: int, end: int) -> Iterable:
    inside = lambda items: [m for m in items if start <= m.start and m.end <= end]  # noqa: E731
    persons = {fact.person, fact.holder} - {None}
    for mention in inside(document.persons):
        if _person_ref(mention.name, registry) in persons:
            yield mention.start, mention.end
    bodies = {fact.body, fact.holder, *fact.originals} - {None}
    for mention in inside(document.bodies):
        if mention.body.ref in bodies and not mention.generic:
            yield mention.start, mention.end
    if fact.holder and fact.holder.startswith("land:") and fact.kind == "chair_tenure":
        for mention in inside(document.laender):
            if slugify(mention.key) == fact.holder.split(":", 1)[1]:
                yield mention.start, mention.end
    if fact.place:
        for mention in inside(document.cities):
            if slugify(mention.exact.split("/")[0].strip()) in fact.place:
                yield mention.start, mention.end
    values = {value.edtf for value in (fact.start, fact.end) if value is not None}
    for mention in inside(document.dates):
        if mention.first.edtf in values or mention.last.edtf in values:
            yield mention.start, mention.end
    thing = _THINGS.get(fact.kind)
    if thing is not None:
        for match in thing.finditer(document.body, start, end):
            yield match.start(), match.end()


def _nearest_cue(body: str, kind: str, start: int, end: int, anchors: list[tuple[int, int]]):
    pattern = _CUES.get(kind)
    if pattern is None:
        return None
    found = [(m.start(), m.end()) for m in pattern.finditer(body, start, end)]
    if not found:
        return None

    def distance(cue: tuple[int, int]) -> int:
        return min(max(a_start - cue[1], cue[0] - a_end, 0) for a_start, a_end in anchors)

    return min(found, key=distance)


def _person_ref(name: str, registry: Registry) -> str:
    found = registry.person(name)
    return found.ref if found else f"person:{slugify(name)}"
