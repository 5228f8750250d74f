"""What several sentences of one document say about one chair tenure, made one fact.

Tenures merge by body and holding Land; a person named without a Land joins the one tenure of the same
role that has no person yet. Where one successor begins on a day and one predecessor's end is unknown
(or the other way round), the hand-over gives both: one instant, shared.
"""

from __future__ import annotations

from integrationsgraph.ingest.facts import Fact

_ROLE_ORDER = {"predecessor": 2, "successor": 1, "holder": 0}


def merge_chair_tenures(facts: list[Fact], person_lands: dict[str, str]) -> list[Fact]:
    merged: list[Fact] = []
    for fact in facts:
        if fact.holder == fact.person and fact.person in person_lands:
            fact.holder = person_lands[fact.person]
        target = next((m for m in merged if m.body == fact.body and m.holder == fact.holder), None)
        if target is None and fact.holder == fact.person:
            target = _tenure_for_person(merged, fact)
        if target is None:
            merged.append(fact)
        else:
            _absorb(target, fact)
    for fact in [f for f in merged if f.holder == f.person]:  # persons seen before their Land's tenure
        target = _tenure_for_person([m for m in merged if m is not fact], fact)
        if target is not None:
            _absorb(target, fact)
            merged.remove(fact)
    _link_hand_overs(merged)
    return merged


def _tenure_for_person(merged: list[Fact], fact: Fact) -> Fact | None:
    same_person = [
        m for m in merged if m.body == fact.body and m.person == fact.person and m.holder != m.person
    ]
    if same_person:
        return same_person[0]
    candidates = [
        m for m in merged
        if m.body == fact.body and m.person is None
        and _compatible_roles(m.role, fact.role)
    ]  # fmt: skip
    if fact.role != "predecessor":
        candidates = [m for m in candidates if m.role != "predecessor"] or candidates
    return candidates[0] if len(candidates) == 1 else None


def _compatible_roles(a: str | None, b: str | None) -> bool:
    return a == b or "holder" in (a, b)


def _absorb(target: Fact, other: Fact) -> None:
    if _ROLE_ORDER.get(other.role or "holder", 0) > _ROLE_ORDER.get(target.role or "holder", 0):
        target.role = other.role
    target.person = target.person or other.person
    target.start = _better(target.start, other.start)
    target.end = _better(target.end, other.end)
    target.ordinal = target.ordinal or other.ordinal
    target.confidence = max(target.confidence, other.confidence)
    for span in other.spans:
        target.add_span(*span)


def _better(a, b):
    if a is None or b is None:
        return a or b
    precision = lambda value: (value.day is not None) + (value.month is not None)  # noqa: E731
    return b if precision(b) > precision(a) else a


def _link_hand_overs(facts: list[Fact]) -> None:
    for body in {f.body for f in facts}:
        of_body = [f for f in facts if f.body == body]
        successors = [f for f in of_body if f.role == "successor"]
        predecessors = [f for f in of_body if f.role == "predecessor"]
        if len(successors) != 1 or len(predecessors) != 1:
            continue
        successor, predecessor = successors[0], predecessors[0]
        if successor.start and predecessor.end is None:
            predecessor.end = successor.start
        elif predecessor.end and successor.start is None:
            successor.start = predecessor.end
