"""Changes to bodies: constituted ("hat sich ... konstituiert"), reconstituted (for a new legislature),
set up ("eingerichtet", "gegründet", "einzurichten"), merged ("vereint sie den früheren X und die Y",
"zu einer Einheit zusammengeführt"). The date is the sentence's date or year; "Seitdem" and "Die beiden"
reach back to the sentence before, for its date and its bodies.
"""

from __future__ import annotations

import re
from collections import Counter

from integrationsgraph.ingest.dates import PartialDate
from integrationsgraph.ingest.document import Document
from integrationsgraph.ingest.facts import Fact
from integrationsgraph.ingest.proposals import Proposals
from integrationsgraph.ingest.recognizers.common import bare_years, is_end_date
from integrationsgraph.ingest.text import Sentence

# A first meeting constitutes a body ("konstituierende Sitzung", "trat zum ersten Mal zusammen"); a body
# called together anew for a new legislature is reconstituted ("neu einberufen").
_CONSTITUTED = re.compile(
    r"(?<![\w-])(?:konstituiert\w*|konstituierte|konstituierende[nrs]?|(?:Neu)?[Kk]onstituierung"
    r"|(?:zum\s+ersten\s+Mal|erstmals)\s+(?:\S+\s+){0,3}?zusammen(?:trat|getreten|gekommen|kam)"
    r"|(?:neu|erneut|wieder)\s+einberufen)(?![\w-])"
)
_AGAIN = re.compile(
    r"(?:diese|neue|jetzige)[nr]?\s+Legislatur|[Ff]ür\s+die\s+Legislatur|erneut|neu\s+(?:konstituiert|einberufen)|Neukonstituierung|wieder",
    re.I,
)
_ESTABLISHED = re.compile(
    r"(?<![\w-])(?:eingerichtet|einzurichten|einrichten|gegründet|gründete|gründeten|ins\s+Leben\s+gerufen"
    r"|rief\s+(?:\S+\s+){0,6}ins\s+Leben|richtete\s+(?:\S+\s+){0,6}ein|errichtet|gestartet"
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
    r"(?<![\w-])(?:ressortiert|angesiedelt|zugeordnet|angebunden|wechselt(?:e)?\s+(?:\S+\s+){0,5}(?:in|ins|zum)\s+"
    r"(?:\S+\s+){0,3}Ministerium)(?![\w-])"
)
_MERGED = re.compile(
    r"(?<![\w-])(?:zusammengeführt|zusammengelegt|fusioniert|verschmolzen|vereint|vereinigt)(?![\w-])"
)
_BACK_REFERENCE = re.compile(r"^\s*(?:Seitdem|Seither|Damit|Die\s+beiden|Beide)\b")
# "Sie wurde eingerichtet": a body named by pronoun is the one the sentence before names
_PRONOUN_SUBJECT = re.compile(r"^\s*(?:Sie|Er|Es)\s")
# "eingerichtet nach dem ersten Integrationsgipfel im Jahr 2006": a body after a temporal preposition,
# with the date right after it, is a point in time, neither the body set up nor its date
_LANDMARK = re.compile(r"\b(?:nach|vor|seit)\s+(?:dem|der|den)\s+(?:[a-zäöüß][\w-]*\s+){0,3}$")
_UNTIL = re.compile(r"\bbis\s+$")  # "für die Legislaturperiode 2009 bis 2014": 2014 is its end
_LANDMARK_DATE = re.compile(r"^\s*(?:im\s+Jahr(?:e)?\s+|von\s+|vom\s+|im\s+)?")
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
    return [_merged_into_namesake(fact, proposals) for fact in _merge(facts)]


def _merged_into_namesake(fact: Fact, proposals: Proposals) -> Fact:
    """A body merged with others into a body of its own name ("vereint den bisherigen Integrationsbeirat
    und die frühere Integrationskonferenz") results in its namesake set up later, where the registry has
    one ("Hessische Integrationskonferenz (seit 2019)")."""
    if "Merger" not in (fact.type or "") or fact.body is None:
        return fact
    registry = proposals.registry
    former = {registry.earliest_namesake(ref) for ref in fact.originals if registry.has(ref)}
    later = (
        registry.later_namesake(registry.earliest_namesake(fact.body)) if registry.has(fact.body) else None
    )
    if later is not None and registry.earliest_namesake(fact.body) in former:
        fact.body = later
        fact.originals = sorted({registry.earliest_namesake(r) if r == later else r for r in fact.originals})
    return fact


def _event_bodies(document: Document, sentence: Sentence) -> list:
    """The bodies a change can be about: of the kinds that are set up and merged, and no landmark."""
    return [
        b
        for b in document.within(document.bodies, sentence)
        if b.classification in _EVENT_BODIES and not _is_landmark(document, sentence, b)
    ]


def _is_landmark(document: Document, sentence: Sentence, body) -> bool:
    return bool(_LANDMARK.search(document.body[max(sentence.start, body.start - 60) : body.start]))


def _landmark_dates(document: Document, sentence: Sentence) -> list[tuple[int, int]]:
    """Where the dates of landmarks stand ("nach dem ersten Integrationsgipfel im Jahr 2006")."""
    spans = []
    for body in document.within(document.bodies, sentence):
        if _is_landmark(document, sentence, body):
            lead = _LANDMARK_DATE.match(document.body, body.end)
            spans.append((body.end, lead.end() + 4 if lead else body.end))
    return spans


def _events(document: Document, sentence: Sentence, previous: Sentence | None, proposals: Proposals):
    """The sentence's event; several when it sets up several bodies, each with the date just before it
    ("im April 2000 einen Integrationsbeirat und in 2014 die Integrationskonferenz eingerichtet")."""
    if _ESTABLISHED.search(sentence.text) and not _MERGED.search(sentence.text):
        bodies = _event_bodies(document, sentence)
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
    bodies = _event_bodies(document, sentence)
    if not bodies and previous is not None and _PRONOUN_SUBJECT.match(text) and kind != "Merger":
        bodies = _event_bodies(document, previous)[:1]
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
    elif bodies:
        result = proposals.body(bodies[0].body, bodies[0].classification)
        originals = set()
    elif kind == "Move":  # an office moved to a ministry ("an die Staatskanzlei angebunden")
        result, originals = _move_target(document, sentence, proposals), set()
        if result is None:
            return None
    else:
        return None
    if kind == "Dissolution":  # the dissolved body is the original; nothing results
        originals, result = {result}, None
    fact = Fact(kind="body_event", body=result, type=kind, originals=sorted(originals), confidence=0.7)
    back_in_time = previous is not None and bool(_BACK_IN_TIME.match(text))
    if since and not _ESTABLISHED.search(text):
        fact.start, fact.confidence = PartialDate(int(since["year"] or since["year2"])), 0.5
    else:
        anchor = bodies[0].start if bodies and kind != "Merger" else None
        fact.start = _date(document, sentence, anchor) or (
            _date(document, previous) if back_in_time else None
        )
    fact.add_span(sentence.start, sentence.end)
    return fact


_FORMERLY_AT = re.compile(r"\bbisher\w*\s+(?:im|beim|in\s+der|bei\s+der)\s+$")


def _move_target(document: Document, sentence: Sentence, proposals: Proposals) -> str | None:
    """Where an office or body moves to when it is a ministry ("wird ... künftig direkt an die
    Staatskanzlei angebunden"): the registry ministry named last before the move's verb, not the one it
    was at ("bisher im Sozialministerium angesiedelte"). A one-word name ("Staatskanzlei") counts only
    when the ministry's name gives the Land the text is about."""
    registry, gazetteer = proposals.registry, proposals.gazetteer
    lands = Counter(m.key for m in document.laender)
    main_land = lands.most_common(1)[0][0] if lands else None
    verbs = list(_MOVED.finditer(sentence.text))
    found = []
    for name, ref in registry.labels("ministry"):
        own = {m.key for m in gazetteer.find_laender(registry.entities[ref].label)}
        if " " not in name and own and main_land not in own:
            continue
        for match in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", sentence.text, re.IGNORECASE):
            if not _FORMERLY_AT.search(sentence.text[max(0, match.start() - 20) : match.start()]):
                found.append((match.end(), ref))
    before = [(end, ref) for end, ref in found if verbs and end <= verbs[-1].start()]
    return max(before)[1] if before else None


def _retold(a: Fact, b: Fact) -> bool:
    if (a.body, a.type, a.originals) != (b.body, b.type, b.originals):
        return False
    return a.start is None or b.start is None or a.start == b.start


def _date(document: Document, sentence: Sentence, anchor: int | None = None):
    """The sentence's date of the change: its first date, or its one bare year; of several in a sentence
    about a body at `anchor`, the last before the body ("gründete 1999 die Abteilung und im Jahr 2000 den
    Integrationsbeirat"). The dates of landmarks ("nach dem Gipfel im Jahr 2006") are not the change's."""
    landmarks = _landmark_dates(document, sentence)
    dates = [
        d
        for d in document.within(document.dates, sentence)
        if not is_end_date(document, d) and not any(s <= d.start < e for s, e in landmarks)
    ]
    candidates = [(d.start, d.first) for d in dates if d.first.year is not None]
    years = [
        (at, year)
        for at, year in bare_years(document, sentence)
        if not any(s <= at < e for s, e in landmarks)
        and not _UNTIL.search(document.body[max(0, at - 6) : at])
    ]
    if anchor is not None and len(candidates) + len(years) > 1:
        before = sorted((item for item in candidates + years if item[0] < anchor), key=lambda item: item[0])
        if before:
            return before[-1][1]
    if candidates:
        return candidates[0][1]
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
