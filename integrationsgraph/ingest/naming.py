"""IRIs of the draft's nodes by the contract's rules: fact nodes name the thing (body, number or year,
type, holder), instants and intervals are minted per source, evidence by its offsets."""

from __future__ import annotations

from integrationsgraph.ingest.dates import PartialDate
from integrationsgraph.ingest.facts import Fact

EVENT_SUFFIX = {
    "Constitution": "constitution", "Reconstitution": "reconstitution", "Establishment": "establishment",
    "Merger": "merger", "Reconstitution+Merger": "reconstitution", "Dissolution": "dissolution",
    "Renaming": "renaming", "Move": "move",
}  # fmt: skip


def local(ref: str) -> str:
    return ref.split(":", 1)[1]


def fact_iris(facts: list[Fact]) -> list[str]:
    """One IRI per fact, unique within the document (a date is added where two would collide)."""
    iris: list[str] = []
    for fact in facts:
        iri = _fact_iri(fact)
        if iri in iris:
            when = fact.start.edtf if fact.start and fact.start.year else str(len(iris))
            iri = f"{iri}-{when}"
        iris.append(iri)
    return iris


def _year(value: PartialDate | None) -> str | None:
    return f"{value.year:04d}" if value is not None and value.year is not None else None


def _fact_iri(fact: Fact) -> str:
    body = local(fact.body or (fact.originals[0] if fact.originals else "x:unknown"))
    if fact.kind == "chair_tenure":
        holder = local(fact.holder or "unknown")
        if _year(fact.start):
            return f"holding:{body}-chair-{_year(fact.start)}-{holder}"
        if _year(fact.end):
            return f"holding:{body}-chair-until-{_year(fact.end)}-{holder}"
        return f"holding:{body}-chair-{holder}"
    if fact.kind == "meeting":
        when = f"{fact.ordinal:02d}" if fact.ordinal else (_year(fact.start) or "undated")
        return f"meeting:{body}-{when}-{fact.type}"
    if fact.kind == "office_holding":
        return f"holding:{local(fact.person or 'unknown')}-{local(fact.office or 'unknown')}"
    if fact.kind == "body_event":
        when = _year(fact.start)
        return f"event:{body}-{when + '-' if when else ''}{EVENT_SUFFIX.get(fact.type or '', 'change')}"
    return f"event:{local(fact.plan or 'plan')}-adoption"


def instant_iri(stem: str, value: PartialDate) -> str:
    suffix = "" if value.method == "stated" else f"-{value.method}"
    return f"instant:{stem}-{value.edtf}{suffix}"


def person_holding_iri(fact_iri: str, person: str) -> str:
    """The person-level holding that exercises a Land's chair: the Land's IRI with the person instead."""
    base, _, _ = fact_iri.rpartition("-chair")
    rest = fact_iri[len(base) + len("-chair") :]
    year = rest.split("-")[1] if rest.startswith("-") and rest[1:5].isdigit() else None
    return f"{base}-chair-{year + '-' if year else ''}{local(person)}"
