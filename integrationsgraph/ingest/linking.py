"""Linking names to the curated registry (data/entities/*.ttl), or proposing a new IRI by the slug rules.

The registry is read with rdflib: every typed entity with its `rdfs:label`s and `skos:altLabel`s (and a
person's given and family name). A name links when it equals a label or altLabel (case-insensitive);
a person's full name also links at edit distance 1 (one letter misspelt, missing or extra), and a lone
family name links when exactly one registry person has it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import RDF, RDFS, SKOS

from integrationsgraph.errors import InputError
from integrationsgraph.namespaces import ID, IG, ORG, SCHEMA

ENTITY_CLASSES = {
    IG.Land: "land", IG.Body: "body", IG.Ministry: "ministry", IG.Person: "person", IG.Post: "post",
    IG.Place: "place", IG.Plan: "plan", IG.Topic: "topic", IG.Document: "document",
}  # fmt: skip
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "ae", "Ö": "oe", "Ü": "ue"})


def slugify(text: str) -> str:
    """The contract's slug: lower-case ASCII, umlauts spelt out, words joined by '-'."""
    ascii_text = unicodedata.normalize("NFKD", text.translate(_UMLAUTS)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def compact(iri: str) -> str:
    """`https://w3id.org/integrationsgraph/id/land/hessen` -> `land:hessen` (other IRIs unchanged)."""
    for kind, namespace in ID.items():
        if iri.startswith(str(namespace)):
            return f"{kind}:{iri[len(str(namespace)) :]}"
    return iri


def edit_distance_at_most_one(a: str, b: str) -> bool:
    """True when `a` becomes `b` by at most one substitution, insertion or deletion."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    shorter, longer = (a, b) if len(a) < len(b) else (b, a)
    index = next((i for i, (x, y) in enumerate(zip(shorter, longer, strict=False)) if x != y), len(shorter))
    return shorter[index:] == longer[index + 1 :]


@dataclass(frozen=True)
class Entity:
    """A registry entity, or one the ingestion proposes (`proposed`), by its compact IRI (`land:hessen`)."""

    ref: str
    kind: str
    label: str
    proposed: bool = False


@dataclass
class Registry:
    entities: dict[str, Entity] = field(default_factory=dict)
    names: dict[tuple[str, str], str] = field(default_factory=dict)  # (kind, lower-case name) -> ref
    family_names: dict[str, list[str]] = field(default_factory=dict)  # lower-case family name -> refs
    given_names: set[str] = field(default_factory=set)
    classifications: dict[str, str] = field(default_factory=dict)  # body ref -> concept ("cabinet")
    # Entities sharing a name, told apart by the year a label gives ("Hessische Integrationskonferenz
    # (seit 2019)"): ref -> the others of that name, and ref -> that year.
    namesakes: dict[str, set[str]] = field(default_factory=dict)
    since: dict[str, int] = field(default_factory=dict)
    # person() scans every name for one a letter off: asked for the same names over and over, it remembers
    _persons: dict[str, Entity | None] = field(default_factory=dict, repr=False, compare=False)

    def add(self, ref: str, kind: str, labels: list[str], alt_labels: list[str]) -> None:
        self._persons.clear()
        label = labels[0] if labels else ref.split(":", 1)[1]
        self.entities[ref] = Entity(ref, kind, label)
        for name in labels:
            if found := _SINCE.search(name):
                self.since[ref] = int(found[1])
        for name in [*labels, *alt_labels]:
            other = self.names.setdefault((kind, name.lower()), ref)
            if other != ref:
                self.namesakes.setdefault(ref, set()).add(other)
                self.namesakes.setdefault(other, set()).add(ref)

    def lookup(self, kind: str, name: str) -> Entity | None:
        ref = self.names.get((kind, _normal(name)))
        return self.entities[ref] if ref else None

    def as_of(self, ref: str, year: int | None) -> str:
        """Of an entity and its namesakes, the one a text of `year` means: the latest set up by then (one
        without a year counts as the earliest); `ref` itself when the year is unknown."""
        group = {ref, *self.namesakes.get(ref, ())}
        if year is None or len(group) == 1:
            return ref
        existing = [(self.since.get(r, 0), r) for r in group if self.since.get(r, 0) <= year]
        return max(existing)[1] if existing else ref

    def earliest_namesake(self, ref: str) -> str:
        """Of an entity and its namesakes, the earliest set up ("die frühere Integrationskonferenz")."""
        group = {ref, *self.namesakes.get(ref, ())}
        return min((self.since.get(r, 0), r) for r in group)[1]

    def later_namesake(self, ref: str) -> str | None:
        """The namesake set up next after `ref` (a body merged into a new one of its name), or None."""
        since = self.since.get(ref, 0)
        later = [
            (self.since.get(r, 0), r) for r in self.namesakes.get(ref, ()) if self.since.get(r, 0) > since
        ]
        return min(later)[1] if later else None

    def has(self, ref: str) -> bool:
        return ref in self.entities

    def labels(self, kind: str) -> list[tuple[str, str]]:
        return [(name, ref) for (k, name), ref in self.names.items() if k == kind]

    def person(self, name: str) -> Entity | None:
        """A registry person by full name, by a unique family name, or by a full name one letter off."""
        if name not in self._persons:
            self._persons[name] = self._person(name)
        return self._persons[name]

    def _person(self, name: str) -> Entity | None:
        found = self.lookup("person", name)
        if found:
            return found
        lowered = _normal(name)
        if " " not in lowered:
            refs = self.family_names.get(lowered, [])
            if len(refs) == 1:
                return self.entities[refs[0]]
            if len(lowered) >= 4:
                close = {ref for family, refs in self.family_names.items() for ref in refs
                         if len(family) >= 4 and edit_distance_at_most_one(lowered, family)}  # fmt: skip
                return self.entities[close.pop()] if len(close) == 1 else None
            return None
        close = {ref for known, ref in self.labels("person") if edit_distance_at_most_one(lowered, known)}
        return self.entities[close.pop()] if len(close) == 1 else None


_SINCE = re.compile(r"\(seit (\d{4})\)")


def _normal(name: str) -> str:
    return re.sub(r"\s+", " ", name).strip().lower()


def load_registry(entities_dir: Path) -> Registry:
    """The registry from every `*.ttl` in `entities_dir`; InputError names a file that does not parse."""
    graph = Graph()
    for path in sorted(entities_dir.glob("*.ttl")):
        try:
            graph.parse(data=path.read_text(encoding="utf-8"), format="turtle")
        except (SyntaxError, ValueError) as error:  # rdflib's BadSyntax is a SyntaxError
            raise InputError(f"{path}: cannot parse the registry file: {error}") from error
    registry = Registry()
    for cls, kind in ENTITY_CLASSES.items():
        for subject in sorted(set(graph.subjects(RDF.type, cls)), key=str):
            ref = compact(str(subject))
            all_labels = list(graph.objects(subject, RDFS.label))
            labels = [str(o) for o in all_labels if getattr(o, "language", None) == "de"]
            labels += [str(o) for o in all_labels if str(o) not in labels]
            alts = [str(o) for o in graph.objects(subject, SKOS.altLabel)]
            registry.add(ref, kind, labels, alts)
            for concept in graph.objects(subject, ORG.classification):
                registry.classifications[ref] = str(concept).rsplit("/", 1)[-1]
            if kind == "person":
                for family in graph.objects(subject, SCHEMA.familyName):
                    registry.family_names.setdefault(str(family).lower(), []).append(ref)
                registry.given_names.update(str(given) for given in graph.objects(subject, SCHEMA.givenName))
    return registry
