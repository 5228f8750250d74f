"""Entities a draft names: registry ones by their IRI, new ones proposed with a slug and what is known.

A proposed entity is declared in the draft's source graph (type, German label, and the links the text
gives: a place's Land, a post's organisation and role), so the draft builds; the JSON summary and the
comments of the draft mark it as proposed, for a curator to move into data/entities/.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from integrationsgraph.ingest.gazetteer import Gazetteer
from integrationsgraph.ingest.linking import Entity, Registry, slugify
from integrationsgraph.ingest.persons import PersonMention


@dataclass(frozen=True)
class Proposal:
    entity: Entity
    links: tuple[
        tuple[str, str], ...
    ] = ()  # (predicate, object) in Turtle, e.g. ("org:postIn", "body:intmk")


@dataclass
class Proposals:
    registry: Registry
    gazetteer: Gazetteer
    proposed: dict[str, Proposal] = field(default_factory=dict)

    def _propose(self, ref: str, kind: str, label: str, links: tuple[tuple[str, str], ...] = ()) -> str:
        if not self.registry.has(ref) and ref not in self.proposed:
            self.proposed[ref] = Proposal(Entity(ref, kind, label, proposed=True), links)
        return ref

    def land(self, slug: str) -> str:
        found = self.registry.lookup("land", self.gazetteer.laender[slug].label)
        return (
            found.ref if found else self._propose(f"land:{slug}", "land", self.gazetteer.laender[slug].label)
        )

    def person(self, mention: PersonMention) -> str:
        found = self.registry.person(mention.name)
        if found:
            return found.ref
        given, _, family = mention.name.rpartition(" ")
        links = (("schema:givenName", given), ("schema:familyName", family))
        return self._propose(f"person:{slugify(mention.name)}", "person", mention.name, links)

    def place(self, city: str) -> str:
        name = city.replace("/ ", "/").split("/")[0].split(" (")[0].strip()
        found = self.registry.lookup("place", name) or self.registry.lookup("place", city)
        if found:
            return found.ref
        land = self.gazetteer.land_of_city(city)
        links = (("schema:containedInPlace", self.land(land)),) if land else ()
        return self._propose(f"place:{slugify(name)}", "place", name, links)

    def body(self, entity: Entity, classification: str) -> str:
        if entity.proposed:
            return self._propose(
                entity.ref, "body", entity.label, (("org:classification", f"igc:{classification}"),)
            )
        return entity.ref

    def chair_post(self, body_ref: str) -> str:
        slug = body_ref.split(":", 1)[1]
        label = f"Vorsitz der {self._label(body_ref)}"
        links = (("org:postIn", body_ref), ("org:role", "igc:chair"))
        return self._propose(f"post:{slug}-chair", "post", label, links)

    def office_post(self, title: str, role: str, organisation: str) -> str:
        where = organisation.split(":", 1)[1]
        found = self.registry.lookup("post", title)
        # A registry post of the same title is this office only in the same organisation, which post IRIs
        # name ("post:minister-...-thueringen"): "Integrationsminister" is a post in every Land.
        if found and where.removeprefix("bundesregierung") in found.ref:
            return found.ref
        label = f"{title} ({self._label(organisation)})"
        links = (("org:postIn", organisation), ("org:role", f"igc:{role}"))
        return self._propose(f"post:{where}-{slugify(title)}", "post", label, links)

    def plan(self, label: str) -> str:
        found = self.registry.lookup("plan", label)
        return found.ref if found else self._propose(f"plan:{slugify(label)}", "plan", label)

    def _label(self, ref: str) -> str:
        if ref in self.registry.entities:
            return self.registry.entities[ref].label
        return self.proposed[ref].entity.label if ref in self.proposed else ref
