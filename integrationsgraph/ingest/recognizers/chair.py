"""Chair tenures of ministers' conferences: who takes over the rotating chair, from whom, when.

A sentence speaks of the chair when it has a chair word ("Vorsitz", "Vorsitzland", "Vorsitzende",
"Staffelstab") about a ministers' conference (named in the sentence, or the document's main body). Its
actors are the Länder it names as holders and the persons with their Land (from the title, or from "für
<Land>" later in the person's clause). Each actor's role comes from the words before it:
"von"/"vom"/"bisherigen"/"zuvor"/"folgt" make a predecessor, "an"/"nach" a successor, and the subject of
"übergibt" hands over. A date after "am/zum/ab" in a sentence with a take-over verb is
the hand-over: the successor's beginning and the predecessor's end (not in a symbolic ceremony sentence,
unless "zum"). "bis (zum) D" and "bis Ende M" end the holder's tenure on the day after.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from integrationsgraph.ingest.document import Document
from integrationsgraph.ingest.facts import Fact
from integrationsgraph.ingest.gazetteer import Mention
from integrationsgraph.ingest.persons import PersonMention
from integrationsgraph.ingest.proposals import Proposals
from integrationsgraph.ingest.recognizers.common import day_after, end_of_month, is_end_date, is_vague
from integrationsgraph.ingest.text import Sentence

_CUE = re.compile(
    r"(?:(?<![\w-])|(?<=MK-)|(?<=[Kk]onferenz-))(?:Vorsitz(?:land|landes|es|jahr|wechsel)?|Vorsitzende[rn]?|Staffelstab|Staffelübergabe"
    r"|Stabübergabe|Staffel)(?![\w-])"
)
# "leitet die 27. IntMK": leading a conference is chairing it (the body must be named right after)
_LEADS = re.compile(
    r"(?<![\w-])(?:leitet|leitete|leiten)\s+(?:damit\s+|nun\s+|künftig\s+)?(?:die|den)\s+(?:\d{1,2}\.\s*)?"
    r"(?:[\w-]*[Kk]onferenz|[A-Z][\w]*MK)\b"
)
_SUCCESSION = re.compile(
    r"\b(?:löst|löste)\b[^.;]*\bab\b|\babgelöst\b|\bNachfolger(?:in)?\b|\bVorgänger(?:in)?\b|\bfolgt\b"
)
_OTHER_CHAIR = re.compile(
    r"^\s+(?:der|des)\s+(?:[\w-]+\s+){0,3}?[\w-]*(?:[Ff]raktion|Partei|Landtag|Ausschuss|Verband|Vereins"
    r"|CDU|SPD|Grünen|FDP|Beirat)"
)
_TAKEOVER = re.compile(
    r"(?<![\w-])(?:übernimmt|übernommen|übernehmen|übernahm|übergeben|übergibt|übergab|überreicht\w*|folgt"
    r"|geht|ging|wechselt|gewechselt)(?![\w-])"
)
_HANDING = re.compile(r"(?<![\w-])(?:übergibt|übergab|übergeben|überreicht|überreichte)(?![\w-])")
_RECEIVING = re.compile(r"(?<![\w-])(?:bekam|bekommt|erhielt|erhält|erhalten)(?![\w-])")
_SYMBOLIC = re.compile(r"symbolisch|Staffel|Stabübergabe|Weltkugel")
_SUCCESSOR_BEFORE = re.compile(
    r"(?:\ban\s+(?:den|die|das|seinen|seine|ihren|ihre)\b[^.;]{0,90}|\ban\s+|\bnach\s+"
    r"|\bNachfolger(?:in)?\W+(?:der|die|den)?\s*)$"
)
_PREDECESSOR_BEFORE = re.compile(
    r"(?:\b(?:von|vom)\b[^.;]{0,80}|\blöst\b[^.;]{0,40}|\bNachfolge(?:rin|r)?\s+(?:von|des|der)\s+[^.;]{0,40}|\bVorgänger(?:in)?\W+(?:der|die|den)?\s*[^.;]{0,30}|\bzuvor\s+(?:die|der|das)?\s*|\bbisherigen?\b[^.;]{0,70}|\bfolgt\s+)$"
)
_PREDECESSOR_AFTER = re.compile(r"^[^.;]{0,30}\binne\s*hatte\b")
_START_BEFORE = re.compile(
    r"(?:\b[Aa]m|\b[Zz]um|\b[Aa]b|\b[Ss]eit(?:\s+dem)?|\b[Ii]m|\bmit\s+Wirkung\s+zum)\s+$"
)
_START_WITHOUT_VERB = re.compile(r"(?:\b[Zz]um|\b[Aa]b|\b[Ss]eit(?:\s+dem)?)\s+$|^(?:[Ss]eit|[Aa]b)\s")
# "unter dem Vorsitz von X", "Vorsitz der X": X holds the chair ("den Vorsitz von X übernommen" does not)
_CHAIR_OF = re.compile(
    r"(?:[Uu]nter\s+(?:dem\s+)?(?:Vorsitz|Leitung)\s+(?:von|des|der)|Vorsitz\w*\s+(?:des|der))\s+$"
)
_ORDINAL = re.compile(
    r"(?:Vorsitz\w*\s+(?:der|für\s+die|über\s+die)|leitet\w*\s+(?:damit\s+|nun\s+)?die)\s+(?:nunmehr\s+)?"
    r"(?P<n>\d{1,2})\.\s"
)
_PLACE_BEFORE = re.compile(r"(?:\bin|\bim|\bins|\baus)\s+(?:das\s+)?$")
# "Ministerin X leitet die Konferenz für Thüringen": a person acting for a Land the clause names after "für"
_FOR_LAND = re.compile(r"\bfür\s+(?:(?:das\s+Land|den\s+Freistaat)\s+)?$")
_CLAUSE_BREAK = re.compile(r"[;:]")
CHAIR_BODIES = {"ministers-conference"}


@dataclass
class _Actor:
    position: int
    end: int
    land: str | None
    person: str | None
    role: str = "holder"


def recognize_chair_tenures(document: Document, proposals: Proposals) -> list[Fact]:
    chair_sentences = []
    for sentence in document.sentences:
        # "Sie löst damit ... ab" continues the hand-over told in the sentence before
        follows = bool(chair_sentences) and chair_sentences[-1] is _previous(document, sentence)
        if _cues(sentence) or (follows and _SUCCESSION.search(sentence.text)):
            chair_sentences.append(sentence)
    named = Counter(
        b.body.ref for s in chair_sentences for b in document.within(document.bodies, s)
        if b.classification in CHAIR_BODIES and not b.generic
    )  # fmt: skip
    main = document.main_body
    if named:  # a sentence naming no body speaks of the conference the other chair sentences name
        ref = named.most_common(1)[0][0]
        main = next(b for b in document.bodies if b.body.ref == ref)
    facts: list[Fact] = []
    for sentence in chair_sentences:
        facts.extend(_sentence_tenures(document, sentence, proposals, main))
    return facts


def _previous(document: Document, sentence: Sentence) -> Sentence | None:
    index = document.sentences.index(sentence)
    return document.sentences[index - 1] if index else None


def _cues(sentence: Sentence) -> list[re.Match[str]]:
    cues = [m for m in _CUE.finditer(sentence.text) if not _OTHER_CHAIR.match(sentence.text[m.end() :])]
    return cues or list(_LEADS.finditer(sentence.text))


def _sentence_tenures(document: Document, sentence: Sentence, proposals: Proposals, main) -> list[Fact]:
    bodies = [b for b in document.within(document.bodies, sentence) if b.classification in CHAIR_BODIES]
    body = bodies[0] if bodies else (main if main and main.classification in CHAIR_BODIES else None)
    if body is None:
        return []
    body_ref = proposals.body(body.body, body.classification)
    actors = _actors(document, sentence, proposals)
    if not actors:
        return []
    text = sentence.text
    handing = _HANDING.search(text) if not _RECEIVING.search(text) else None
    for index, actor in enumerate(actors):
        before = text[
            (actors[index - 1].end - sentence.start) if index else 0 : actor.position - sentence.start
        ]
        after = text[actor.end - sentence.start :]
        if _CHAIR_OF.search(before):
            actor.role = "holder"
        elif _SUCCESSOR_BEFORE.search(before):
            actor.role = "successor"
        elif (
            _PREDECESSOR_BEFORE.search(before)
            or _PREDECESSOR_AFTER.search(after)
            or (handing and actor.position < sentence.start + handing.start())
        ):
            actor.role = "predecessor"
        elif handing:
            actor.role = "successor"
    takeover = _TAKEOVER.search(text)
    start, end = _boundaries(document, sentence, bool(takeover))
    ordinal = _ORDINAL.search(text)
    facts = []
    for actor in actors:
        fact = Fact(
            kind="chair_tenure",
            body=body_ref,
            holder=actor.land or actor.person,
            person=actor.person,
            role=_role(actor.role, bool(takeover)),
            confidence=(0.9 if takeover else 0.75) * (1.0 if actor.land else 0.8),
        )
        fact.add_span(sentence.start, sentence.end)
        if actor.role == "predecessor":
            fact.end = start
        else:
            fact.start = start
            fact.end = end
            fact.ordinal = int(ordinal["n"]) if ordinal else None
        facts.append(fact)
    return facts


def _role(role: str, takeover: bool) -> str:
    if role == "predecessor":
        return role
    return "successor" if takeover else "holder"


def _boundaries(document: Document, sentence: Sentence, takeover: bool):
    start = end = None
    symbolic = bool(_SYMBOLIC.search(sentence.text))
    for mention in document.within(document.dates, sentence):
        if mention.first.year is None:
            continue
        if is_end_date(document, mention):
            end = end or day_after(mention.last, mention.exact)
            continue
        before = document.body[max(0, mention.start - 25) : mention.start]
        if is_vague(mention):
            continue
        if not (_START_WITHOUT_VERB.search(before) or _START_WITHOUT_VERB.search(mention.exact)) and not (
            takeover and (_START_BEFORE.search(before) or mention.exact.lower().startswith("im "))
        ):
            continue
        if symbolic and not re.search(r"\b[Zz]um\s+$", before):
            continue
        start = start or mention.first
    if end is None:
        found = end_of_month(document, sentence)
        end = found[0] if found else None
    return start, end


_HEAD_OF_GOVERNMENT = re.compile(r"[Kk]anzler|[Mm]inisterpräsident")


def _actors(document: Document, sentence: Sentence, proposals: Proposals) -> list[_Actor]:
    persons = document.within(document.persons, sentence)
    body_spans = [(b.start, b.end) for b in document.within(document.bodies, sentence)]
    actors: list[_Actor] = []
    used_lands: set[int] = set()
    for person in persons:
        if person.title and _HEAD_OF_GOVERNMENT.search(person.title):
            continue  # a chancellor or minister-president is a guest of the conference, never its chair
        position = person.start
        land_key = person.land
        if person.land:
            near = [
                land for land in document.within(document.laender, sentence)
                if land.key == person.land and person.start - 160 <= land.start <= person.end + 120
            ]  # fmt: skip
            for land in near:
                used_lands.add(land.start)
                position = min(position, land.start)
        else:
            acting_for = _land_acted_for(document, sentence, person, persons)
            if acting_for is not None:
                used_lands.add(acting_for.start)
                land_key = acting_for.key
        land_ref = proposals.land(land_key) if land_key else None
        actors.append(_Actor(position, person.end, land_ref, proposals.person(person)))
    for land in document.within(document.laender, sentence):
        if land.start in used_lands or any(s <= land.start < e for s, e in body_spans):
            continue
        if _PLACE_BEFORE.search(document.body[max(0, land.start - 12) : land.start]):
            continue
        actors.append(_Actor(land.start, land.end, proposals.land(land.key), None))
    if any(a.land for a in actors):
        actors = [a for a in actors if a.land]
    actors.sort(key=lambda a: a.position)
    merged: list[_Actor] = []
    for actor in actors:  # one actor per Land and person: "Saarland ... Ministerin Bachmann" stay two
        same = next((a for a in merged if a.land == actor.land and a.person == actor.person), None)
        if same is None:
            merged.append(actor)
    return merged


def _land_acted_for(
    document: Document, sentence: Sentence, person: PersonMention, persons: list[PersonMention]
) -> Mention | None:
    """The Land a person without one in their title acts for: "für <Land>" later in the same clause,
    with no other person named in between ("Ministerin X leitet die Konferenz für Thüringen")."""
    for land in document.within(document.laender, sentence):
        between = document.body[person.end : land.start]
        if (
            land.start < person.end
            or len(between) > 120
            or _CLAUSE_BREAK.search(between)
            or not _FOR_LAND.search(between)
            or any(person.end <= other.start < land.start for other in persons)
        ):
            continue
        return land
    return None
