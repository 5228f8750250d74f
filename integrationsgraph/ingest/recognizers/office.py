"""Offices held by persons: "Sozialminister Norbert Bischoff", "der Hessische Minister für Soziales und
Integration, Kai Klose", "Staatssekretär Kai Klose". The office is the title phrase next to the name; its
organisation the Land the title names (or the document's Land for a Land office that names none), the
federal government for federal titles. "seit D" or an "Amtseinführung ... am D" in the sentence begins it.
"""

from __future__ import annotations

import re
from collections import Counter

from integrationsgraph.ingest.document import Document
from integrationsgraph.ingest.facts import Fact
from integrationsgraph.ingest.proposals import Proposals

_ROLES = (
    (re.compile(r"staatssekretär", re.I), "state-secretary"),
    (re.compile(r"bevollmächtigt", re.I), "plenipotentiary"),
    (re.compile(r"beauftragt", re.I), "commissioner"),
    (re.compile(r"senator", re.I), "senator"),
    (re.compile(r"sprecher", re.I), "staff"),
    (re.compile(r"(?<!präsident)minister(?!präsident)", re.I), "minister"),
)
_NOT_OFFICES = re.compile(r"Vorsitzende|präsident|[Kk]anzler|Fraktionschef|Parteichef|Landesvorsitz", re.I)
# Federal offices: "Bundesminister", and the federal commissioner "für Migration, Flüchtlinge und Integration"
_FEDERAL = re.compile(r"Bundes|Flüchtlinge\s+und\s+Integration")
_ARTICLE = re.compile(r"^(?:der|die|dem|den|des|und|von|vom)\s+", re.I)
_START = re.compile(r"(?:\b[Ss]eit(?:\s+dem)?|Amtseinführung\b[^.]{0,80}?\bam|\b[Zz]um)\s+$")


def recognize_office_holdings(
    document: Document, proposals: Proposals, chair_lands: dict[str, str] | None = None
) -> list[Fact]:
    """`chair_lands`: the Land each person chairs a conference for, which beats the document's Land."""
    chair_lands = chair_lands or {}
    counts = Counter(m.key for m in document.laender)
    document_land = counts.most_common(1)[0][0] if counts else None
    facts: dict[tuple[str, str], Fact] = {}
    for sentence in document.sentences:
        for person in document.within(document.persons, sentence):
            if not person.title or _NOT_OFFICES.search(person.title):
                continue
            role = next((r for pattern, r in _ROLES if pattern.search(person.title)), None)
            if role is None:
                continue
            title = _clean(person.title)
            if _FEDERAL.search(title):
                organisation = "body:bundesregierung"
            elif person.land:
                organisation = proposals.land(person.land)
            elif proposals.person(person) in chair_lands:
                organisation = chair_lands[proposals.person(person)]
            elif document_land:
                organisation = proposals.land(document_land)
            else:
                continue
            person_ref = proposals.person(person)
            key = (person_ref, role)
            fact = facts.get(key)
            if fact is None:
                office = proposals.office_post(title, role, organisation)
                fact = Fact(kind="office_holding", holder=person_ref, person=person_ref, office=office,
                            body=organisation, type=role, confidence=0.6 if person.land else 0.5)  # fmt: skip
                facts[key] = fact
            fact.add_span(sentence.start, sentence.end)
            fact.start = fact.start or _start(document, sentence)
    return list(facts.values())


def _clean(title: str) -> str:
    title = re.sub(r"\s+", " ", title).strip(" ,")
    while _ARTICLE.match(title):
        title = _ARTICLE.sub("", title)
    return title[0].upper() + title[1:]


def _start(document: Document, sentence):
    for mention in document.within(document.dates, sentence):
        before = document.body[max(sentence.start, mention.start - 90) : mention.start]
        if mention.first.year is not None and _START.search(before):
            return mention.first
    return None
