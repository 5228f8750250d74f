"""Changes to bodies: constituted ("hat sich ... konstituiert"), reconstituted (for a new legislature),
set up ("eingerichtet", "gegründet", "einzurichten"), merged ("vereint sie den früheren X und die Y",
"zu einer Einheit zusammengeführt"). The date is the sentence's date or year; "Seitdem" and "Die beiden"
reach back to the sentence before, for its date and its bodies.
"""

from __future__ import annotations

import re

from integrationsgraph.ingest.dates import PartialDate
from integrationsgraph.ingest.document import Document
from integrationsgraph.ingest.facts import Fact
from integrationsgraph.ingest.proposals import Proposals
from integrationsgraph.ingest.recognizers.common import bare_years, is_end_date
from integrationsgraph.ingest.text import Sentence

_CONSTITUTED = re.compile(r"(?<![\w-])(?:konstituiert\w*|konstituierte|Konstituierung)(?![\w-])")
_AGAIN = re.compile(r"(?:diese|neue|jetzige)[nr]?\s+Legislatur|erneut|neu\s+konstituiert|wieder", re.I)
_ESTABLISHED = re.compile(
    r"(?<![\w-])(?:eingerichtet|einzurichten|einrichten|gegründet|ins\s+Leben\s+gerufen|errichtet|gestartet"
    r"|geschaffen|gebildet|neu\s+gebildet|eröffnet|nahm\s+(?:\S+\s+){0,4}Arbeit\s+auf)(?![\w-])"
    r"|regelmäßig\s+(?:\S+\s+){0,6}durchzuführen"
)
# A body that does something "seit 2007" has existed since then: "Seit 2006 gibt es das Gremium".
_SINCE_YEAR = re.compile(
    r"\b[Ss]eit\s+(?:dem\s+Jahr\s+)?(?P<year>(?:19|20)\d{2})\b(?![.\d])[^.]{0,40}?"
    r"\b(?:gibt\s+es|besteht|existiert|koordiniert|tagt|arbeitet)\b"
    r"|\b(?:gibt\s+es|besteht|existiert|koordiniert|tagt|arbeitet)\s+(?:\S+\s+){0,3}?seit\s+(?:dem\s+Jahr\s+)?"
    r"(?P<year2>(?:19|20)\d{2})\b(?![.\d])"
)
_DISSOLVED = re.compile(r"(?<![\w-])(?:aufgelöst|abgeschafft|eingestellt|löst\s+sich\s+auf)(?![\w-])")
_RENAMED = re.compile(r"(?<![\w-])(?:umbenannt|heißt\s+(?:jetzt|nun|seitdem|künftig)|neuen\s+Namen)(?![\w-])")
_MOVED = re.compile(
    r"(?<![\w-])(?:ressortiert|angesiedelt|zugeordnet|wechselt(?:e)?\s+(?:\S+\s+){0,5}(?:in|ins|zum)\s+"
    r"(?:\S+\s+){0,3}Ministerium)(?![\w-])"
)
_MERGED = re.compile(
    r"(?<![\w-])(?:zusammengeführt|zusammengelegt|fusioniert|verschmolzen|vereint|vereinigt)(?![\w-])"
)
_BACK_REFERENCE = re.compile(r"^\s*(?:Seitdem|Seither|Damit|Die\s+beiden|Beide)\b")
_BACK_IN_TIME = re.compile(r"^\s*(?:Seitdem|Seither|Damit)\b")
# Bodies that are founded, constituted, merged: every kind but the governments and cabinets (which adopt).
_EVENT_BODIES = {
    "ministers-conference", "integration-conference", "advisory-council", "working-staff", "federal-office",
}  # fmt: skip


def recognize_body_events(document: Document, proposals: Proposals) -> list[Fact]:
    facts: list[Fact] = []
    previous: Sentence | None = None
    for sentence in document.sentences:
        facts.extend(_events(document, sentence, previous, proposals))
        previous = sentence
    return _merge(facts)


def _events(document: Document, sentence: Sentence, previous: Sentence | None, proposals: Proposals):
    """The sentence's event; several when it sets up several bodies, each with the date just before it
    ("im April 2000 einen Integrationsbeirat und in 2014 die Integrationskonferenz eingerichtet")."""
    if _ESTABLISHED.search(sentence.text) and not _MERGED.search(sentence.text):
        bodies = [b for b in document.within(document.bodies, sentence) if b.classification in _EVENT_BODIES]
        refs = {proposals.body(b.body, b.classification) for b in bodies}
        if len(refs) > 1:
            return [_established(document, sentence, body, proposals) for body in bodies]
    fact = _event(document, sentence, previous, proposals)
    return [fact] if fact is not None else []


def _established(document: Document, sentence: Sentence, body, proposals: Proposals) -> Fact:
    ref = proposals.body(body.body, body.classification)
    fact = Fact(kind="body_event", body=ref, type="Establishment", confidence=0.6)
    dated = [
        (d.start, d.first) for d in document.within(document.dates, sentence) if d.first.year is not None
    ]
    candidates = sorted(dated + bare_years(document, sentence), key=lambda item: item[0])
    before = [value for position, value in candidates if position < body.start]
    fact.start = before[-1] if before else None
    fact.add_span(sentence.start, sentence.end)
    return fact


def _event(document: Document, sentence: Sentence, previous: Sentence | None, proposals: Proposals):
    text = sentence.text
    kind = None
    since = _SINCE_YEAR.search(text)
    if _MERGED.search(text):
        kind = "Merger"
    elif _CONSTITUTED.search(text):
        kind = "Reconstitution" if _AGAIN.search(text) else "Constitution"
    elif _ESTABLISHED.search(text) or since:
        # "für die neue Legislaturperiode gebildet": a body set up again is reconstituted
        kind = "Reconstitution" if _AGAIN.search(text) and not since else "Establishment"
    elif _DISSOLVED.search(text):
        kind = "Dissolution"
    elif _RENAMED.search(text):
        kind = "Renaming"
    elif _MOVED.search(text):
        kind = "Move"
    if kind is None:
        return None
    bodies = [b for b in document.within(document.bodies, sentence) if b.classification in _EVENT_BODIES]
    back = previous is not None and bool(_BACK_REFERENCE.match(text))
    if kind == "Merger":
        originals = {proposals.body(b.body, b.classification) for b in bodies}
        if len(originals) < 2 and back:
            earlier = [
                b for b in document.within(document.bodies, previous) if b.classification in _EVENT_BODIES
            ]
            originals |= {proposals.body(b.body, b.classification) for b in earlier}
        if len(originals) < 2:
            return None
        main = document.main_body
        result = proposals.body(main.body, main.classification) if main else None
    else:
        if not bodies:
            return None
        result = proposals.body(bodies[0].body, bodies[0].classification)
        originals = set()
    if kind == "Dissolution":  # the dissolved body is the original; nothing results
        originals, result = {result}, None
    fact = Fact(kind="body_event", body=result, type=kind, originals=sorted(originals), confidence=0.7)
    back_in_time = previous is not None and bool(_BACK_IN_TIME.match(text))
    if since and not _ESTABLISHED.search(text):
        fact.start, fact.confidence = PartialDate(int(since["year"] or since["year2"])), 0.5
    else:
        fact.start = _date(document, sentence) or (_date(document, previous) if back_in_time else None)
    fact.add_span(sentence.start, sentence.end)
    return fact


def _retold(a: Fact, b: Fact) -> bool:
    if (a.body, a.type, a.originals) != (b.body, b.type, b.originals):
        return False
    return a.start is None or b.start is None or a.start == b.start


def _date(document: Document, sentence: Sentence):
    dates = [d for d in document.within(document.dates, sentence) if not is_end_date(document, d)]
    dated = [d.first for d in dates if d.first.year is not None]
    if dated:
        return dated[0]
    years = bare_years(document, sentence)
    return years[0][1] if len(years) == 1 else None


def _merge(facts: list[Fact]) -> list[Fact]:
    """A merger told right after the body's constitution is one event: a reconstitution as a merger.
    The same change of the same body told again (headline, caption, text) is one event too."""
    merged: list[Fact] = []
    for fact in facts:
        same = next((m for m in merged if _retold(m, fact)), None)
        if same is not None:
            same.start = same.start or fact.start
            for span in fact.spans:
                same.add_span(*span)
            continue
        last = merged[-1] if merged else None
        if (
            last is not None
            and last.body == fact.body
            and {last.type, fact.type} <= {"Constitution", "Reconstitution", "Merger"}
            and last.type != fact.type
            and (last.start is None or fact.start is None or last.start == fact.start)
        ):
            last.type = "Reconstitution+Merger" if "Merger" in {last.type, fact.type} else "Reconstitution"
            last.originals = sorted(set(last.originals) | set(fact.originals))
            last.start = last.start or fact.start
            for span in fact.spans:
                last.add_span(*span)
            continue
        merged.append(fact)
    return merged
