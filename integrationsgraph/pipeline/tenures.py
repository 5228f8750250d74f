"""Tenure resolution: one interval per holding, from everything known about it; on a single-holder post
the neighbouring holdings bound each other too.

Pure logic over plain data (the store is read by `tenure_inputs`, written by `tenure_output`); the rules
are documented in docs/tenures.md. Every bound only ever tightens, and each keeps the rule that set it,
the facts it rests on and their evidence spans, so a derived bound can always be explained.

A bound is a day: the beginning lies in [earliest_beginning, latest_beginning], the hand-over day (the
exclusive end) in [earliest_end, latest_end]. A missing bound is a gap, never a guess.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import pairwise

ONE_DAY = timedelta(days=1)
# Bounds that only rise (the others only fall), and the other end of each bound's window.
RISING = frozenset({"earliest_beginning", "earliest_end"})
PARTNER = {
    "earliest_beginning": "latest_beginning",
    "latest_beginning": "earliest_beginning",
    "earliest_end": "latest_end",
    "latest_end": "earliest_end",
}
BOUNDS = ("earliest_beginning", "latest_beginning", "earliest_end", "latest_end")
MAX_ROUNDS = 64  # the fixpoint settles in a few rounds; a cap keeps a pathological input finite


@dataclass(frozen=True)
class Bound:
    day: date
    rule: str
    rests_on: frozenset[str] = frozenset()
    evidence: frozenset[str] = frozenset()


@dataclass(frozen=True)
class StatedInstant:
    """One source's instant for a holding's beginning or end, with the holding's spans in that source."""

    instant: str
    earliest: date
    latest: date
    evidence: frozenset[str]


@dataclass(frozen=True)
class Attestation:
    """A dated meeting the holder chaired: held on its days (first day's latest, last day's earliest)."""

    meeting: str
    first_day: date
    last_day: date
    evidence: frozenset[str]


@dataclass(frozen=True)
class Term:
    """How long one holder holds the post, as sources state it (years, months, days)."""

    years: int
    months: int
    days: int
    rests_on: frozenset[str]
    evidence: frozenset[str]

    def add(self, day: date, sign: int) -> date:
        month_index = day.year * 12 + day.month - 1 + sign * (self.years * 12 + self.months)
        year, month = divmod(month_index, 12)
        month += 1
        last = _month_length(year, month)
        return date(year, month, min(day.day, last)) + sign * timedelta(days=self.days)


def _month_length(year: int, month: int) -> int:
    following = date(year + (month == 12), month % 12 + 1, 1)
    return (following - ONE_DAY).day


@dataclass
class PostFacts:
    iri: str
    single: bool = False  # held by one holder at a time: neighbours bound each other
    set_up: Bound | None = None  # the earliest day the post's body may have been set up
    term: Term | None = None


@dataclass
class HoldingFacts:
    iri: str
    post: str
    member: str
    beginnings: list[StatedInstant] = field(default_factory=list)
    ends: list[StatedInstant] = field(default_factory=list)
    exercises: str | None = None
    predecessors: set[str] = field(default_factory=set)  # stated hand-overs (ig:succeeds / ig:precedes)
    offices: set[str] = field(default_factory=set)  # the exerciser's own offices in the Land
    chaired: list[Attestation] = field(default_factory=list)
    held_on: list[StatedInstant] = field(default_factory=list)  # days a source shows it held (ig:heldOn)


@dataclass
class Resolved:
    facts: HoldingFacts
    bounds: dict[str, Bound] = field(default_factory=dict)
    contested: bool = False
    contested_with: set[str] = field(default_factory=set)

    @property
    def iri(self) -> str:
        return self.facts.iri

    def day(self, name: str) -> date | None:
        bound = self.bounds.get(name)
        return bound.day if bound else None

    def tighten(self, name: str, candidate: Bound) -> bool:
        """Apply a candidate bound if it is tighter; a candidate that empties the window is a
        contradiction between sources: the tenure is marked contested and keeps its bound."""
        current = self.bounds.get(name)
        rising = name in RISING
        if current is not None and (candidate.day <= current.day if rising else candidate.day >= current.day):
            return False
        other = self.bounds.get(PARTNER[name])
        if other is not None and (candidate.day > other.day if rising else candidate.day < other.day):
            self.contested = True
            return False
        self.bounds[name] = candidate
        return True

    def certain_part(self) -> tuple[date, date] | None:
        start, end = self.day("latest_beginning"), self.day("earliest_end")
        return (start, end) if start is not None and end is not None and start < end else None


def _stated(resolved: Resolved, side: str, instants: list[StatedInstant]) -> None:
    """igr:tenure-stated: the sources' windows intersected; disjoint windows are contested, and then
    the widest window stands."""
    if not instants:
        return
    low = max(i.earliest for i in instants)
    high = min(i.latest for i in instants)
    if low > high:
        resolved.contested = True
        low = min(i.earliest for i in instants)
        high = max(i.latest for i in instants)

    def bound(day: date, matches) -> Bound:
        used = [i for i in instants if matches(i)]
        return Bound(
            day,
            "tenure-stated",
            frozenset(i.instant for i in used),
            frozenset(e for i in used for e in i.evidence),
        )

    resolved.bounds[f"earliest_{side}"] = bound(low, lambda i: i.earliest == low)
    resolved.bounds[f"latest_{side}"] = bound(high, lambda i: i.latest == high)


def _derived(rule: str, day: date, rests_on, *bases: Bound | None, evidence=frozenset()) -> Bound:
    """A bound derived by `rule` from other bounds: it rests on their facts and evidence too."""
    facts = set(rests_on)
    spans = set(evidence)
    for base in bases:
        if base is not None:
            spans |= base.evidence
    return Bound(day, rule, frozenset(facts), frozenset(spans))


def _own_rules(r: Resolved, post: PostFacts) -> bool:
    changed = False
    b = r.bounds
    # igr:tenure-held-a-day: held at least one day.
    if "latest_end" in b:
        changed |= r.tighten(
            "latest_beginning",
            _derived("tenure-held-a-day", b["latest_end"].day - ONE_DAY, {r.iri}, b["latest_end"]),
        )
    if "earliest_beginning" in b:
        changed |= r.tighten(
            "earliest_end",
            _derived(
                "tenure-held-a-day", b["earliest_beginning"].day + ONE_DAY, {r.iri}, b["earliest_beginning"]
            ),
        )
    # igr:tenure-body-existence
    if post.set_up is not None:
        changed |= r.tighten("earliest_beginning", post.set_up)
    # igr:tenure-term-length: an upper bound from the stated term, never an end.
    term = post.term
    if term is not None:
        if "latest_beginning" in b:
            base = b["latest_beginning"]
            changed |= r.tighten(
                "latest_end",
                _derived(
                    "tenure-term-length", term.add(base.day, 1), term.rests_on, base, evidence=term.evidence
                ),
            )
        if "earliest_end" in b:
            base = b["earliest_end"]
            changed |= r.tighten(
                "earliest_beginning",
                _derived(
                    "tenure-term-length", term.add(base.day, -1), term.rests_on, base, evidence=term.evidence
                ),
            )
    return changed


def _attested(r: Resolved) -> bool:
    """igr:tenure-chaired-meeting: a chaired meeting inside the possible part makes its days certain."""
    changed = False
    low, high = r.day("earliest_beginning"), r.day("latest_end")
    for seen in r.facts.chaired:
        if (low is not None and seen.first_day < low) or (high is not None and seen.last_day >= high):
            continue
        rests_on = {seen.meeting}
        changed |= r.tighten(
            "latest_beginning",
            Bound(seen.first_day, "tenure-chaired-meeting", frozenset(rests_on), seen.evidence),
        )
        changed |= r.tighten(
            "earliest_end",
            Bound(seen.last_day + ONE_DAY, "tenure-chaired-meeting", frozenset(rests_on), seen.evidence),
        )
    return changed


def _held_on(r: Resolved) -> None:
    """igr:tenure-held-on: a day a source shows the holding held lies in its certain part."""
    for seen in r.facts.held_on:
        rests_on = frozenset({seen.instant})
        r.tighten("latest_beginning", Bound(seen.latest, "tenure-held-on", rests_on, seen.evidence))
        r.tighten("earliest_end", Bound(seen.earliest + ONE_DAY, "tenure-held-on", rests_on, seen.evidence))


@dataclass(frozen=True)
class Seen:
    """The days a person is surely seen exercising a Land's holding or in their own office in the Land:
    `first` is a bound whose day is the first of them, `after` one whose day follows the last."""

    first: Bound
    after: Bound
    holdings: frozenset[str]


def _seen(person: Resolved, offices: list[Resolved], land: Resolved) -> Seen | None:
    """The certain parts of the person's exercise and own offices, inside the Land holding's possible
    part (an office held years before or after says nothing about the order within one Land year)."""
    low, high = land.bounds.get("earliest_beginning"), land.bounds.get("latest_end")
    first: Bound | None = None
    after: Bound | None = None
    holdings = set()
    for seen in (person, *offices):
        if seen.certain_part() is None:
            continue
        start, end = seen.bounds["latest_beginning"], seen.bounds["earliest_end"]
        if low is not None and start.day < low.day:
            start = low
        if high is not None and end.day > high.day:
            end = high
        if start.day >= end.day:
            continue
        holdings.add(seen.iri)
        if first is None or start.day < first.day:
            first = start
        if after is None or end.day > after.day:
            after = end
    if first is None or after is None:
        return None
    return Seen(first, after, frozenset(holdings))


def _in_turn(exercisers: list[Resolved], by_iri: dict[str, Resolved], land: Resolved) -> bool:
    """igr:tenure-exercisers-in-turn: one person exercises a Land's holding at a time, so a person seen
    on a day came before one first seen on a later day: the later began after the earlier was last
    seen, the earlier ended by the day the later was first seen."""
    changed = False
    seen = {}
    for r in exercisers:
        offices = [by_iri[o] for o in sorted(r.facts.offices) if o in by_iri]
        sighting = _seen(r, offices, land)
        if sighting is not None:
            seen[r.iri] = (r, sighting)
    for earlier, one in seen.values():
        for later, other in seen.values():
            # two holdings of one person (stated in different sources) do not take turns
            if earlier.facts.member == later.facts.member or one.after.day > other.first.day:
                continue
            changed |= later.tighten(
                "earliest_beginning",
                _derived("tenure-exercisers-in-turn", one.after.day, {earlier.iri, *one.holdings}, one.after),
            )
            changed |= earlier.tighten(
                "latest_end",
                _derived(
                    "tenure-exercisers-in-turn", other.first.day, {later.iri, *other.holdings}, other.first
                ),
            )
    return changed


def _inside(r: Resolved, outer: Resolved, rule: str) -> bool:
    """The holding lies inside `outer`'s possible part."""
    changed = False
    for name in ("earliest_beginning", "latest_end"):
        base = outer.bounds.get(name)
        if base is not None:
            changed |= r.tighten(name, _derived(rule, base.day, {outer.iri}, base))
    return changed


def _inside_any(r: Resolved, offices: list[Resolved]) -> bool:
    """igr:tenure-own-office: inside the union of the person's own offices' possible parts (a side is
    bounded only when every office bounds it)."""
    changed = False
    starts = [o.bounds.get("earliest_beginning") for o in offices]
    if starts and all(starts):
        base = min(starts, key=lambda b: b.day)
        changed |= r.tighten(
            "earliest_beginning", _derived("tenure-own-office", base.day, {o.iri for o in offices}, *starts)
        )
    ends = [o.bounds.get("latest_end") for o in offices]
    if ends and all(ends):
        base = max(ends, key=lambda b: b.day)
        changed |= r.tighten(
            "latest_end", _derived("tenure-own-office", base.day, {o.iri for o in offices}, *ends)
        )
    return changed


def _covers(land: Resolved, person: Resolved) -> bool:
    """A person certainly exercising the Land's holding makes the Land's holding certain then too."""
    changed = False
    for name in ("latest_beginning", "earliest_end"):
        base = person.bounds.get(name)
        if base is not None and base.rule != "tenure-exercised-holding":
            changed |= land.tighten(name, _derived("tenure-exercised-holding", base.day, {person.iri}, base))
    return changed


def _neighbours(before: Resolved, after: Resolved, handover: bool) -> bool:
    """One holder at a time: `before` ended by the time `after` began. At a stated hand-over the end of
    one is the beginning of the other."""
    changed = False
    pairs = [
        (before, "latest_end", after.bounds.get("latest_beginning"), "tenure-successor-begins", after),
        (after, "earliest_beginning", before.bounds.get("earliest_end"), "tenure-predecessor-ends", before),
    ]
    if handover:
        pairs += [
            (
                before,
                "earliest_end",
                after.bounds.get("earliest_beginning"),
                "tenure-successor-begins",
                after,
            ),
            (after, "latest_beginning", before.bounds.get("latest_end"), "tenure-predecessor-ends", before),
        ]
    for target, name, base, rule, other in pairs:
        if base is None:
            continue
        contested_before = target.contested
        changed |= target.tighten(name, _derived(rule, base.day, {other.iri}, base))
        if target.contested and not contested_before:
            _contest(before, after)
    return changed


def _contest(one: Resolved, other: Resolved) -> None:
    one.contested = other.contested = True
    one.contested_with.add(other.iri)
    other.contested_with.add(one.iri)


def _anchor(r: Resolved) -> date | None:
    """A day the holding is placed by, for ordering holdings on a post: its latest beginning, else the
    day before its earliest end (both come from what sources state or attest, not from neighbours)."""
    if "latest_beginning" in r.bounds:
        return r.bounds["latest_beginning"].day
    if "earliest_end" in r.bounds:
        return r.bounds["earliest_end"].day - ONE_DAY
    return None


def _ordered(group: list[Resolved]) -> list[Resolved]:
    placed = [r for r in group if _anchor(r) is not None]
    return sorted(placed, key=lambda r: (_anchor(r), r.iri))


def resolve(holdings: list[HoldingFacts], posts: dict[str, PostFacts]) -> list[Resolved]:
    """The resolved tenure of every holding (input order kept)."""
    resolved = [Resolved(h) for h in holdings]
    by_iri = {r.iri: r for r in resolved}
    for r in resolved:
        _stated(r, "beginning", r.facts.beginnings)
        _stated(r, "end", r.facts.ends)
        _held_on(r)
    for r in resolved:
        _own_rules(r, posts[r.facts.post])

    # Holders of a post (a Land's or a person's own holding), and the exercisers of each holding.
    groups: dict[str, list[Resolved]] = defaultdict(list)
    exercisers: dict[str, list[Resolved]] = defaultdict(list)
    for r in resolved:
        exercised = r.facts.exercises
        if exercised in by_iri:
            exercisers[exercised].append(r)
        elif posts[r.facts.post].single:
            groups[r.facts.post].append(r)
    for r in resolved:
        _attested(r)
        for other in exercisers.get(r.iri, ()):
            _inside(other, r, "tenure-exercised-holding")
            _attested(other)
    chains = [_ordered(g) for g in groups.values()]
    chains += [_ordered(g) for iri, g in exercisers.items() if posts[by_iri[iri].facts.post].single]
    handovers = {(p, r.iri) for r in resolved for p in r.facts.predecessors if p in by_iri}

    for _ in range(MAX_ROUNDS):
        changed = False
        for r in resolved:
            changed |= _own_rules(r, posts[r.facts.post])
            if r.facts.offices:
                offices = [by_iri[o] for o in sorted(r.facts.offices) if o in by_iri]
                changed |= _inside_any(r, offices)
            exercised = by_iri.get(r.facts.exercises) if r.facts.exercises else None
            if exercised is not None:
                changed |= _inside(r, exercised, "tenure-exercised-holding")
                changed |= _covers(exercised, r)
        for iri, group in exercisers.items():
            changed |= _in_turn(group, by_iri, by_iri[iri])
        for chain in chains:
            # forwards, then backwards: a bound travels the whole chain in one round either way
            pairs = list(pairwise(chain))
            for before, after in [*pairs, *reversed(pairs)]:
                changed |= _neighbours(before, after, (before.iri, after.iri) in handovers)
        for before, after in sorted(handovers):
            changed |= _neighbours(by_iri[before], by_iri[after], True)
        if not changed:
            break

    for chain in chains:
        for i, one in enumerate(chain):
            for other in chain[i + 1 :]:
                a, b = one.certain_part(), other.certain_part()
                if a and b and a[0] < b[1] and b[0] < a[1]:
                    _contest(one, other)
    return resolved
