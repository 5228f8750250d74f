"""What several sentences of one document say about one meeting, made one fact.

Two mentions are one meeting when they are of one body, their types agree (or one type is only a
default) and their dates overlap, or they share a number and one has no date, or one of them has neither
date nor number. A number alone ("Vorsitzland der 18. IntMK") joins the one dated meeting of its type.
What has no date, number, place, named type ("Sitzung") or period ("für das zweite Halbjahr") after merging
is dropped: too little to propose.
"""

from __future__ import annotations

from integrationsgraph.ingest.facts import Fact


def merge_meetings(facts: list[Fact]) -> list[Fact]:
    merged: list[Fact] = []
    for fact in facts:
        candidates = sorted((m for m in merged if _same_meeting(m, fact)), key=lambda m: m.start is None)
        if candidates:  # the best-dated compatible mention: a bare "Treffen in Kiel" adds only its place
            _absorb(candidates[0], fact)
        else:
            merged.append(fact)
    for fact in [f for f in merged if f.start is None and f.ordinal is not None]:
        dated = [
            m for m in merged
            if m is not fact and m.body == fact.body and m.start is not None and m.ordinal is None
            and _types_agree(m, fact)
        ]  # fmt: skip
        if len(dated) == 1:
            _absorb(dated[0], fact)
            merged.remove(fact)
    for fact in [f for f in merged if f.start is None and f.ordinal is None]:
        others = [m for m in merged if m is not fact and _same_meeting(m, fact)]
        if len(others) == 1:
            _absorb(others[0], fact)
            merged.remove(fact)
    return [
        f
        for f in merged
        if f.start or f.ordinal or f.place or f.status == "proposed" or f.explicit_type or f.specific
    ]


def _types_agree(a: Fact, b: Fact) -> bool:
    return a.type == b.type or not (a.explicit_type and b.explicit_type)


def _overlap(a: Fact, b: Fact) -> bool:
    if not (a.start and b.start and a.end and b.end):
        return False
    if None in (a.start.earliest, b.start.earliest, a.end.latest, b.end.latest):
        return False
    return a.start.earliest <= b.end.latest and b.start.earliest <= a.end.latest


def _same_meeting(a: Fact, b: Fact) -> bool:
    if a.body != b.body or not _types_agree(a, b):
        return False
    if "proposed" in {a.status, b.status} and a.status != b.status:
        return False  # a proposed further session is not the one that was held
    if a.ordinal and b.ordinal and a.ordinal != b.ordinal:
        return False
    if a.start and b.start:
        return _overlap(a, b)
    if a.ordinal and b.ordinal:
        return True
    return (a.start is None and a.ordinal is None) or (b.start is None and b.ordinal is None)


def _absorb(target: Fact, other: Fact) -> None:
    if other.explicit_type and not target.explicit_type:
        target.type, target.explicit_type = other.type, True
    if target.start is None and other.start is not None:
        target.start, target.end, target.status = other.start, other.end, other.status
    elif target.start is not None and other.start is not None and _more_days(other, target):
        target.start, target.end = other.start, other.end
    target.ordinal = target.ordinal or other.ordinal
    target.place = target.place or other.place
    target.motto = target.motto or other.motto
    target.holder = target.holder or other.holder
    target.cancelled = target.cancelled or other.cancelled
    target.online = target.online or other.online
    target.specific = target.specific or other.specific
    if target.cancelled:
        target.status = "announced"
    target.confidence = max(target.confidence, other.confidence)
    for span in other.spans:
        target.add_span(*span)
    target.spans.sort()


def _more_days(a: Fact, b: Fact) -> bool:
    """Whether `a` gives the meeting more precisely (days) or longer than `b`."""
    precision = lambda v: (v.day is not None) + (v.month is not None)  # noqa: E731
    if precision(a.start) != precision(b.start):
        return precision(a.start) > precision(b.start)
    return bool(a.end and b.end and a.end.latest and b.end.latest and a.end.latest > b.end.latest)
