"""Länder and cities found in a text by the package's gazetteer (`gazetteer.json`).

Länder are found by name ("Freistaat Sachsen", "Freie und Hansestadt Hamburg", "NRW"), genitive
("Thüringens") and adjective in any inflection ("hessische", "niedersächsischen", "Thüringer"). Cities are
found by name; a city is a place only where the text puts it in a place slot ("in Kiel", "nach Mainz",
a dateline "Magdeburg -"), because many names are also ordinary words.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class Land:
    slug: str
    label: str
    english: str


@dataclass(frozen=True)
class Mention:
    """A span of the text naming something; `key` is the gazetteer's slug (Land) or city name."""

    start: int
    end: int
    exact: str
    key: str
    form: str  # "name", "adjective", "city"


@dataclass(frozen=True)
class Gazetteer:
    laender: dict[str, Land]
    land_pattern: re.Pattern[str]
    land_by_form: dict[str, str]
    city_land: dict[str, str]
    city_pattern: re.Pattern[str]
    adjective_stems: tuple[tuple[str, str], ...]  # (stem, slug), longest first
    preferred_adjectives: dict[str, str]  # slug -> the adjective names are formed with (listed first)

    def find_laender(self, text: str) -> list[Mention]:
        found = []
        for match in self.land_pattern.finditer(text):
            word = match.group(0)
            key = self.land_by_form.get(word.lower()) or self._adjective_land(word)
            if key:
                form = "name" if word.lower() in self.land_by_form else "adjective"
                found.append(Mention(match.start(), match.end(), word, key, form))
        return found

    def _adjective_land(self, word: str) -> str | None:
        lowered = word.lower()
        for stem, slug in self.adjective_stems:
            if lowered.startswith(stem):
                return slug
        return None

    def find_cities(self, text: str) -> list[Mention]:
        return [
            Mention(m.start("city"), m.end("city"), m.group("city"), m.group("city"), "city")
            for m in self.city_pattern.finditer(text)
        ]

    def land_of_city(self, city: str) -> str | None:
        return self.city_land.get(city)

    def adjective(self, slug: str, ending: str) -> str:
        """The Land's adjective before a noun of that ending: ("hessen", "er") -> "Hessischer";
        the indeclinable forms stay ("Thüringer Landesaktionsplan")."""
        stem = "-".join(part[:1].upper() + part[1:] for part in self.preferred_adjectives[slug].split("-"))
        return stem if stem.endswith("er") else stem + ending


_ADJECTIVE_ENDINGS = r"(?:e[nmrs]?)?"
# Slots where a city name is a place, not a word: a preposition before it, or a dateline.
_CITY_SLOT = (
    r"(?:(?<=\bin )|(?<=\bin\n)|(?<=\bnach )|(?<=\baus )|(?<=\bim )|(?<=\bvon )"
    r"|(?<=^)|(?<=\n)|(?<=\()|(?<=„))"
)


def city_regex(names: list[str], flags: int = 0) -> re.Pattern[str]:
    """Place names in a place slot; "Halle/Saale" also as "Halle/ Saale"."""
    alternatives = [re.escape(name).replace("/", r"/\s?") for name in sorted(names, key=len, reverse=True)]
    return re.compile(_CITY_SLOT + r"(?P<city>" + "|".join(alternatives) + r")(?![\w-])", flags)


@cache
def load_gazetteer() -> Gazetteer:
    raw = json.loads(resources.files(__package__).joinpath("gazetteer.json").read_text(encoding="utf-8"))
    laender: dict[str, Land] = {}
    by_form: dict[str, str] = {}
    alternatives: list[str] = []
    for entry in raw["laender"]:
        laender[entry["slug"]] = Land(entry["slug"], entry["label"], entry["en"])
        for name in entry["names"]:
            by_form[name.lower()] = entry["slug"]
            alternatives.append(re.escape(name))
        for stem in entry["adjectives"]:
            by_form["adj:" + stem] = entry["slug"]
            if stem.endswith("er"):  # "Thüringer", "Berliner": indeclinable city adjectives
                alternatives.append(re.escape(stem.capitalize()))
                alternatives.append(re.escape(stem))
            else:
                alternatives.append(re.escape(stem.capitalize()) + _ADJECTIVE_ENDINGS)
                alternatives.append(re.escape(stem) + _ADJECTIVE_ENDINGS)
    alternatives.sort(key=len, reverse=True)
    # "Sachsen" must not match inside "Sachsen-Anhalt" or "Niedersachsen": word edges include "-".
    land_pattern = re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])")
    city_land = {city: slug for slug, cities in raw["cities"].items() for city in cities}
    names = sorted(city_land, key=len, reverse=True)
    city_pattern = city_regex(names)
    stems = sorted(
        ((form.removeprefix("adj:"), slug) for form, slug in by_form.items() if form.startswith("adj:")),
        key=lambda item: len(item[0]),
        reverse=True,
    )
    preferred = {entry["slug"]: entry["adjectives"][0] for entry in raw["laender"]}
    return Gazetteer(laender, land_pattern, by_form, city_land, city_pattern, tuple(stems), preferred)
