"""Releases of a Land: sessions of its integration bodies, its government's offices, changes, plans.

Each release leads with its news and then, as real releases do, restates context: who leads the
ministry, the plan in force, the body's constitution. Restated facts use the same IRIs, so several
sources state them, each in its own graph.
"""

from __future__ import annotations

from datetime import date, timedelta

from bench.synthetic import prose, sections
from bench.synthetic.facts import Story, local, session, session_day
from bench.synthetic.release import Head, Release
from bench.synthetic.world import Land, World

MAX_SESSIONS = sections.MAX_SESSIONS


def session_report(w: World, land: Land, year: int, number: int) -> Story:
    """A body's numbered session, the next one announced, context, and the ministry's address."""
    bodies = w.active_conferences(land, year)
    body = bodies[number % len(bodies)]
    day = session_day(w, body, year, number)
    issued = day + timedelta(days=w.rng("session-release", body, year, number).randint(1, 3))
    head = sections.ministry_head(
        w, land, issued, f"{w.label_of(body)} tagte zum {number}. Mal im Jahr {year}"
    )

    def story(r: Release):
        session(r, w, land, body, year=year, number=number)
        r.quote("ein Mitglied des Gremiums")
        yield
        yield from sections.next_session(r, w, body, year, number)
        yield from sections.offices_now(r, w, land, with_plenipotentiary=False)
        yield from sections.current_conference(r, w, land)
        yield from sections.plan_in_force(r, w, land)
        yield from sections.address(r, w, land)

    return head, story


def cabinet_release(w: World, land: Land, year: int) -> Story:
    """The ministry's leadership since the legislature began, the offices around it, the conference."""
    term = w.term_at(land, date(year, 7, 1))
    rng = w.rng("cabinet-release", land.slug, year)
    issued = min(
        max(term.begins, date(year, 1, 1)) + timedelta(days=rng.randint(60, 150)),
        term.ends - timedelta(days=1),
    )
    ministry = w.ministry(land)
    head = Head(issued, land.capital, ministry, f"Neue Leitung im {w.label_of(ministry)}")

    def story(r: Release):
        yield from sections.predecessor(r, w, term)
        yield from sections.minister(r, w, term, with_predecessor=True)
        yield from sections.secretary(r, w, term)
        yield from sections.plenipotentiary(r, w, term)
        yield from sections.current_conference(r, w, land)
        yield from sections.plan_in_force(r, w, land)
        yield from sections.first_session(r, w, land, issued.year)

    return head, story


def change_release(w: World, land: Land, year: int) -> Story:
    """A merger of two bodies, or a body re-constituted for a new legislature; then context."""
    if year == w.merge_year(land):
        return _merger(w, land, year)
    term = w.term_at(land, date(year, 7, 1))
    _body, day = sections.reconstitution_day(w, term)
    head = sections.ministry_head(
        w, land, day + timedelta(days=2), f"{w.label_of(_body)} für die neue Legislaturperiode konstituiert"
    )

    def story(r: Release):
        yield from sections.reconstitution(r, w, term)
        if year == w.staff_year(land):
            staff = w.body(land, "staff")
            set_up = r.say(f"Bereits im Jahr {year} wurde das Gremium {w.label_of(staff)} eingerichtet.")
            when = r.instant(f"{local(staff)}-{year}", date(year, 1, 1), precision="year")
            pairs = [("org:resultingOrganization", staff), ("time:hasTime", when)]
            r.fact(f"event:{local(staff)}-establishment-{year}", ["ig:Establishment"], pairs, [set_up])
            yield
        yield from sections.offices_now(r, w, land)
        yield from sections.plan_in_force(r, w, land)

    return head, story


def _merger(w: World, land: Land, year: int) -> Story:
    advisory, conference, council = (w.body(land, kind) for kind in ("advisory", "conference", "council"))
    rng = w.rng("merger", land.slug)
    day = date(year, rng.randint(1, 10), rng.randint(1, 28))
    constituted = day + timedelta(days=rng.randint(20, 60))
    head = sections.ministry_head(
        w, land, constituted + timedelta(days=1), f"{w.label_of(council)} nimmt die Arbeit auf"
    )

    def story(r: Release):
        when = r.instant(f"{local(council)}-merger", day)
        said = r.say(
            f"Zum {prose.day_phrase(day)} sind das Gremium {w.label_of(advisory)} und das Gremium "
            f"{w.label_of(conference)} im neuen {w.label_of(council)} aufgegangen."
        )
        pairs = [
            ("org:originalOrganization", advisory),
            ("org:originalOrganization", conference),
            ("org:resultingOrganization", council),
            ("time:hasTime", when),
        ]
        r.fact(f"event:{local(council)}-merger-{year}", ["ig:Merger"], pairs, [said])
        yield
        on = r.instant(
            f"{local(council)}-constitution",
            constituted,
            method="from-weekday",
            note=f"Jahr aus dem Wochentag ({prose.weekday(constituted)}) erschlossen",
        )
        said = r.say(
            f"Der {w.label_of(council)} hat sich am {prose.weekday(constituted)}, "
            f"{prose.day_month_phrase(constituted)}, konstituiert."
        )
        r.fact(
            f"event:{local(council)}-constitution-{year}",
            ["ig:Constitution"],
            [("org:resultingOrganization", council), ("time:hasTime", on)],
            [said],
        )
        yield
        r.paragraph()
        yield from sections.minister(r, w, w.term_at(land, r.head.issued))
        yield from sections.plan_in_force(r, w, land)

    return head, story


def plan_release(w: World, land: Land, year: int) -> Story | None:
    """The plan version in force: its adoption, the session that discussed it, the offices."""
    rng = w.rng("plan-release", land.slug, year)
    issued = date(year, rng.randint(1, 12), rng.randint(1, 28))
    found = sections.latest_plan(w, land, issued)
    if found is None:
        return None
    plan = w.plan(land, found[0])
    head = sections.ministry_head(w, land, issued, f"{w.label_of(plan)}: Umsetzung im Jahr {year}")

    def story(r: Release):
        yield from sections.plan_adoption(r, w, land, *found)
        yield from sections.first_session(r, w, land, year)
        yield from sections.offices_now(r, w, land)
        yield from sections.current_conference(r, w, land)

    return head, story
