"""The curated registry of the synthetic world (graph:entities), minted only as sources need it.

Entities are defined up front or on first use, but only *minted* (written, counted) when a source that
refers to them is accepted into the output, so a small target size carries no unused registry.
"""

from __future__ import annotations

from dataclasses import dataclass

from bench.synthetic.turtle import Block


@dataclass(frozen=True)
class Entity:
    file: str  # the data/entities/<file>.ttl it goes to
    subject: str
    pairs: tuple[tuple[str, str], ...]

    def references(self) -> list[str]:
        return [obj for _, obj in self.pairs]


class Registry:
    def __init__(self) -> None:
        self.defined: dict[str, Entity] = {}
        self.minted: dict[str, Entity] = {}
        self.padding: list[tuple[str, str, str]] = []  # (subject, predicate, object) on minted entities

    def define(self, entity: Entity) -> str:
        self.defined.setdefault(entity.subject, entity)
        return entity.subject

    def closure(self, terms) -> list[Entity]:
        """The entities among `terms` not minted yet, with the entities they refer to, transitively."""
        found: dict[str, Entity] = {}
        pending = [term for term in terms if term in self.defined and term not in self.minted]
        while pending:
            term = pending.pop()
            if term in found or term in self.minted:
                continue
            entity = self.defined[term]
            found[term] = entity
            pending.extend(ref for ref in entity.references() if ref in self.defined)
        return sorted(found.values(), key=lambda entity: entity.subject)

    def mint(self, entities: list[Entity]) -> None:
        for entity in entities:
            self.minted[entity.subject] = entity

    @staticmethod
    def count(entities: list[Entity]) -> int:
        return sum(len(set(entity.pairs)) for entity in entities)

    def triple_count(self) -> int:
        return self.count(list(self.minted.values())) + len(self.padding)

    def blocks(self) -> dict[str, Block]:
        """One block per entities file, subjects sorted, padding with its subject."""
        blocks: dict[str, Block] = {}
        padding: dict[str, list[tuple[str, str]]] = {}
        for subject, predicate, obj in self.padding:
            padding.setdefault(subject, []).append((predicate, obj))
        for subject in sorted(self.minted):
            entity = self.minted[subject]
            block = blocks.setdefault(entity.file, Block())
            block.add_all(subject, list(entity.pairs))
            block.add_all(subject, padding.get(subject, []))
        return blocks
