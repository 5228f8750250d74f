"""Chairs elected by a body's members: "wurde zur Vorsitzenden gewählt", "wurde in seinem Amt als
Vorsitzender bestätigt", "zum neuen Vorsitzenden des Landesintegrationsrates gewählt"; or stated: "Den
Vorsitz führt Minister X". The person named
next to the chair word holds the chair of the body named after it (else the body the document is about),
from the sentence's date where it gives one. Deputies ("stellvertretende Vorsitzende") do not hold it.

Chairs that rotate between Länder (the IntMK's) are the chair recognizer's; this one leaves the
ministers' conferences alone.
"""

from __future__ import annotations

import re

from integrationsgraph.ingest.document import Document
from integrationsgraph.ingest.facts import Fact
from integrationsgraph.ingest.proposals import Proposals

_ELECTED = re.compile(r"(?<![\w-])(?:gewählt|wiedergewählt|bestätigt|bestimmt|berufen)(?![\w-])")
# "Den Vorsitz führt Minister X": the chair is stated, not elected
_CHAIR_HELD = re.compile(r"(?<![\w-])Vorsitz\s+(?:führt|führte|hat|hatte)(?![\w-])")
_CHAIR = re.compile(
    r"(?<![\w-])(?P<deputy>stellvertretende[nr]?\s+)?(?:neue[nr]?\s+)?"
    r"(?:Vorsitzende[nr]?|Vorsitz|Vorstandsvorsitzende[nr]?|Präsident(?:in)?|Sprecher(?:in)?)(?![\w-])"
)
_ROTATING = {"ministers-conference"}


def recognize_elected_chairs(document: Document, proposals: Proposals) -> list[Fact]:
    facts: dict[tuple[str, str], Fact] = {}
    for sentence in document.sentences:
        if not (_ELECTED.search(sentence.text) or _CHAIR_HELD.search(sentence.text)):
            continue
        for chair in _CHAIR.finditer(sentence.text):
            if chair["deputy"]:
                continue
            position = sentence.start + chair.start()
            persons = [
                p for p in document.within(document.persons, sentence)
                if abs(p.start - position) <= 60 or abs(position - p.end) <= 60
            ]  # fmt: skip
            if not persons:
                continue
            person = min(persons, key=lambda p: min(abs(p.start - position), abs(position - p.end)))
            body = _body(document, sentence, sentence.start + chair.end())
            if body is None or body.classification in _ROTATING:
                continue
            body_ref = proposals.body(body.body, body.classification)
            person_ref = proposals.person(person)
            fact = facts.setdefault(
                (body_ref, person_ref),
                Fact(kind="chair_tenure", body=body_ref, holder=person_ref, person=person_ref, role="holder",
                     confidence=0.5),
            )  # fmt: skip
            dated = [d.first for d in document.within(document.dates, sentence) if d.first.year is not None]
            fact.start = fact.start or (dated[0] if len(dated) == 1 else None)
            fact.add_span(sentence.start, sentence.end)
    return list(facts.values())


def _body(document: Document, sentence, after: int):
    """The body named right after the chair word ("Vorsitzender des Landesintegrationsrates"), else the
    document's own body."""
    near = [b for b in document.within(document.bodies, sentence) if after <= b.start <= after + 60]
    if near:
        return near[0]
    return document.main_body
