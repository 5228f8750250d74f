"""Offices held by persons: "Sozialminister Norbert Bischoff", "der Hessische Minister für Soziales und
Integration, Kai Klose", "Maria Weber, Beauftragte der Landesregierung", "Amtseinführung von Kai Klose als
Staatssekretär und Bevollmächtigter". The office is the title phrase next to the name (one holding per
role it names: "Staatssekretär und Bevollmächtigter" are two); its organisation the Land the title names,
the federal government for federal titles, else the Land of the publisher's address or the Land the
document is about (see `_dominant_land`); none found, no holding is proposed.

Bounds come from the words around the name: a start from "seit D", "zum D", an appointment ("Amtseinführung",
"vereidigt", "ernannt", "übernimmt das Amt", "ist neuer") with the sentence's date; an end from a leaving
("scheidet aus", "Ausscheiden", "legt ... nieder", "Ruhestand"). Who follows whom ("löst X ab",
"hat X im Amt abgelöst", "beerbt X", "Nachfolger von X", "Xs Nachfolger", "Amtsvorgänger X"): the
predecessor's holding ends when the successor's begins, and a predecessor named without a title held the
successor's office ("im Amt"). "kommissarisch" marks an acting holder (its type keeps the role).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from integrationsgraph.ingest.dates import PartialDate
from integrationsgraph.ingest.document import Document
from integrationsgraph.ingest.facts import Fact
from integrationsgraph.ingest.gazetteer import Gazetteer
from integrationsgraph.ingest.persons import TITLE_PHRASE, PersonMention
from integrationsgraph.ingest.proposals import Proposals
from integrationsgraph.ingest.recognizers.common import is_vague
from integrationsgraph.ingest.text import Sentence

_ROLES = (
    (re.compile(r"staatssekretär", re.I), "state-secretary"),
    (re.compile(r"bevollmächtigt", re.I), "plenipotentiary"),
    (re.compile(r"beauftragt", re.I), "commissioner"),
    (re.compile(r"senator", re.I), "senator"),
    (re.compile(r"sprecher", re.I), "staff"),
    (re.compile(r"(?<!präsident)minister(?!präsident)", re.I), "minister"),
)
# Not offices of a government: chairs and presidents (other recognizers), party and parliamentary
# group functions ("Integrationsbeauftragte der SPD-Bundestagsfraktion"), heads of government.
_NOT_OFFICES = re.compile(
    r"Vorsitzende|präsident|[Kk]anzler|Fraktion|Parteichef|Partei|Landesvorsitz|Bürgermeister", re.I
)
# Federal offices: "Bundesminister", and the federal commissioner "für Migration, Flüchtlinge und Integration"
_FEDERAL = re.compile(r"Bundes|Flüchtlinge\s+und\s+Integration")
_ARTICLE = re.compile(r"^(?:der|die|dem|den|des|und|von|vom|als|zum|zur|seit)\s+", re.I)
_START_IN_MENTION = re.compile(r"^(?:[Ss]eit|[Aa]b|[Zz]um)\s")  # a date mention "Seit Oktober 2017"
_START = re.compile(r"(?:\b[Ss]eit(?:\s+dem)?|Amtseinführung\b[^.]{0,80}?\bam|\b[Zz]um|\bab(?:\s+dem)?)\s+$")
# "als Staatssekretär und Bevollmächtigter ..." right after a name: the office the sentence gives them.
# Also "soll (in Hessen) neuer Gesundheitsminister werden", and a headline's "X neue Staatsministerin".
_AS_TITLE = re.compile(
    r"^\s*(?:\([^)]{1,40}\))?\s*,?\s*(?:(?:(?:erhielt|kam|kommt|folgt|folgte)\s+)?(?:als|zum|zur|ist|war|wird|wurde|bleibt|soll|sollte)\s+"
    r"(?:in\s+[A-ZÄÖÜ][\w-]+\s+)?|(?=neue[nrm]?\s))"
    r"(?:(?:zuletzt|bisher|bereits|noch)\s+)?(?:seit\s+[^,;:]{3,40}?\s+)?"
    r"(?:(?:der|die)\s+)?(?:(?:neue|erste)[nrm]?\s+)?(?P<title>" + TITLE_PHRASE + ")"
)
# "Seit Oktober 2017 ist Kai Klose der neue Staatssekretär": the verb before the name, the title after it
_VERB_BEFORE = re.compile(r"\b(?:ist|war|wird|wurde|bleibt)\s+$")
_TITLE_AFTER_VERB = re.compile(r"^\s+(?:(?:der|die)\s+)?(?:neue[nrm]?\s+)?(?P<title>" + TITLE_PHRASE + ")")
# "ist ... vom Bundeskabinett zur neuen Integrationsbeauftragten der Bundesregierung ernannt worden"
_APPOINTING = re.compile(r"ernannt|Ernennung|berufen|Berufung|bestellt|gewählt|vereidigt|nominiert")
_APPOINTED_AS = re.compile(r"\b(?:zum|zur)\s+(?:(?:neuen|ersten)\s+)?(?P<title>" + TITLE_PHRASE + ")")
_SINCE_YEAR = re.compile(r"\b[Ss]eit\s+(?:dem\s+Jahr(?:e)?\s+)?(?P<year>(?:19|20)\d{2})\b(?![.\d])")
# "Justizministerin und in Personalunion auch Ausländerbeauftragte": a second office of the same person
_AND_TITLE = re.compile(
    r"^\s+und\s+(?:in\s+Personalunion\s+)?(?:(?:auch|zugleich)\s+)?(?P<title>" + TITLE_PHRASE + ")"
)
# An appointment in the sentence: the office begins on the sentence's date.
_APPOINTED = re.compile(
    r"Amtseinführung|Amtsantritt|vereidigt|Vereidigung|ernannt|Ernennung|berufen|übernimmt\s+(?:\S+\s+){0,6}Amt"
    r"|übernahm\s+(?:\S+\s+){0,6}Amt|Amtsgeschäfte|tritt\s+(?:\S+\s+){0,6}an\b|ist\s+neue[rn]?\b|wird\s+neue[rn]?\b"
    r"|trat\s+(?:\S+\s+){0,6}an\b|im\s+Amt\s+gefolgt|angetreten|bestellt|gewählt"
)
_LEAVING = re.compile(
    r"scheidet\s+(?:\S+\s+){0,6}aus|Ausscheiden|ausgeschieden|leg(?:t|e|te)\s+(?:\S+\s+){0,6}nieder|niedergelegt"
    r"|Ruhestand|Rücktritt|zurückgetreten|tritt\s+(?:\S+\s+){0,4}zurück|verabschiedet\s+sich"
)
# Who follows whom. `before`: the predecessor is named just after the cue ("löst X ab", "Amtsvorgänger X").
_PREDECESSOR_AFTER = re.compile(
    r"(?:Amts)?[Vv]orgänger(?:in)?\s*(?:,\s*)?$|\bFußstapfen\s+(?:von|des|der)\s+(?:\w+\s+){0,3}$|\bfolg\w*\b[^.]{0,80}\bauf\s+[^.]{0,80}$|\b(?:übernimmt|übernahm)\s+"
    r"(?:\S+\s+){0,3}Amt\s+(?:von|vom)\s+[^.]{0,60}$|\b(?:löst|löste|beerbt|beerbte|ersetzt|ersetzte|folgt|folgte)\s+"
    r"(?:\w+\s+){0,3}$|Nachfolger(?:in)?\s+(?:von\s+|des\s+|der\s+)(?:\w+\s+){0,3}$|[Nn]achfolge\s+von\s+(?:\w+\s+){0,2}$"
)
_PREDECESSOR_BEFORE = re.compile(r"^\s*(?:\([^)]{1,40}\)\s*)?(?:im\s+Amt\s+)?(?:abgelöst|ab\b)")
_GENITIVE_SUCCESSOR = re.compile(r"^s\s+Nachfolger(?:in)?\b")
_PRONOUN = re.compile(r"^\s*(?:Er|Sie)\s")
# A sentence whose subject is the person named last, by pronoun or epithet: "Die SPD-Politikerin folgt in
# dem Amt als Bundesintegrationsbeauftragte auf ...", "Die 46-Jährige wird ..."
_SUBJECT_NAMED_BEFORE = re.compile(
    r"^\s*(?:Er|Sie|(?:Der|Die)\s+(?:[\w-]+-(?:Politiker(?:in)?|Jährige[r]?)|\d+-[Jj]ährige[r]?))\s"
)
_AS_IN_SENTENCE = re.compile(r"\bals\s+(?:neue[nrm]?\s+)?(?P<title>" + TITLE_PHRASE + ")")
_OFFICE_OF = re.compile(r"\bAmt\s+(?:des|der|eines|einer)\s+(?P<title>" + TITLE_PHRASE + ")")
_CHANCELLERY = re.compile(
    r"[^.;]{0,50}?\b(?:im\s+(?:Bundes)?[Kk]anzleramt|bei\s+(?:der|dem)\s+Bundeskanzler(?:in)?)\b"
)
_FEDERAL_COMMISSIONER = re.compile(r"Staatsminister(?:in)?\s+für\s+(?:Migration|Integration)\b")
_TRAILING_ARTICLE = re.compile(r"\s+(?:Der|Die|Das|Den|Dem)$")
_ACTING = re.compile(r"kommissarisch|geschäftsführend", re.I)
_RANK = re.compile(r"(?:Frau\s+|Herr\s+)?Staatsminister(?:in)?")
_BARE_RANK = re.compile(r"(?:^|\s)Staatsminister(?:in)?$")  # no portfolio after it ("... für Soziales")
_ROLE_WORD = r"(?:[\w-]*(?:minister|senator|staatssekretär|beauftragt|bevollmächtigt|sprecher))"
# Where one title phrase names two offices: "Staatssekretär und Bevollmächtigter für ...", "Beauftragte
# für ..., Staatsministerin": a joint right before a second role word.
_OFFICE_JOINT = re.compile(
    r"(?:,\s*|\s+und\s+)(?=(?:Frau\s+|Herr\s+)?(?:der\s+|die\s+|des\s+)?" + _ROLE_WORD + r")", re.I
)


def recognize_office_holdings(
    document: Document, proposals: Proposals, chair_lands: dict[str, str] | None = None
) -> list[Fact]:
    """`chair_lands`: the Land each person chairs a conference for, which beats the document's Land."""
    chair_lands = chair_lands or {}
    document_land = _dominant_land(document, proposals.gazetteer)
    publisher_land = _publisher_land(document, proposals.gazetteer)
    facts: dict[tuple[str, str], Fact] = {}
    successions: list[tuple[str, str, Sentence]] = []  # (predecessor, successor, where the text says so)
    bounds: dict[str, list[tuple]] = {}  # person -> ("start"|"end", date, sentence, roles or None)
    federal = _federal_persons(document, proposals)
    last_named: PersonMention | None = None  # who a pronoun ("Sie hat X abgelöst") most likely stands for
    context = _Context(document, proposals, chair_lands, document_land, publisher_land, federal, facts)
    for sentence in document.sentences:
        persons = document.within(document.persons, sentence)
        for person in persons:
            person_ref = proposals.person(person)
            titles = _titles(document, person, person_ref in federal)
            # a bound belongs to the offices the sentence names, or to all of them where it names none
            roles_here = {_role_of(title) for title in titles} or None
            start, end = _start(document, sentence, roles_here is not None), _end(document, sentence)
            for side, value in (("start", start), ("end", end)):
                if value is not None and _bounds_person(document, sentence, persons, person):
                    bounds.setdefault(person_ref, []).append((side, value, sentence, roles_here))
            for title in titles:
                _hold(context, person, title, sentence)
        if not persons and last_named is not None and _PRONOUN.match(sentence.text):
            # "Er hat das ... Amt des Bevollmächtigten ... vertreten": the office of the person named last
            for match in _OFFICE_OF.finditer(sentence.text):
                _hold(context, last_named, _clean(match["title"]), sentence)
        if last_named is not None and _SUBJECT_NAMED_BEFORE.match(sentence.text):
            # "Die SPD-Politikerin folgt als Bundesintegrationsbeauftragte auf X": the subject's office,
            # told before any person the sentence names
            first = persons[0].start - sentence.start if persons else len(sentence.text)
            for match in _AS_IN_SENTENCE.finditer(sentence.text[:first]):
                _hold(context, last_named, _clean(match["title"]), sentence)
        for earlier, later in _successions(document, sentence, persons, last_named):
            successions.append((proposals.person(earlier), proposals.person(later), sentence))
        last_named = persons[-1] if persons else last_named
    _bound(facts, bounds)
    _link_successions(facts, successions)
    return list(facts.values())


def _titles(document: Document, person: PersonMention, federal: bool = False) -> list[str]:
    """The titles the text gives the person here: the phrase next to the name, "als <title>" after it,
    each split into the offices it joins ("Staatssekretär und Bevollmächtigter für ...")."""
    found = [person.title] if person.title else []
    after = document.body[person.end : person.end + 200]
    match = _AS_TITLE.match(after)
    if match is None and _VERB_BEFORE.search(document.body[max(0, person.start - 12) : person.start]):
        match = _TITLE_AFTER_VERB.match(after)
    if match:
        found.append(match["title"])
        more = _AND_TITLE.match(after[match.end() :])
        if more:
            found.append(more["title"])
    sentence_text = _sentence_of(document, person)
    if sentence_text is not None and _APPOINTING.search(sentence_text):
        found.extend(m["title"] for m in _APPOINTED_AS.finditer(sentence_text))
    titles = []
    for title in found:
        if _NOT_OFFICES.search(title):
            continue
        for part in map(_clean, _OFFICE_JOINT.split(title)):
            if not _role_of(part) or (federal and _RANK.fullmatch(part)):
                continue  # a federal commissioner's rank ("Staatsministerin Böhmer") is not a second office
            titles.append(part)
    return titles


@dataclass(frozen=True)
class _Context:
    """What deciding a holding's organisation and post needs, gathered once per document."""

    document: Document
    proposals: Proposals
    chair_lands: dict[str, str]
    document_land: str | None
    publisher_land: str | None
    federal: set[str]
    facts: dict[tuple[str, str], Fact]


def _hold(context: _Context, person: PersonMention, title: str, sentence: Sentence) -> None:
    """The holding of the office `title` names by `person`, cited by `sentence` (made once per role)."""
    role = _role_of(title)
    if role is None:
        return
    # A bare rank ("Staatsministerin Böhmer") names neither portfolio nor government: federal in one
    # text, a Land's minister in another. The Länder a text is about do not tell which; only the title's
    # own Land, the Land it chairs for or a Land's own release does.
    rank_only = bool(_BARE_RANK.search(title))
    in_chancellery = _in_chancellery(sentence, title)
    organisation = (
        "body:bundesregierung"
        if in_chancellery
        else _organisation(
            title,
            person,
            proposals=context.proposals,
            chair_lands=context.chair_lands,
            document_land=context.publisher_land if rank_only else context.document_land,
            federal=context.federal,
        )
    )
    if organisation is None:
        return
    if organisation == "body:bundesregierung" and role == "minister" and _FEDERAL_COMMISSIONER.search(title):
        role = "commissioner"  # the federal integration commissioner is a Staatsminister(in)
    person_ref = context.proposals.person(person)
    fact = context.facts.get((person_ref, role))
    if fact is None:
        office = context.proposals.office_post(title, role, organisation)
        confidence = 0.6 if person.land else 0.5
        fact = Fact(kind="office_holding", holder=person_ref, person=person_ref, office=office,
                    body=organisation, type=role, confidence=confidence)  # fmt: skip
        context.facts[(person_ref, role)] = fact
    fact.add_span(sentence.start, sentence.end)
    around = context.document.body[max(0, person.start - 80) : person.end + 80]
    fact.acting = fact.acting or bool(_ACTING.search(around))


def _sentence_of(document: Document, person: PersonMention) -> str | None:
    """The sentence of a mention, when the sentence names no other person (the appointment is theirs)."""
    for sentence in document.sentences:
        if sentence.start <= person.start < sentence.end:
            names = {p.name for p in document.within(document.persons, sentence)}
            return sentence.text if names == {person.name} else None
    return None


def _role_of(title: str) -> str | None:
    return next((role for pattern, role in _ROLES if pattern.search(title)), None)


def _bounds_person(
    document: Document, sentence: Sentence, persons: list[PersonMention], person: PersonMention
) -> bool:
    """Whether the sentence's bound is this person's: the only person named, or the date next to them."""
    if len({p.name for p in persons}) == 1:
        return True
    return any(
        abs(m.start - person.end) < 60 or abs(person.start - m.end) < 60 for m in _dated(document, sentence)
    )


def _dominant_land(document: Document, gazetteer: Gazetteer) -> str | None:
    """The Land a Land office without a Land in its title belongs to: the one the publisher's address
    names (`_publisher_land`), else the document's, where two thirds of the Länder it names are that one
    (a hand-over between two Länder leaves it open)."""
    publisher = _publisher_land(document, gazetteer)
    if publisher is not None:
        return publisher
    counts = Counter(m.key for m in document.laender)
    if not counts:
        return None
    land, count = counts.most_common(1)[0]
    return land if count * 3 >= sum(counts.values()) * 2 else None


def _publisher_land(document: Document, gazetteer: Gazetteer) -> str | None:
    """The Land the publisher's address names ("land.nrw", "sozialministerium.baden-wuerttemberg.de": a
    Land's own release speaks of its ministers)."""
    address = document.source.header.get("source", "")
    if not address.startswith("http"):
        return None
    host = re.sub(r"[./:_]+", " ", address.split("/")[2] if address.count("/") >= 2 else address)
    # addresses are lower case ("land.nrw", "hessen.de"): the gazetteer's names are not
    spelt = host.title().replace("ae", "ä").replace("oe", "ö").replace("ue", "ü")  # "baden-wuerttemberg"
    found = {m.key for form in (host.upper(), host.title(), spelt) for m in gazetteer.find_laender(form)}
    return found.pop() if len(found) == 1 else None


def _federal_persons(document: Document, proposals: Proposals) -> set[str]:
    """Persons the document gives a federal title: their untitled-by-Land offices are federal too
    ("die Beauftragte der Bundesregierung ..., Staatsministerin Maria Böhmer")."""
    found = set()
    for person in document.persons:
        after = document.body[person.end : person.end + 200]
        titles = [person.title or "", *(m["title"] for m in [_AS_TITLE.match(after)] if m)]
        before = document.body[max(0, person.start - 140) : person.start]
        if any(_FEDERAL.search(t) for t in titles) or re.search(
            r"Beauftragten?\s+der\s+Bundesregierung[^.]{0,80},\s*(?:Frau\s+|Herr\s+)?"
            r"(?:Staatsminister(?:in)?\s+)?(?:(?:Prof|Dr)\.\s*)*$",
            before,
        ):
            found.add(proposals.person(person))
    return found


def _organisation(
    title: str,
    person: PersonMention,
    *,
    proposals: Proposals,
    chair_lands: dict[str, str],
    document_land: str | None,
    federal: set[str],
) -> str | None:
    if _FEDERAL.search(title) or (not person.land and proposals.person(person) in federal):
        return "body:bundesregierung"
    if person.land:
        return proposals.land(person.land)
    if proposals.person(person) in chair_lands:
        return chair_lands[proposals.person(person)]
    return proposals.land(document_land) if document_land else None


def _in_chancellery(sentence: Sentence, title: str) -> bool:
    """ "Staatsministerin für Integration im Bundeskanzleramt": an office of the federal government."""
    return any(
        _CHANCELLERY.match(sentence.text, found.end())
        for found in re.finditer(re.escape(title), sentence.text)
    )


def _clean(title: str) -> str:
    title = re.sub(r"\s+", " ", title).strip(" ,")
    title = _TRAILING_ARTICLE.sub("", title)  # a headline's title runs into the next line's article
    while _ARTICLE.match(title):
        title = _ARTICLE.sub("", title)
    return title[0].upper() + title[1:]


def _dated(document: Document, sentence: Sentence):
    return [
        m for m in document.within(document.dates, sentence) if m.first.year is not None and not is_vague(m)
    ]


def _start(document: Document, sentence: Sentence, titled: bool = True):
    """A start the sentence gives the person's office: "seit D", "zum D", or an appointment with one date."""
    dates = _dated(document, sentence)
    for mention in dates:
        before = document.body[max(sentence.start, mention.start - 90) : mention.start]
        starts = _START.search(before) or _START_IN_MENTION.match(mention.exact)
        if starts and not _LEAVING.search(sentence.text):
            return mention.first
    if len(dates) == 1 and _APPOINTED.search(sentence.text) and not _LEAVING.search(sentence.text):
        return dates[0].first
    since = _SINCE_YEAR.search(sentence.text)  # "war seit dem Jahr 2009 Integrationsbeauftragter"
    if since and not dates and not _LEAVING.search(sentence.text) and titled:
        return PartialDate(int(since["year"]))
    return None


def _end(document: Document, sentence: Sentence):
    """An end the sentence gives: the date of a leaving ("legt zum 31. August ihr Amt nieder")."""
    dates = _dated(document, sentence)
    if len(dates) == 1 and _LEAVING.search(sentence.text) and not _APPOINTED.search(sentence.text):
        return dates[0].first
    return None


def _successions(
    document: Document, sentence: Sentence, persons: list[PersonMention], last_named: PersonMention | None
):
    """(predecessor, successor) pairs the sentence states, among the persons it names; a successor the
    sentence names by pronoun only is the person named last before it."""
    body = document.body
    pairs = []
    for person in persons:
        others = [p for p in persons if p.name != person.name]
        before = body[max(sentence.start, person.start - 160) : person.start]
        after = body[person.end : min(sentence.end, person.end + 40)]
        if _PREDECESSOR_AFTER.search(before) or _PREDECESSOR_BEFORE.match(after):
            successor = _nearest(others, person, before_only=True) or _nearest(others, person)
            if successor is None and last_named is not None and last_named.name != person.name:
                successor = last_named
            if successor is not None:
                pairs.append((person, successor))
        elif _GENITIVE_SUCCESSOR.match(after) and others:
            pairs.append((person, _nearest(others, person)))
    return [(a, b) for a, b in pairs if a is not None and b is not None]


def _nearest(others: list[PersonMention], person: PersonMention, before_only: bool = False):
    candidates = [p for p in others if p.end <= person.start] if before_only else others
    if not candidates:
        return None
    return min(candidates, key=lambda p: abs(p.start - person.start))


def _bound(facts: dict[tuple[str, str], Fact], bounds: dict[str, list]) -> None:
    """Each person's offices get the first start and end the text gives them (where none is set)."""
    for (holder, role), fact in facts.items():
        for side, value, sentence, roles in bounds.get(holder, []):
            if getattr(fact, side) is None and (roles is None or role in roles):
                setattr(fact, side, value)
                fact.add_span(sentence.start, sentence.end)


def _link_successions(
    facts: dict[tuple[str, str], Fact], successions: list[tuple[str, str, Sentence]]
) -> None:
    """A predecessor's office ends when the successor's begins; untitled, it is the successor's office."""
    titled = {holder for holder, _ in facts}
    for earlier, later, sentence in successions:
        if later not in titled:  # "X übernimmt das Amt von Y": the successor's office is the predecessor's
            for (holder, role), predecessor in list(facts.items()):
                if holder == earlier and (later, role) not in facts:
                    successor = Fact(kind="office_holding", holder=later, person=later,
                                     office=predecessor.office, body=predecessor.body, type=role,
                                     confidence=0.4)  # fmt: skip
                    successor.add_span(sentence.start, sentence.end)
                    facts[(later, role)] = successor
        offices = [(role, fact) for (holder, role), fact in list(facts.items()) if holder == later]
        # the successor's offices the succession's sentence names ("folgt als Staatsministerin ... auf X"),
        # where it names one; else all of them
        named = [(role, fact) for role, fact in offices if (sentence.start, sentence.end) in fact.spans]
        for role, successor in named or offices:
            predecessor = facts.get((earlier, role))
            if predecessor is None:
                if earlier in titled:
                    continue  # titled otherwise: a different office
                predecessor = Fact(kind="office_holding", holder=earlier, person=earlier,
                                   office=successor.office, body=successor.body, type=role,
                                   confidence=0.4)  # fmt: skip
                facts[(earlier, role)] = predecessor
            predecessor.add_span(sentence.start, sentence.end)
            if successor.start is not None:
                predecessor.end = successor.start
