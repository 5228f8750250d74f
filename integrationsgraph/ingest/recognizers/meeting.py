"""Meetings: a conference, session or working meeting of a body, with its dates, place, number and status.

A meeting word ("Hauptkonferenz", "Vorkonferenz", "Herbsttreffen", "Sitzung", "Treffen", "Tagung", or a
conference's own name) makes a meeting where the sentence also gives it a date, a number ("7.", "fünften")
or a place together with a meeting verb ("tagen in Erfurt"). Each date of the sentence belongs to the
meeting word before it (or, failing one, after it), so "Vorkonferenz am 14. März, ... Hauptkonferenz am
26. April" are two meetings. A short heading line with a meeting word lends it to the dates that follow.
The status is `held` or `announced` from the verbs around the word (tense), else from the dates against
the document's date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from integrationsgraph.ingest.bodies import BodyMention
from integrationsgraph.ingest.dates import FROM_RELEASE_DATE, MONTHS, DateMention, PartialDate
from integrationsgraph.ingest.document import Document
from integrationsgraph.ingest.facts import Fact
from integrationsgraph.ingest.linking import Entity
from integrationsgraph.ingest.proposals import Proposals
from integrationsgraph.ingest.recognizers.common import bare_years, cities_in, is_end_date
from integrationsgraph.ingest.text import Sentence

_NOUNS = {
    "hauptkonferenz": "main-conference", "vorkonferenz": "pre-conference", "herbsttreffen": "autumn-meeting",
    "sonderkonferenz": "meeting", "plenarsitzung": "session", "sitzung": "session", "treffen": None,
    "tagung": None, "konferenz": None, "ministerkonferenz": None, "fachministerkonferenz": None,
    "jahreskonferenz": None, "zusammenkunft": None,
}  # fmt: skip
# Nouns are capitalised: "Treffen" is a meeting, "treffen sich" a verb (of anyone).
_NOUN = re.compile(
    r"(?<![\w-])(?P<noun>"
    + "|".join(noun.capitalize() for noun in sorted(_NOUNS, key=len, reverse=True))
    + r"|[A-ZÄÖÜ][a-zäöüß]*gipfel|Gipfel|[A-ZÄÖÜ][a-zäöüß]*versammlung|Jahrestagung|Fachtagung"
    r"|[A-ZÄÖÜ][a-zäöüß]*gipfels|Videokonferenz)"
    r"(?![\w-])"
)
# A summit is a meeting of whoever invites to it: the federal government where the chancellor does.
_FEDERAL_HOST = re.compile(r"Bundeskanzler(?:in)?|Bundesregierung|Kanzleramt|Bundesinnenminister")
_CANCELLED = re.compile(
    r"(?<![\w-])(?:abgesagt|fällt\s+(?:\S+\s+){0,3}aus|fiel\s+(?:\S+\s+){0,3}aus|Absage)(?![\w-])"
)
_ONLINE = re.compile(
    r"(?<![\w-])(?:Videokonferenz|Videoschalte|virtuell\w*|digital(?:e|en)?\s+(?:Sitzung|Konferenz|Format)"
    r"|online|per\s+Video)(?![\w-])",
    re.I,
)
_ORDINAL_WORDS = {
    "erst": 1, "zweit": 2, "dritt": 3, "viert": 4, "fünft": 5, "sechst": 6, "siebt": 7, "siebent": 7,
    "acht": 8, "neunt": 9, "zehnt": 10, "elft": 11, "zwölft": 12, "dreizehnt": 13, "vierzehnt": 14,
    "fünfzehnt": 15, "sechzehnt": 16, "siebzehnt": 17, "achtzehnt": 18, "neunzehnt": 19, "zwanzigst": 20,
}  # fmt: skip
_ORDINAL_BEFORE = re.compile(
    r"(?:(?P<n>\d{1,2})\.|(?P<word>" + "|".join(sorted(_ORDINAL_WORDS, key=len, reverse=True)) + r")e[nmrs]?)"
    r"\s+(?:(?:[A-ZÄÖÜa-zäöü][\w-]*(?:e|en|er)|gemeinsamen)\s+)?$",
    re.I,
)
_HELD = re.compile(
    r"(?<![\w-])(?:fand|fanden|tagte|tagten|getagt|stattgefunden|trafen|getroffen|berieten|beraten\s+seit"
    r"|konstituiert(?:e)?|verständigten|diskutierten|debattierten|bestätigten|gestrigen|letzte|letzten"
    r"|vergangenen|nach\s+dem|nahm|nahmen|teilgenommen|beschlossen|gefasste|gefassten|war|waren|hatte"
    r"|Rückblick|begrüßte|eröffnete|im\s+Anschluss|zum\s+Abschluss)(?![\w-])"
)
_ANNOUNCED = re.compile(
    r"(?<![\w-])(?:findet|finden|stattfinden|wird|werden|soll|sollen|geplant|plant|treffen\s+sich|trifft\s+sich"
    r"|tagt|tagen|beginnenden|beginnt|lädt|einladen|kommende[nr]?|nächste[nr]?|Vorschau|künftig|bevorstehende[nr]?"
    r"|erwartet|erwarten|wollen|will|leiten|angepeilt|angestrebt|vorgesehen)(?![\w-])"
)
_PROPOSED = re.compile(r"(?<![\w-])(?:schlug|vorgeschlagen|schlägt)(?![\w-])")
_VERB = re.compile(
    r"(?<![\w-])(?:tag\w*|getagt|trafen|treffen|trifft|getroffen|berät|beraten|berieten|statt|stattfinden|stattgefunden"
    r"|zusammen\w*|konstituier\w*|Gastgeber\w*|ausgerichtet|leiten|debattierten|diskutierten|beginn\w*|eröffne\w*)(?![\w-])"
)
_CONSTITUTED = re.compile(r"konstituier", re.I)
_SESSION_WORDS = re.compile(r"(?<![\w-])(?:Sitzung|Treffen|Tagung|Plenarsitzung)(?![\w-])")
_TWO_DAYS = re.compile(r"zweitägig|zwei\s+Tage", re.I)
_MOTTO = re.compile(r"Motto\s*[„\"»‚']\s*(?P<motto>[^“\"«‘']{3,120}?)\s*[“\"«‘']")
_CHAIR_YEAR = re.compile(r"Vorsitz\w*\s+(?:der|für\s+die|über\s+die)\s+(?:nunmehr\s+)?(?:\d{1,2}\.\s*)?$")
_CHAIR_WORD = re.compile(r"Vorsitz")
_NEXT_YEAR = re.compile(r"(?<![\w-])im\s+(?:nächsten|kommenden|folgenden)\s+Jahr(?![\w-])")
_TODAY = re.compile(r"(?<![\w-])(?:gestern|heute|morgen)(?![\w-])")
_RELATIVE_DAY = re.compile(r"(?:heutigen|gestrigen|morgigen)\s+$")
_OTHER_SESSION = re.compile(
    r"^\s+(?:des|der)\s+(?:[\w-]+\s+)?[\w-]*(?:[Aa]usschuss|[Ll]andtag|[Ff]raktion|[Rr]at|[Kk]ommission|[Pp]artei"
    r"|[Vv]erband|[Vv]erein|[Gg]remium|[Bb]undestag|[Bb]undesrat|[Gg]esellschaft|[Ss]tiftung)(?:es|s|n|en)?(?![\w-])"
)
_HALF_YEAR = re.compile(
    r"(?<![\w-])(?:im|für\s+das|in\s+der)\s+(?P<which>erste|zweite)[nm]?\s+(?:Halbjahr|Jahreshälfte)"
    r"(?:\s+(?P<year>(?:19|20)\d{2}))?(?![\w-])"
)
_AT_MEETING = re.compile(
    r"(?<![\w-])(?:[Aa]uf|[Bb]ei)\s+(?:einer|einem|der|dem|ihrer|ihrem|seiner|seinem)\s+(?:[a-zäöü]\w*\s+)?$"
)
_DONE_THERE = re.compile(r"(?<![\w-])(?:wurden?|waren|war|haben|hat|hatten|hatte)(?![\w-])")
_REPORTING = re.compile(
    r"(?<![\w-])(?:sagte|sagt|mitteilte|teilte|erklärte|berichtete|betonte|kündigte|so)(?![\w-])"
)
_ON_DAY = re.compile(r"\s+am\s+")
_AS_TOLD = re.compile(r"\s*wie\s")
_CLAUSE_MARK = re.compile(r"[,;:„“\"»«]")
_CHAIR = re.compile(r"(?:unter\s+(?:dem\s+)?(?:Vorsitz|Leitung)|Vorsitzende[rn]?)\b")


@dataclass
class _Anchor:
    """A meeting word of a sentence: where it is, what type it names, which body."""

    start: int
    end: int
    type: str | None
    body_ref: str
    body_kind: str


def recognize_meetings(document: Document, proposals: Proposals) -> list[Fact]:
    facts = []
    previous: Sentence | None = None
    for sentence in document.sentences:
        facts.extend(_sentence_meetings(document, sentence, previous, proposals))
        previous = sentence
    return facts


def _sentence_meetings(
    document: Document, sentence: Sentence, previous: Sentence | None, proposals: Proposals
) -> list[Fact]:
    mentioned = document.within(document.dates, sentence)
    dates = [d for d in mentioned if _meeting_date(document, d)]
    if not dates and mentioned and all(_weekday_only(d) for d in mentioned):
        dates = _month_of_weekdays(document, mentioned)
    # a month without its year ("noch im Januar") dates a meeting named otherwise, but does not make a
    # bare "Konferenz" one ("im April kommenden Jahres" gives the year)
    year_given = [d for d in dates if any(char.isdigit() for char in d.exact) or "Jahr" in d.exact]
    anchors = _anchors(document, sentence, proposals, bool(year_given or _HALF_YEAR.search(sentence.text)))
    heading = None
    if not anchors and dates and dates[0].start == sentence.start and previous is not None:
        heading = _last_line(previous)
        anchors = [a for a in _anchors(document, heading, proposals, False) if a.type is not None]
    if not anchors:
        return []
    text = sentence.text
    constituted_only = _CONSTITUTED.search(text) and not _SESSION_WORDS.search(text)
    if constituted_only:
        return []
    # each date belongs to the last meeting word before it (the first one, under a heading or before all)
    assigned: dict[int, list[DateMention]] = {index: [] for index in range(len(anchors))}
    for mention in dates:
        before = [i for i, a in enumerate(anchors) if a.start <= mention.start]
        assigned[before[-1] if before and heading is None else 0].append(mention)
    facts = []
    for index, anchor in enumerate(anchors):
        # of several meetings in a sentence, each has the places between its word and the next one's, as
        # with dates ("nach einem Treffen in Wiesbaden ... mit Blick auf die Konferenz am 10. Mai")
        following = anchors[index + 1].start if index + 1 < len(anchors) else sentence.end
        own = (anchor.start if index else sentence.start, following)
        fact = _meeting(document, sentence, anchor, assigned[index], proposals, own=own)
        if fact is not None:
            if heading is not None:
                fact.add_span(heading.start, heading.end)
                fact.spans.sort()
            facts.append(fact)
    return facts


_OTHER_EVENT_AFTER = re.compile(r"\s+(?:\S+\s+){0,2}?[\w-]*(?:[Ww]ahl(?:en)?|[Ff]rist|[Ss]tichtag)(?![\w-])")
# "gültig vom 04.04.2023 bis 31.12.2030": a period of validity, no meeting
_VALIDITY = re.compile(r"\s*bis\s+(?:zum\s+)?\d{1,2}\.\d{1,2}\.(?:19|20)?\d{2}")
_PLANNING_YEARS = 2
_OF_NUMBERED_GAP = re.compile(r"\s+(?:der|des)\s+(?:\d{1,2}\.\s*)?")
_OF_NUMBERED = re.compile(
    r"\s+(?:der|des)\s+(?:(?P<n>\d{1,2})\.\s*)?(?=Konferenz|IntMK|Integrationsminister)"
)
# a meeting that dates something else ("nach dem ersten Gipfel ... 2007 einberufen") has none of its dates
_TIME_REFERENCE = re.compile(
    r"(?<![\w-])(?:[Nn]ach|[Vv]or|[Ss]eit)\s+(?:dem|der|einem|einer|ihrem|ihrer|seinem|seiner)\s+"
    r"(?:[\w.-]+\s+)?(?:[\w-]+\s+)?$"
)
_HAND_OVER_OF = re.compile(
    r"[A-ZÄÖÜ]?[\wäöüß]*(?:übergabe|Übergabe|übernahme|wechsel)\s+(?:der|des)\s+(?:\S+\s+)?$"
)
_TENURE_DATE = re.compile(r"\b(?:[Zz]um|[Aa]b)\s+$")


def _weekday_only(mention: DateMention) -> bool:
    return mention.relative is None and _no_day_or_month(mention)


def _no_day_or_month(mention: DateMention) -> bool:
    """A weekday alone: neither a number nor a month's name ("im April kommenden Jahres" has a month)."""
    words = mention.exact.lower().split()
    return not any(char.isdigit() for char in mention.exact) and not any(word in MONTHS for word in words)


def _month_of_weekdays(document: Document, mentions: list[DateMention]) -> list[DateMention]:
    """ "diesen Donnerstag und Freitag" in a document dated only to the month: that month, no more."""
    issued = document.issued
    if issued is None or issued.year is None or issued.month is None or issued.day is not None:
        return []
    note = f"the text names weekdays ('{mentions[0].exact}'); the document is dated {issued.edtf} only"
    month = PartialDate(issued.year, issued.month, None, FROM_RELEASE_DATE, note)
    first = mentions[0]
    return [DateMention(first.start, mentions[-1].end, first.exact, month, month)]


def _meeting_date(document: Document, mention: DateMention) -> bool:
    """Not an end ("bis zum"), a tenure's start ("zum 1. Oktober") or a weekday of unknown week."""
    before = document.body[max(0, mention.start - 6) : mention.start]
    if _beyond_planning(document, mention):
        return False
    if _OTHER_EVENT_AFTER.match(document.body, mention.end) or _VALIDITY.match(document.body, mention.end):
        return False  # "am 14. September anstehenden Integrationsratswahlen": the date of something else
    return not (
        is_end_date(document, mention) or _bare_weekday(mention, before) or _TENURE_DATE.search(before)
    )


def _beyond_planning(document: Document, mention: DateMention) -> bool:
    """A day more than two years after the text's own stated date: no release announces a meeting that
    far ahead to the day, so it is page furniture stored with the text later (a sidebar of coming dates)."""
    issued, first = document.issued, mention.first
    if issued is None or issued.method != "stated" or issued.day is None or first.day is None:
        return False
    return first.earliest is not None and first.earliest.year - issued.year > _PLANNING_YEARS


def _bare_weekday(mention: DateMention, before: str) -> bool:
    """A weekday alone ("am Freitag"), which may be any week's; "seit Mittwoch" and "kommenden" are kept."""
    if not _no_day_or_month(mention) or mention.relative not in {None}:
        return False
    return not before.rstrip().lower().endswith("seit")


def _last_line(sentence: Sentence) -> Sentence:
    cut = sentence.text.rfind("\n") + 1
    return Sentence(sentence.start + cut, sentence.end, sentence.text[cut:])


def _anchors(document: Document, sentence: Sentence, proposals: Proposals, dated: bool) -> list[_Anchor]:
    anchors: list[_Anchor] = []
    main = document.main_body
    for match in _NOUN.finditer(sentence.text):
        start, end = sentence.start + match.start(), sentence.start + match.end()
        near = _body_near(document, sentence, end)
        if near is None and _OTHER_SESSION.match(document.body[end : end + 60]):
            continue  # "Sitzung des Ausschusses": a meeting of a body we do not know
        summit = match["noun"].lower().endswith(("gipfel", "gipfels"))
        named = _named_as_body(document, sentence, start) if summit else None
        if named is not None:  # a summit the registry knows by its name ("Integrationsgipfel") is its own
            near = named
        body = near or main
        if summit and near is None:  # a summit is its convener's, never the document's body by default
            if not _FEDERAL_HOST.search(sentence.text):
                continue
            body = _federal_government(proposals, start, end)
        if body is None:
            continue
        noun = match["noun"].lower()
        # an assembly is a meeting by its name ("Mitgliederversammlung am 4. Mai"), no verb needed
        kind = _NOUNS.get(noun) or ("meeting" if noun.endswith("versammlung") else None)
        if kind is None and not _anchor_allowed(document, sentence, start, end, dated):
            continue
        anchors.append(
            _Anchor(start, end, kind, proposals.body(body.body, body.classification), body.classification)
        )
    for body in document.within(document.bodies, sentence):
        if body.generic or body.classification not in {"ministers-conference", "integration-conference"}:
            continue
        if _HAND_OVER_OF.search(document.body, max(sentence.start, body.start - 60), body.start):
            continue  # "die Stabübergabe der IntMK findet statt": a hand-over, not a session
        dated_by_name = any(
            _ON_DAY.fullmatch(document.body, body.end, d.start)
            for d in document.within(document.dates, sentence)
        )
        if not dated_by_name and not _anchor_allowed(document, sentence, body.start, body.end, False):
            continue  # "die Ministerpräsidentenkonferenz am 10. Mai" names a meeting by its date
        if any(a.start <= body.start < a.end + 60 and a.body_ref == body.body.ref for a in anchors):
            continue
        if any(body.start <= a.start < body.end for a in anchors):
            continue
        ref = proposals.body(body.body, body.classification)
        if document.body[body.start - 1 : body.start] == "(" and any(a.body_ref == ref for a in anchors):
            continue  # "(IntMK)" repeats the name before it
        anchors.append(_Anchor(body.start, body.end, None, ref, body.classification))
    anchors.sort(key=lambda a: a.start)
    # "die Hauptkonferenz der 15. Konferenz": the numbered conference year holds the session, one meeting
    return [
        a
        for i, a in enumerate(anchors)
        if not (i and _OF_NUMBERED_GAP.fullmatch(document.body, anchors[i - 1].end, a.start))
    ]


def _federal_government(proposals: Proposals, start: int, end: int) -> BodyMention:
    registry = proposals.registry
    entity = registry.lookup("body", "Bundesregierung") or Entity(
        "body:bundesregierung", "body", "Bundesregierung", proposed=True
    )
    return BodyMention(start, end, "", entity, registry.classifications.get(entity.ref) or "government")


def _anchor_allowed(document: Document, sentence: Sentence, start: int, end: int, dated: bool) -> bool:
    """A conference's name or a bare "Konferenz" is a meeting only with a meeting verb, a number, a place
    right after it ("Treffen in Erfurt"), as a caption ("Hessische Integrationskonferenz September 2018"),
    or with a date in a sentence that is not about the chair; never as the chair's year."""
    before = document.body[max(sentence.start, start - 60) : start]
    if _CHAIR_YEAR.search(before):
        return False
    caption = len(sentence.text) <= 80 and not _VERB.search(sentence.text)
    placed = any(end <= city.start <= end + 40 for city in cities_in(document, sentence))
    undisputed_date = dated and not _CHAIR_WORD.search(sentence.text)
    return bool(
        _VERB.search(sentence.text)
        or _ordinal(before)
        or caption
        or placed
        or undisputed_date
        or _attended(document, sentence, start)
    )


def _named_as_body(document: Document, sentence: Sentence, position: int):
    return next((b for b in document.within(document.bodies, sentence) if b.start == position), None)


def _attended(document: Document, sentence: Sentence, start: int) -> bool:
    """ "Auf einer Mitgliederversammlung wurde X bestätigt", "haben sich bei ihrer Konferenz für ...
    ausgesprochen": something was done at it, so it was held."""
    at = _AT_MEETING.search(document.body, max(sentence.start, start - 40), start)
    return bool(at and _DONE_THERE.search(sentence.text))


def _body_near(document: Document, sentence: Sentence, position: int):
    """The body a meeting word belongs to: named right after it ("Sitzung der Integrationskonferenz")."""
    for body in document.within(document.bodies, sentence):
        if position <= body.start <= position + 40:
            return body
    return None


def _meeting(
    document: Document,
    sentence: Sentence,
    anchor: _Anchor,
    dates: list[DateMention],
    proposals: Proposals,
    *,
    own: tuple[int, int],
) -> Fact | None:
    text = document.body
    ordinal = _ordinal(text[max(sentence.start, anchor.start - 40) : anchor.start])
    numbered = _OF_NUMBERED.match(text, anchor.end)
    if ordinal is None and numbered and numbered["n"]:
        ordinal = int(numbered["n"])
    reference = bool(_TIME_REFERENCE.search(text, max(sentence.start, anchor.start - 40), anchor.start))
    if reference:
        dates = []  # "nach dem ersten Integrationsgipfel ... im Jahr 2007 einberufen": the date of the other
    places = [
        city
        for city in cities_in(document, sentence)
        if own[0] <= city.start < own[1] and not _reported_from(document, sentence, city)
    ]
    verb = _VERB.search(sentence.text)
    relative = bool(_RELATIVE_DAY.search(text[max(sentence.start, anchor.start - 20) : anchor.start]))
    # "Dazu tagte gestern erneut die Konferenz": a day of its own, even where the text's date is unknown
    relative = relative or bool(verb and _TODAY.search(sentence.text))
    proposed = bool(_PROPOSED.search(sentence.text)) and anchor.type is not None
    caption = len(sentence.text) <= 80 and not verb
    placed_caption = caption and (places or re.search(r"\bi[nm]\s+[A-ZÄÖÜ]", sentence.text))
    years = bare_years(document, sentence) if not dates and (ordinal is not None or placed_caption) else []
    if reference:
        years = []
    attended = _attended(document, sentence, anchor.start)
    if reference and not places and not relative:
        return None  # only a point in time for something else: the text tells nothing of the meeting
    half = _HALF_YEAR.search(sentence.text) if not dates else None
    if not (
        dates or ordinal is not None or places or relative or proposed or len(years) == 1 or attended or half
    ):
        return None
    stated = [d for d in dates if d.first.method == "stated"] or dates
    first = stated[0] if stated else None
    start = first.first if first and first.first.year is not None else None
    end = first.last if first and first.last.year is not None else None
    if half and half["year"]:  # "im zweiten Halbjahr 2019": July to December (without its year: undated)
        months = (1, 6) if half["which"].lower().startswith("erst") else (7, 12)
        start, end = PartialDate(int(half["year"]), months[0]), PartialDate(int(half["year"]), months[1])
    if start is None and len(years) == 1:
        start = end = years[0][1]
    coming = _NEXT_YEAR.search(sentence.text) if start is None and not reference else None
    if coming and document.reference is not None:  # "im nächsten Jahr": the year after the text's
        note = f"'{coming.group(0)}' counted from the document date {document.reference}"
        start = end = PartialDate(document.reference.year + 1, method=FROM_RELEASE_DATE, note=note)
    if start is not None and start == end and start.day is not None and _TWO_DAYS.search(sentence.text):
        end = _next_day(start)
    meeting_type = anchor.type or _default_type(anchor, sentence)
    place = min(places, key=lambda c: abs(c.start - anchor.start)) if places else None
    fact = Fact(
        kind="meeting",
        body=anchor.body_ref,
        ordinal=ordinal,
        start=start,
        end=end,
        place=proposals.place(place.key) if place else None,
        status=_status(document, sentence, anchor, start, end),
        type=meeting_type,
        explicit_type=anchor.type is not None,
        confidence=0.9 if start else (0.7 if ordinal else 0.6),
    )
    motto = _MOTTO.search(sentence.text)
    fact.motto = motto["motto"] if motto else None
    fact.cancelled = bool(_CANCELLED.search(sentence.text))
    fact.online = bool(_ONLINE.search(sentence.text))
    if fact.cancelled:  # it was announced and did not take place: never "held"
        fact.status = "announced"
    fact.specific = half is not None or relative or attended
    fact.holder = _chair(document, sentence, proposals)
    fact.add_span(sentence.start, sentence.end)
    return fact


def _reported_from(document: Document, sentence: Sentence, city) -> bool:
    """A city in the clause that says who told ("sagte Klose in Wiesbaden", "wie der Rat am Dienstag in
    Düsseldorf mitteilte") is where it was said, not where the meeting is."""
    text = document.body
    start = max([sentence.start, *(m.end() for m in _CLAUSE_MARK.finditer(text, sentence.start, city.start))])
    if _REPORTING.search(text, start, city.start):
        return True
    end = _CLAUSE_MARK.search(text, city.end, sentence.end)
    return bool(
        _AS_TOLD.match(text, start)
        and _REPORTING.search(text, city.end, end.start() if end else sentence.end)
    )


def _ordinal(before: str) -> int | None:
    match = _ORDINAL_BEFORE.search(before)
    if not match:
        return None
    if match["n"]:
        return int(match["n"])
    return _ORDINAL_WORDS[match["word"].lower()]


def _default_type(anchor: _Anchor, sentence: Sentence) -> str:
    if _CONSTITUTED.search(sentence.text):
        return "constituent-session"
    if anchor.body_kind == "ministers-conference":
        return "main-conference"
    return "session" if _SESSION_WORDS.search(sentence.text) else "meeting"


def _status(document: Document, sentence: Sentence, anchor: _Anchor, start, end) -> str:
    if _PROPOSED.search(sentence.text):
        return "proposed"
    held = [m.start() for m in _HELD.finditer(sentence.text)]
    announced = [m.start() for m in _ANNOUNCED.finditer(sentence.text)]
    if held or announced:
        position = anchor.start - sentence.start
        nearest_held = min((abs(p - position) for p in held), default=10**6)
        nearest_announced = min((abs(p - position) for p in announced), default=10**6)
        return "held" if nearest_held <= nearest_announced else "announced"
    reference = document.reference
    own_date = bool(document.issued and document.issued.day)
    if reference and start and end and end.latest and start.earliest:
        if own_date and end.latest < reference:
            return "held"
        if start.earliest > reference:
            return "announced"
    return "held"


def _next_day(value: PartialDate) -> PartialDate:
    following = date(value.year, value.month, value.day) + timedelta(days=1)
    note = "the text names the first day and says the meeting lasts two days"
    return PartialDate.of_day(following, "from-context", note)


def _chair(document: Document, sentence: Sentence, proposals: Proposals) -> str | None:
    match = _CHAIR.search(sentence.text)
    if not match:
        return None
    after = sentence.start + match.end()
    persons = [p for p in document.within(document.persons, sentence) if after <= p.start <= after + 120]
    if persons:
        return proposals.person(persons[0])
    lands = [
        land for land in document.within(document.laender, sentence) if after <= land.start <= after + 60
    ]
    return proposals.land(lands[0].key) if lands else None
