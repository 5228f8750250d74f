"""Tenure resolution rule by rule (integrationsgraph/pipeline/tenures.py), on small hand-made posts."""

from __future__ import annotations

from datetime import date

from integrationsgraph.namespaces import IG
from integrationsgraph.pipeline.tenure_output import tenure_triples
from integrationsgraph.pipeline.tenures import (
    Attestation,
    Bound,
    HoldingFacts,
    PostFacts,
    StatedInstant,
    Term,
    resolve,
)

POST = "post:chair"
YEAR = Term(1, 0, 0, frozenset({POST}), frozenset({"evidence:rotation"}))


def d(text: str) -> date:
    return date.fromisoformat(text)


def stated(
    instant: str, earliest: str, latest: str | None = None, evidence: str = "evidence:x"
) -> StatedInstant:
    return StatedInstant(instant, d(earliest), d(latest or earliest), frozenset({evidence}))


def holding(iri: str, *, begins=(), ends=(), post=POST, member=None, **links) -> HoldingFacts:
    return HoldingFacts(iri, post, member or f"member:{iri}", list(begins), list(ends), **links)


def chair(term: Term | None = YEAR, set_up: str | None = None, single: bool = True) -> dict[str, PostFacts]:
    bound = Bound(d(set_up), "tenure-body-existence", frozenset({"event:set-up"})) if set_up else None
    return {POST: PostFacts(POST, single=single, set_up=bound, term=term)}


def by_iri(resolved) -> dict:
    return {r.iri: r for r in resolved}


def days(r) -> tuple:
    return tuple(
        r.day(name) for name in ("earliest_beginning", "latest_beginning", "earliest_end", "latest_end")
    )


def test_sources_are_intersected_and_a_refining_date_is_no_conflict():
    month = stated("instant:a", "2016-10-01", "2016-10-31", "evidence:a")
    day = stated("instant:b", "2016-10-01", evidence="evidence:b")
    (r,) = resolve([holding("h", begins=[month, day])], chair(term=None))
    assert (r.day("earliest_beginning"), r.day("latest_beginning")) == (d("2016-10-01"), d("2016-10-01"))
    assert not r.contested
    latest = r.bounds["latest_beginning"]
    assert (latest.rule, latest.rests_on, latest.evidence) == ("tenure-stated", {"instant:b"}, {"evidence:b"})


def test_sources_that_contradict_each_other_are_contested_and_keep_the_widest_window():
    early = stated("instant:a", "2016-10-01", evidence="evidence:a")
    late = stated("instant:b", "2017-10-01", evidence="evidence:b")
    (r,) = resolve([holding("h", begins=[early, late])], chair(term=None))
    assert r.contested
    assert (r.day("earliest_beginning"), r.day("latest_beginning")) == (d("2016-10-01"), d("2017-10-01"))


def test_a_one_year_term_bounds_an_open_end_and_an_open_beginning_but_asserts_neither():
    opened = holding("a", begins=[stated("i:a", "2016-10-01")])
    closed = holding("b", ends=[stated("i:b", "2022-07-01")])
    a, b = resolve([opened, closed], chair())
    assert days(a) == (d("2016-10-01"), d("2016-10-01"), d("2016-10-02"), d("2017-10-01"))
    assert days(b) == (d("2021-07-01"), d("2022-06-30"), d("2022-07-01"), d("2022-07-01"))
    rotation = a.bounds["latest_end"]
    assert rotation.rule == "tenure-term-length"
    assert rotation.evidence >= {"evidence:rotation", "evidence:x"}
    assert POST in rotation.rests_on


def test_without_a_term_an_open_end_stays_open():
    (r,) = resolve([holding("a", begins=[stated("i:a", "2016-10-01")])], chair(term=None))
    assert r.day("latest_end") is None
    assert r.day("earliest_end") == d("2016-10-02")  # held at least the first day
    assert r.bounds["earliest_end"].rule == "tenure-held-a-day"


def test_a_successor_closes_an_open_predecessor_and_a_predecessor_opens_a_successor():
    first = holding("a", begins=[stated("i:a", "2010-10-01")])
    second = holding("b", begins=[stated("i:b", "2011-03-01")], ends=[stated("i:c", "2012-10-01")])
    a, b = resolve([first, second], chair(term=None))
    assert a.day("latest_end") == d("2011-03-01")
    assert (a.bounds["latest_end"].rule, a.bounds["latest_end"].rests_on) == (
        "tenure-successor-begins",
        {"b"},
    )
    assert b.day("earliest_beginning") == d("2011-03-01")


def test_a_stated_hand_over_gives_the_predecessor_the_successors_beginning_as_its_end():
    first = holding("a", begins=[stated("i:a", "2009-10-01")])
    second = holding("b", begins=[stated("i:b", "2010-10-01")], predecessors={"a"})
    a, _ = resolve([first, second], chair(term=None))
    assert (a.day("earliest_end"), a.day("latest_end")) == (d("2010-10-01"), d("2010-10-01"))


def test_nothing_is_held_before_the_body_was_set_up():
    (r,) = resolve([holding("a", ends=[stated("i:a", "2009-10-01")])], chair(term=None, set_up="2006-01-01"))
    assert r.day("earliest_beginning") == d("2006-01-01")
    assert r.bounds["earliest_beginning"].rule == "tenure-body-existence"


def test_posts_held_by_many_do_not_bound_each_others_holdings():
    one = holding("a", begins=[stated("i:a", "2010-01-01")])
    other = holding("b", begins=[stated("i:b", "2012-01-01")])
    a, _ = resolve([one, other], chair(term=None, single=False))
    assert a.day("latest_end") is None


def test_an_exerciser_lies_inside_the_land_holding_and_their_own_office():
    land = holding("land", begins=[stated("i:l", "2011-10-01")], ends=[stated("i:m", "2012-10-01")])
    office = holding("office", post="post:minister", begins=[stated("i:o", "2012-01-15")])
    person = holding("person", exercises="land", offices={"office"})
    posts = chair(term=None) | {"post:minister": PostFacts("post:minister")}
    resolved = by_iri(resolve([land, office, person], posts))
    p = resolved["person"]
    assert (p.day("earliest_beginning"), p.day("latest_end")) == (d("2012-01-15"), d("2012-10-01"))
    assert p.bounds["earliest_beginning"].rule == "tenure-own-office"
    assert p.bounds["latest_end"].rule == "tenure-exercised-holding"
    assert p.certain_part() is None  # nothing says on which day the person surely exercised it


def test_a_chaired_meeting_makes_its_days_certain_and_orders_two_exercisers():
    land = holding("land", begins=[stated("i:l", "2011-10-01")], ends=[stated("i:m", "2012-10-01")])
    meeting = Attestation("meeting:7", d("2012-03-21"), d("2012-03-22"), frozenset({"evidence:m"}))
    first = holding("first", exercises="land", chaired=[meeting])
    second = holding("second", exercises="land", ends=[stated("i:s", "2012-10-01")])
    resolved = by_iri(resolve([land, first, second], chair(term=None)))
    a, b = resolved["first"], resolved["second"]
    assert a.certain_part() == (d("2012-03-21"), d("2012-03-23"))
    assert a.bounds["latest_beginning"].evidence == {"evidence:m"}
    assert b.day("earliest_beginning") == d("2012-03-23")  # after the first one's certain part
    assert a.day("latest_end") == d("2012-09-30")  # the second held the last day


def test_two_holdings_surely_held_at_once_are_contested_with_each_other():
    one = holding("a", begins=[stated("i:a", "2016-10-01")], ends=[stated("i:b", "2017-10-01")])
    other = holding("b", begins=[stated("i:c", "2017-01-01")], ends=[stated("i:d", "2018-01-01")])
    a, b = resolve([one, other], chair(term=None))
    assert a.contested
    assert b.contested
    assert a.contested_with == {"b"}
    assert b.contested_with == {"a"}


def test_a_beginning_known_to_a_month_without_an_end_has_no_sure_part_and_none_is_written():
    # i15b: "ab Juli 2024" and no stated end: held at least a day after the earliest beginning (2 July),
    # but begun by 31 July at the latest; the graph must not read that as a sure part 31 July - 1 July
    iri = "https://w3id.org/integrationsgraph/id/holding/chair-2024-example"
    month = holding(iri, begins=[stated("i:m", "2024-07-01", "2024-07-31")])
    posts = chair()
    (r,) = resolve([month], posts)
    assert days(r) == (d("2024-07-01"), d("2024-07-31"), d("2024-07-02"), d("2025-07-31"))
    assert r.certain_part() is None
    written = {str(p.value) for _, p, _ in tenure_triples([r], posts)}
    assert {str(IG.earliestBeginning), str(IG.latestEnd)} <= written
    assert not {str(IG.latestBeginning), str(IG.earliestEnd)} & written


def test_a_sure_part_is_written_with_both_of_its_bounds():
    iri = "https://w3id.org/integrationsgraph/id/holding/chair-2025-example"
    day = holding(iri, begins=[stated("i:d", "2025-07-01")])
    posts = chair()
    (r,) = resolve([day], posts)
    assert r.certain_part() == (d("2025-07-01"), d("2025-07-02"))
    written = {(str(p.value), o.value) for _, p, o in tenure_triples([r], posts)}
    assert (str(IG.latestBeginning), "2025-07-01") in written
    assert (str(IG.earliestEnd), "2025-07-02") in written


def test_a_day_a_source_shows_the_holding_held_is_certain():
    release = stated("instant:release", "2010-03-18", evidence="evidence:minister")
    office = holding("office", post="post:minister", begins=[stated("i:b", "2005-06-01", "2005-06-30")])
    office.held_on.append(release)
    (r,) = resolve([office], {"post:minister": PostFacts("post:minister", single=True)})
    assert r.certain_part() == (d("2005-06-30"), d("2010-03-19"))
    end = r.bounds["earliest_end"]
    assert (end.rule, end.rests_on, end.evidence) == (
        "tenure-held-on",
        {"instant:release"},
        {"evidence:minister"},
    )


def nrw_year(*, first_office_day: str | None):
    """NRW's year 2009/10: Laschet takes the chair on 1 October 2009, Schneider hands it over on
    1 October 2010; Laschet's own office is shown on `first_office_day`."""
    land = holding("land", begins=[stated("i:l", "2009-10-01")], ends=[stated("i:m", "2010-10-01")])
    office = holding("laschet-office", post="post:minister", member="person:laschet")
    if first_office_day:
        office.held_on.append(stated("instant:bild", first_office_day, evidence="evidence:bild"))
    laschet = holding(
        "laschet",
        member="person:laschet",
        exercises="land",
        offices={"laschet-office"},
        begins=[stated("i:a", "2009-10-01", evidence="evidence:migazin")],
    )
    schneider = holding(
        "schneider",
        member="person:schneider",
        exercises="land",
        ends=[stated("i:s", "2010-10-01", evidence="evidence:rlp")],
    )
    posts = chair() | {"post:minister": PostFacts("post:minister", single=True)}
    return by_iri(resolve([land, office, laschet, schneider], posts))


def test_a_person_seen_in_their_office_came_before_an_exerciser_seen_later():
    resolved = nrw_year(first_office_day="2010-03-18")
    laschet, schneider = resolved["laschet"], resolved["schneider"]
    begins = schneider.bounds["earliest_beginning"]
    assert begins.day == d("2010-03-19")  # after the last day Laschet is seen in office
    assert begins.rule == "tenure-exercisers-in-turn"
    assert {"laschet", "laschet-office"} <= begins.rests_on
    assert "evidence:bild" in begins.evidence
    ends = laschet.bounds["latest_end"]
    assert ends.day == d("2010-09-30")  # Schneider surely exercised it on its last day
    assert ends.rule == "tenure-exercisers-in-turn"
    assert "schneider" in ends.rests_on
    assert "evidence:rlp" in ends.evidence
    # the change itself stays a gap: both are only possible between the two days
    assert laschet.certain_part() == (d("2009-10-01"), d("2009-10-02"))
    assert schneider.certain_part() == (d("2010-09-30"), d("2010-10-01"))


def test_an_office_day_outside_the_land_year_does_not_order_its_exercisers():
    # an office shown years later says nothing about who came first within the year
    resolved = nrw_year(first_office_day="2012-03-18")
    assert resolved["schneider"].day("earliest_beginning") == d("2009-10-02")
    begins = resolved["schneider"].bounds["earliest_beginning"]
    assert "laschet-office" not in begins.rests_on
    assert "evidence:bild" not in begins.evidence


def test_two_holdings_of_one_person_do_not_take_turns():
    land = holding("land", begins=[stated("i:l", "2011-10-01")], ends=[stated("i:m", "2012-10-01")])
    early = holding("a", member="person:x", exercises="land", begins=[stated("i:a", "2011-10-01")])
    late = holding("b", member="person:x", exercises="land", ends=[stated("i:b", "2012-10-01")])
    resolved = by_iri(resolve([land, early, late], chair()))
    rules = {bound.rule for r in (resolved["a"], resolved["b"]) for bound in r.bounds.values()}
    assert "tenure-exercisers-in-turn" not in rules
