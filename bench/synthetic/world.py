"""The synthetic world: Länder, their bodies, ministries, offices, people and plans, and its timeline.

Everything is a pure function of the seed and a key (a Land, a year, a term), so two sources that speak
of the same meeting or tenure agree on its IRI and its dates, whatever order they are generated in.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from bench.synthetic import names
from bench.synthetic.registry import Entity, Registry
from bench.synthetic.turtle import lang, plain

FIRST_YEAR = 1990
LAST_YEAR = 2030
TERM_YEARS = 5
PLAN_YEARS = 6
_UMLAUTS = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "ae", "Ö": "oe", "Ü": "ue", "ı": "i"}
)


def rng_for(seed: int, *key) -> random.Random:
    """A random stream that depends only on the seed and the key, not on what was drawn before."""
    return random.Random("|".join(map(str, (seed, *key))))


def slug(text: str) -> str:
    """Lower-case ASCII words joined by `-`, umlauts spelled out (the contract's IRI rule)."""
    ascii_text = text.translate(_UMLAUTS).lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


@dataclass(frozen=True)
class Land:
    index: int
    slug: str
    name: str
    capital: str
    cities: tuple[str, ...]
    city_state: bool

    @property
    def iri(self) -> str:
        return f"land:{self.slug}"


@dataclass(frozen=True)
class Person:
    iri: str
    given: str
    family: str
    prefix: str | None
    female: bool

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.prefix, self.given, self.family) if part)


@dataclass(frozen=True)
class Term:
    """A legislature of a Land: the ministers' tenure runs from one hand-over day to the next."""

    land: Land
    index: int
    begins: date
    ends: date


class World:
    def __init__(self, seed: int, registry: Registry) -> None:
        self.seed = seed
        self.registry = registry
        self.laender = tuple(
            Land(i, land_slug, de, capital, cities, city_state)
            for i, (land_slug, de, _en, capital, cities, city_state) in enumerate(names.LAENDER)
        )
        self._persons: dict[str, Person] = {}
        self._person_iris: set[str] = set()
        self.chair_order = self.rng("chair-order").sample(self.laender, len(self.laender))
        for land, (_, _, english, *_rest) in zip(self.laender, names.LAENDER, strict=True):
            self._define_land(land, english)
        self._define_federal()

    def rng(self, *key) -> random.Random:
        return rng_for(self.seed, *key)

    # --- registry definitions -------------------------------------------------------------------
    def _define_land(self, land: Land, english: str) -> None:
        pairs = [("a", "ig:Land"), ("rdfs:label", lang(land.name)), ("rdfs:label", lang(english, "en"))]
        if land.slug in names.WIKIDATA:
            pairs.append(("skos:exactMatch", f"wd:{names.WIKIDATA[land.slug]}"))
        self.registry.define(Entity("laender", land.iri, tuple(pairs)))
        for city in (land.capital, *land.cities):
            city_pairs = [
                ("a", "ig:Place"),
                ("rdfs:label", lang(city)),
                ("schema:containedInPlace", land.iri),
            ]
            if city in names.WIKIDATA:
                city_pairs.append(("skos:exactMatch", f"wd:{names.WIKIDATA[city]}"))
            self.registry.define(Entity("places", self.place(city), tuple(city_pairs)))

    def _define_federal(self) -> None:
        self.registry.define(
            Entity(
                "bodies",
                "body:intmk",
                (
                    ("a", "ig:Body"),
                    ("org:classification", "igc:ministers-conference"),
                    ("rdfs:label", lang("Integrationsministerkonferenz")),
                    ("rdfs:label", lang("Conference of Integration Ministers", "en")),
                    ("skos:altLabel", lang("IntMK")),
                ),
            )
        )
        self.registry.define(
            Entity(
                "posts",
                "post:intmk-chair",
                (
                    ("a", "ig:Post"),
                    ("a", "ig:SingleHolderPost"),
                    ("org:postIn", "body:intmk"),
                    ("org:role", "igc:chair"),
                    ("rdfs:label", lang("Vorsitz der IntMK")),
                ),
            )
        )
        for label, english in names.TOPICS:
            self.registry.define(
                Entity(
                    "topics",
                    f"topic:{slug(label)}",
                    (
                        ("a", "ig:Topic"),
                        ("rdfs:label", lang(label)),
                        ("rdfs:label", lang(english, "en")),
                    ),
                )
            )

    @staticmethod
    def place(city: str) -> str:
        return f"place:{slug(city)}"

    def all_laender_iris(self) -> list[str]:
        return [land.iri for land in self.laender]

    # --- bodies ----------------------------------------------------------------------------------
    def merge_year(self, land: Land) -> int:
        return 1996 + self.rng("merge", land.slug).randrange(0, 24)

    def staff_year(self, land: Land) -> int:
        return 1992 + self.rng("staff", land.slug).randrange(0, 30)

    def body(self, land: Land, kind: str) -> str:
        """`advisory`, `conference` (until the merger), `council` (after it), `government`, `staff`."""
        label, concept = {
            "advisory": (f"Integrationsbeirat {land.name}", "advisory-council"),
            "conference": (f"Integrationskonferenz {land.name}", "integration-conference"),
            "council": (f"Landesintegrationsrat {land.name}", "integration-conference"),
            "government": (f"Landesregierung {land.name}", "government"),
            "staff": (f"Arbeitsstab Integration {land.name}", "working-staff"),
        }[kind]
        return self.registry.define(
            Entity(
                "bodies",
                f"body:{slug(label)}",
                (
                    ("a", "ig:Body"),
                    ("org:classification", f"igc:{concept}"),
                    ("rdfs:label", lang(label)),
                ),
            )
        )

    def label_of(self, iri: str) -> str:
        """The German label of a defined entity (for writing it into a text)."""
        for predicate, obj in self.registry.defined[iri].pairs:
            if predicate == "rdfs:label" and obj.endswith("@de"):
                return obj[1:-4]
        raise KeyError(iri)

    def active_conferences(self, land: Land, year: int) -> list[str]:
        if year < self.merge_year(land):
            return [self.body(land, "conference"), self.body(land, "advisory")]
        return [self.body(land, "council")]

    # --- ministries and offices ------------------------------------------------------------------
    def ministry(self, land: Land) -> str:
        portfolios = names.CITY_STATE_PORTFOLIOS if land.city_state else names.PORTFOLIOS
        portfolio = portfolios[land.index % len(portfolios)]
        label = (
            f"Senatsverwaltung für {portfolio} {land.name}"
            if land.city_state
            else f"Ministerium für {portfolio} des Landes {land.name}"
        )
        return self.registry.define(
            Entity(
                "ministries",
                f"ministry:{slug(label)}",
                (
                    ("a", "ig:Ministry"),
                    ("org:unitOf", land.iri),
                    ("rdfs:label", lang(label)),
                ),
            )
        )

    def post(self, land: Land, role: str) -> str:
        """`minister` (or senator in a city-state), `state-secretary`, `plenipotentiary`."""
        if role == "plenipotentiary":
            label, within, concept = (
                f"Bevollmächtigte oder Bevollmächtigter für Integration des Landes {land.name}",
                land.iri,
                "plenipotentiary",
            )
            iri = f"post:bevollmaechtigte-integration-{land.slug}"
        else:
            within = self.ministry(land)
            head = "senator" if land.city_state else "minister"
            concept = head if role == "minister" else "state-secretary"
            title = {
                "minister": "Senatorin oder Senator" if land.city_state else "Ministerin oder Minister",
                "state-secretary": "Staatssekretärin oder Staatssekretär",
            }[role]
            label = f"{title} ({self.label_of(within)})"
            iri = f"post:{within.removeprefix('ministry:')}-{concept}"
        # ministers, senators and plenipotentiaries hold their office one at a time; state secretaries not
        single = (("a", "ig:SingleHolderPost"),) if concept != "state-secretary" else ()
        return self.registry.define(
            Entity(
                "posts",
                iri,
                (
                    ("a", "ig:Post"),
                    *single,
                    ("org:postIn", within),
                    ("org:role", f"igc:{concept}"),
                    ("rdfs:label", lang(label)),
                ),
            )
        )

    @staticmethod
    def role_concept(land: Land, role: str) -> str:
        if role == "minister":
            return "igc:senator" if land.city_state else "igc:minister"
        return f"igc:{role}"

    @staticmethod
    def title(person: Person, land: Land, role: str) -> str:
        female = person.female
        return {
            "minister": ("Senatorin" if female else "Senator")
            if land.city_state
            else ("Ministerin" if female else "Minister"),
            "state-secretary": "Staatssekretärin" if female else "Staatssekretär",
            "plenipotentiary": "Bevollmächtigte" if female else "Bevollmächtigter",
        }[role]

    # --- people and terms ------------------------------------------------------------------------
    def person(self, *key) -> Person:
        """The person a key (role, Land, term) stands for; the slug gets a number when a name repeats."""
        key_text = "|".join(map(str, key))
        if key_text in self._persons:
            return self._persons[key_text]
        rng = self.rng("person", *key)
        female = rng.random() < 0.5
        given = rng.choice(names.GIVEN_FEMALE if female else names.GIVEN_MALE)
        family = rng.choice(names.FAMILY)
        prefix = "Dr." if rng.random() < 0.2 else None
        iri, number = f"person:{slug(f'{given} {family}')}", 2
        while iri in self._person_iris:
            iri, number = f"person:{slug(f'{given} {family}')}-{number}", number + 1
        self._person_iris.add(iri)
        person = Person(iri, given, family, prefix, female)
        pairs = [
            ("a", "ig:Person"),
            ("rdfs:label", lang(f"{given} {family}")),
            ("schema:givenName", plain(given)),
            ("schema:familyName", plain(family)),
        ]
        if prefix:
            pairs.append(("schema:honorificPrefix", plain(prefix)))
        self.registry.define(Entity("persons", iri, tuple(pairs)))
        self._persons[key_text] = person
        return person

    @cache  # noqa: B019 - the world lives as long as one generation run
    def term(self, land: Land, index: int) -> Term:
        return Term(land, index, self._handover(land, index), self._handover(land, index + 1))

    def _handover(self, land: Land, index: int) -> date:
        year = 1985 + land.index % TERM_YEARS + TERM_YEARS * index
        rng = self.rng("handover", land.slug, index)
        return date(year, rng.randint(1, 12), rng.randint(1, 28))

    def term_at(self, land: Land, day: date) -> Term:
        index = (day.year - 1985 - land.index % TERM_YEARS) // TERM_YEARS
        while self.term(land, index).begins > day:
            index -= 1
        while self.term(land, index).ends <= day:
            index += 1
        return self.term(land, index)

    def office_holder(self, term: Term, role: str) -> Person:
        return self.person(role, term.land.slug, term.index)

    # --- IntMK chair ------------------------------------------------------------------------------
    def chair_land(self, year: int) -> Land:
        return self.chair_order[(year - FIRST_YEAR) % len(self.chair_order)]

    def conference_days(self, year: int) -> tuple[date, date]:
        rng = self.rng("intmk-days", year)
        first = date(year, rng.randint(3, 6), rng.randint(1, 26))
        return first, first + timedelta(days=1)

    def conference_city(self, year: int) -> str:
        land = self.chair_land(year)
        return self.rng("intmk-city", year).choice((land.capital, *land.cities))

    # --- plans -----------------------------------------------------------------------------------
    def plan_years(self, land: Land) -> list[int]:
        first = 1991 + land.index % PLAN_YEARS
        return list(range(first, LAST_YEAR + 1, PLAN_YEARS))

    def plan_topics(self, land: Land, version: int) -> list[str]:
        """Action fields of a plan version: those of the previous version and one or two more."""
        rng = self.rng("plan-topics", land.slug)
        order = rng.sample(range(len(names.TOPICS)), len(names.TOPICS))
        count = min(len(order), 3 + 2 * (version - 1))
        return [f"topic:{slug(names.TOPICS[i][0])}" for i in order[:count]]

    def plan(self, land: Land, version: int) -> str:
        label = f"Integrationsplan {land.name} {version}.0"
        iri = f"plan:{slug(label)}"
        pairs = [("a", "ig:Plan"), ("rdfs:label", lang(label)), ("schema:version", plain(f"{version}.0"))]
        if version > 1:
            previous = self.plan(land, version - 1)
            pairs += [("prov:wasRevisionOf", previous), ("dct:replaces", previous)]
        return self.registry.define(Entity("plans", iri, tuple(pairs)))
