"""Persons named in a text: full names, their titles and Land, later mentions by family name.

A capitalised pair is a person's name when the given name is a known one (the gazetteer's list or the
registry's), when an office title stands right before it ("Sozialminister Norbert Bischoff"), or when it
is a registry label. The title is the office phrase next to the name, before it ("der Hessische Minister
für Soziales und Integration, Kai Klose") or after it ("Monika Bachmann, die saarländische Ministerin");
the person's Land is the Land named in that phrase. Later mentions by family name alone ("so Klose"),
also misspelt by one letter after a speech verb or title ("hob Kose hervor"), resolve to the full name.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources

from integrationsgraph.ingest.gazetteer import Gazetteer
from integrationsgraph.ingest.linking import Registry, edit_distance_at_most_one

_TOKEN = r"[A-ZÄÖÜ][a-zäöüßéèçğşıá]+(?:-[A-ZÄÖÜ][a-zäöüßéèçğşıá]+)?"
_FULL_NAME = re.compile(
    # given and family name on one line or a wrapped one, never across a blank line ("Paul\n\nJosefine")
    rf"(?<![\w-])(?P<given>{_TOKEN})(?:[ \t]+|[ \t]*\n[ \t]*)(?P<particle>(?:de|von|van|zu|von der)\s+)?"
    rf"(?P<family>{_TOKEN})(?![\w-])"
)
TITLE_WORD = (
    r"[\w’'-]*(?:[Mm]inister|[Ss]enator|[Ss]taatssekretär|[Bb]eauftragte|[Bb]evollmächtigte|[Pp]räsident"
    r"|[Ss]precher|[Kk]anzler|[Bb]ürgermeister|[Vv]orsitzende|[Ff]raktionschef|[Pp]arteichef|MR’in|BK’in)"
    r"(?:innen|in|en|er|e|r|s|n)?"
)
_PORTFOLIO = (
    r"(?:\s+(?:für|des|der|aus\s+dem|im)\s+(?:[A-ZÄÖÜ][\w-]*|Landes|Innern)"
    # juxtaposed words on one line only: a headline's next line is no part of the portfolio
    r"(?:(?:,\s*|\s+und\s+|\s+(?:für|des|der)\s+|[ \t]+)[A-ZÄÖÜ][\w-]*)*)?"
)
# An article, then a Land adjective or genitive ("Hessische", "Thüringens"): never across a line break.
_ADJECTIVE = r"(?:(?:der|die|dem|den|des)[ ]+)?(?:[\w-]+(?:e|en|er|es|s)[ ]+|[A-ZÄÖÜ]{2,4}-[ ]?)?"
TITLE_PHRASE = _ADJECTIVE + r"(?<![\w-])" + TITLE_WORD + r"(?![\w-])" + _PORTFOLIO
_TITLE_BEFORE = re.compile(r"(?P<title>" + TITLE_PHRASE + r")\s*[,:]?\s*(?:(?:Frau|Herr|Dr\.|Prof\.)\s*)*$")
# After the name, an apposition with or without article: ", die saarländische Ministerin", ", Beauftragte
# der Landesregierung".
_TITLE_AFTER = re.compile(r"^\s*(?:\([^)]{1,40}\))?\s*,\s+(?:(?:der|die)\s+)?(?P<title>" + TITLE_PHRASE + ")")
_SPEECH_CUES = re.compile(
    r"(?:\bso|sagte|betonte|erklärte|unterstrich|hob|kritisiert|forderte|" + TITLE_WORD + r")\s+$"
)
# "Enis Gülegen wurde als Vorsitzender bestätigt", "Deniz Kurku zum Landesbeauftragten berufen", "Reem
# Alabali-Radovan wird neue Staatsministerin": a title given with the name makes a pair a name
_AS_TITLE_AFTER = re.compile(
    r"\s+(?:\([^)]{1,40}\)\s+)?(?:\S+\s+){0,5}?(?:als|zum|zur|wird|ist)\s+(?:neue[rn]?\s+)?"
    r"(?:[A-ZÄÖÜa-zäöü][\w-]*(?:e|en|er|es)\s+)?" + TITLE_WORD + r"(?![\w-])"
)
_NEXT_NAME = re.compile(rf"\s+{_TOKEN}(?![\w-])")
_NOT_NAMES = {
    "Bund", "Länder", "Land", "Integration", "Konferenz", "Minister", "Ministerin", "Herr", "Frau",
    "Nachfolger", "Nachfolgerin", "Vorgänger", "Vorgängerin", "Amtsvorgänger", "Amtsvorgängerin",
    # words that start sentences, never names ("Den Posten als Parteichef")
    "Den", "Der", "Die", "Das", "Dem", "Des", "Ein", "Eine", "Einen", "Einer", "Im", "Am", "Als", "Auch",
    "Auf", "Bei", "Mit", "Nach", "Von", "Vom", "Zum", "Zur", "Für", "Wie", "Wir", "Sie", "Er", "Es", "Seit",
    "Diese", "Dieser", "Dieses", "Unter", "Über", "Neben", "Posten", "Amt", "Landes", "Bundes",
}  # fmt: skip


@dataclass(frozen=True)
class PersonMention:
    start: int
    end: int
    name: str  # the full name as the text first gives it, "Kai Klose"
    family: str
    title: str | None = None
    land: str | None = None  # gazetteer slug of the Land named in the title


@cache
def known_given_names() -> frozenset[str]:
    raw = json.loads(resources.files(__package__).joinpath("gazetteer.json").read_text(encoding="utf-8"))
    return frozenset(raw["given_names"])


def find_persons(text: str, registry: Registry, gazetteer: Gazetteer) -> list[PersonMention]:
    """Every person mention of `text`, full names first found, family-name mentions resolved to them."""
    given_names = known_given_names() | registry.given_names
    full: list[PersonMention] = []
    for match in _name_candidates(text):
        given, family = match["given"], match["family"]
        if (
            {given, family} & _NOT_NAMES
            or re.fullmatch(TITLE_WORD, family)
            or re.fullmatch(TITLE_WORD, given)
        ):
            continue
        if family in given_names and given not in given_names and _NEXT_NAME.match(text, match.end()):
            continue  # "Landtagsabgeordneter Martin Neumeyer": the name is the next pair
        name = f"{given} {match['particle'] or ''}{family}"
        before = text[max(0, match.start() - 160) : match.start()]
        title_before = _TITLE_BEFORE.search(before)
        as_title = _AS_TITLE_AFTER.match(text, match.end())
        if not (given in given_names or title_before or as_title or registry.lookup("person", name)):
            continue
        title = title_before["title"] if title_before else None
        if title is None:
            after = _TITLE_AFTER.match(text[match.end() : match.end() + 200])
            title = after["title"] if after else None
        full.append(
            PersonMention(match.start(), match.end(), name, family, title, _land_of(title, gazetteer))
        )
    full = _with_document_lands(full)
    family = [
        replace(m, land=m.land or _land_of(m.title, gazetteer))
        for m in _family_mentions(text, full, registry)
    ]
    return sorted(full + family, key=lambda m: m.start)


def _name_candidates(text: str):
    """Capitalised pairs, overlapping: in "Senatorin Erika Mustermann" both "Senatorin Erika" and
    "Erika Mustermann" are tried."""
    position = 0
    while match := _FULL_NAME.search(text, position):
        yield match
        position = match.start("family")


def _land_of(title: str | None, gazetteer: Gazetteer) -> str | None:
    if not title:
        return None
    mentions = gazetteer.find_laender(title) or gazetteer.find_laender(title.replace("-", " "))
    return mentions[0].key if mentions else None


def _with_document_lands(mentions: list[PersonMention]) -> list[PersonMention]:
    """A person's Land where one mention's title names it and another's does not."""
    lands: dict[str, Counter[str]] = {}
    for mention in mentions:
        if mention.land:
            lands.setdefault(mention.family, Counter())[mention.land] += 1
    return [
        replace(m, land=lands[m.family].most_common(1)[0][0]) if not m.land and m.family in lands else m
        for m in mentions
    ]


def _family_mentions(text: str, full: list[PersonMention], registry: Registry) -> list[PersonMention]:
    by_family = {m.family: m for m in full}
    taken = [(m.start, m.end) for m in full]
    found = []
    for match in re.finditer(rf"(?<![\w-]){_TOKEN}(?![\w-])", text):
        if any(s <= match.start() < e for s, e in taken):
            continue
        word = match.group(0)
        person = by_family.get(word)
        end = match.end()
        if person is None and word.endswith("s") and word[:-1] in by_family:  # genitive: "Dreiseitels"
            person, end = by_family[word[:-1]], match.end() - 1
        if person is None:
            person = _registry_family(
                word, text[max(0, match.start() - 40) : match.start()], by_family, registry
            )
        if person is not None:
            title = _TITLE_BEFORE.search(text[max(0, match.start() - 120) : match.start()])
            found.append(
                replace(
                    person,
                    start=match.start(),
                    end=end,
                    title=title["title"] if title else person.title,
                )
            )
    return found


def _registry_family(
    word: str, before: str, by_family: dict[str, PersonMention], registry: Registry
) -> PersonMention | None:
    if word in _NOT_NAMES or len(word) < 4:
        return None
    cued = bool(_SPEECH_CUES.search(before))
    if cued:
        close = [
            m
            for family, m in by_family.items()
            if len(family) >= 4 and edit_distance_at_most_one(word, family)
        ]
        if len(close) == 1:
            return close[0]
    exact = registry.family_names.get(word.lower(), [])
    if len(exact) == 1 or (cued and registry.person(word)):
        entity = registry.entities[exact[0]] if len(exact) == 1 else registry.person(word)
        return PersonMention(0, 0, entity.label, entity.label.split()[-1])
    return None
