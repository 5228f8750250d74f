"""Sections a Land's release is composed of: each writes one or a few facts true as of the release.

A section is a generator that yields after each fact (see `facts.Story`), so releases can chain
sections with `yield from` and the size budget can still stop after any fact.
"""

from __future__ import annotations

from datetime import date, timedelta

from bench.synthetic import prose
from bench.synthetic.facts import holding, local, office_holding, office_pairs, session, session_day
from bench.synthetic.names import SECTORS, STREETS
from bench.synthetic.release import Head, Release
from bench.synthetic.turtle import lang, plain
from bench.synthetic.world import Land, Term, World

MAX_SESSIONS = 4


def next_session(r: Release, w: World, body: str, year: int, number: int):
    """The following session of a body, announced by month."""
    if number >= MAX_SESSIONS:
        return
    following = session_day(w, body, year, number + 1)
    node = f"meeting:{local(body)}-{year}-{number + 1}-session"
    when = r.instant(f"{local(node)}-month", following, precision="month")
    said = r.say(f"Die nächste Sitzung ist für {prose.month_phrase(following)} vorgesehen.")
    pairs = [
        ("ig:meetingOf", body),
        ("ig:meetingType", "igc:session"),
        ("ig:status", "igc:announced"),
        ("time:hasTime", r.interval(local(node), when, when)),
    ]
    r.fact(node, ["ig:Meeting"], pairs, [said])
    yield


def address(r: Release, w: World, land: Land):
    """The ministry's postal address, as a contact line."""
    ministry = w.ministry(land)
    rng = w.rng("address", land.slug)
    street, code = f"{rng.choice(STREETS)} {rng.randint(1, 40)}", f"{rng.randint(10000, 99999)}"
    node = f"address:{local(ministry)}"
    r.paragraph()
    said = r.say(f"Geschäftsstelle: {w.label_of(ministry)}, {street}, {code} {land.capital}.")
    r.add(ministry, [("schema:address", node)])
    pairs = [
        ("schema:streetAddress", plain(street)),
        ("schema:postalCode", plain(code)),
        ("schema:addressLocality", plain(land.capital)),
    ]
    r.fact(node, ["ig:Address"], pairs, [said])
    yield


def predecessor(r: Release, w: World, term: Term):
    """The previous minister: since when, and until the stated last day (end = the day after)."""
    land, previous = term.land, w.term(term.land, term.index - 1)
    person = w.office_holder(previous, "minister")
    node = office_holding(w.post(land, "minister"), previous.begins, person)
    end = r.instant(
        f"{local(node)}-end",
        term.begins,
        method="day-after-stated-last-day",
        note="Amtsende am Tag nach dem genannten letzten Amtstag",
    )
    begin = r.instant(f"{local(node)}-begin", previous.begins)
    last_day = term.begins - timedelta(days=1)
    said = r.say(
        f"{w.title(person, land, 'minister')} {person.full_name} hatte das Amt seit dem "
        f"{prose.day_phrase(previous.begins)} inne und war bis zum {prose.day_phrase(last_day)} im Amt."
    )
    holding(r, node, office_pairs(w, land, "minister", person), r.interval(local(node), begin, end), [said])
    yield


def minister(r: Release, w: World, term: Term, *, with_predecessor: bool = False):
    """Who leads the ministry since the start of the legislature."""
    land = term.land
    person = w.office_holder(term, "minister")
    title = w.title(person, land, "minister")
    node = office_holding(w.post(land, "minister"), term.begins, person)
    begin = r.instant(f"{local(node)}-begin", term.begins)
    said = r.say(
        f"Seit dem {prose.day_phrase(term.begins)} ist {title} {person.full_name} im Amt "
        f"({w.label_of(w.ministry(land))})."
    )
    succeeds = []
    if with_predecessor:
        earlier = w.office_holder(w.term(land, term.index - 1), "minister")
        succeeds = [
            (
                "ig:succeeds",
                office_holding(w.post(land, "minister"), w.term(land, term.index - 1).begins, earlier),
            )
        ]
    pairs = [*office_pairs(w, land, "minister", person), *succeeds]
    holding(r, node, pairs, r.interval(local(node), begin, None), [said])
    r.quote(f"{title} {person.family}")
    yield


def secretary(r: Release, w: World, term: Term):
    """The state secretary; the day is given without a year when the release is of the same year."""
    land = term.land
    person = w.office_holder(term, "state-secretary")
    start = term.begins + timedelta(days=w.rng("secretary", land.slug, term.index).randint(5, 40))
    node = office_holding(w.post(land, "state-secretary"), start, person)
    if start.year == r.head.issued.year:
        when = r.instant(
            f"{local(node)}-begin",
            start,
            method="from-release-date",
            note="Jahr aus dem Datum der Pressemitteilung",
        )
        phrase = prose.day_month_phrase(start)
    else:
        when, phrase = r.instant(f"{local(node)}-begin", start), prose.day_phrase(start)
    said = r.say(
        f"Als {w.title(person, land, 'state-secretary')} amtiert seit dem {phrase} {person.full_name}."
    )
    holding(
        r, node, office_pairs(w, land, "state-secretary", person), r.interval(local(node), when, None), [said]
    )
    yield


def plenipotentiary(r: Release, w: World, term: Term):
    """The plenipotentiary for integration, appointed in a stated month."""
    land = term.land
    person = w.office_holder(term, "plenipotentiary")
    offset = w.rng("plenipotentiary", land.slug, term.index).randint(32, 90)
    month = (term.begins.replace(day=1) + timedelta(days=offset)).replace(day=1)
    node = office_holding(w.post(land, "plenipotentiary"), month, person)
    when = r.instant(f"{local(node)}-begin", month, precision="month")
    said = r.say(
        f"Im {prose.month_phrase(month)} wurde {person.full_name} als "
        f"{w.title(person, land, 'plenipotentiary')} für Integration berufen."
    )
    holding(
        r, node, office_pairs(w, land, "plenipotentiary", person), r.interval(local(node), when, None), [said]
    )
    yield


def reconstitution_day(w: World, term: Term) -> tuple[str, date]:
    """The conference body of a legislature and the day it was re-constituted."""
    body = w.active_conferences(term.land, term.begins.year)[0]
    return body, term.begins + timedelta(days=w.rng("reconstitution", body, term.index).randint(40, 120))


def reconstitution(r: Release, w: World, term: Term):
    """The body re-constituted for the legislature, its members, and its constituent session."""
    land = term.land
    body, day = reconstitution_day(w, term)
    when = r.instant(f"{local(body)}-{day.isoformat()}", day)
    said = r.say(
        f"Am {prose.day_phrase(day)} hat sich das Gremium {w.label_of(body)} für die neue "
        "Legislaturperiode konstituiert."
    )
    rng = w.rng("members", body, term.index)
    count, sectors = 10 * rng.randint(3, 12), rng.sample(SECTORS, 3)
    members = r.say(
        f"Ihm gehören rund {count} Mitglieder aus {sectors[0]}, {sectors[1]} und {sectors[2]} an."
    )
    pairs = [
        ("org:resultingOrganization", body),
        ("time:hasTime", when),
        ("ig:approximateMembers", str(count)),
        *(("ig:memberSector", lang(sector)) for sector in sectors),
    ]
    r.fact(f"event:{local(body)}-reconstitution-{day.year}", ["ig:Reconstitution"], pairs, [said, members])
    yield
    chair = w.office_holder(w.term_at(land, day), "minister")
    chaired = r.say(
        f"Die konstituierende Sitzung leitete {w.title(chair, land, 'minister')} {chair.full_name}."
    )
    node = f"meeting:{local(body)}-{day.year}-constituent-session"
    pairs = [
        ("ig:meetingOf", body),
        ("ig:meetingType", "igc:constituent-session"),
        ("ig:status", "igc:held"),
        ("time:hasTime", r.interval(local(node), when, when)),
        ("ig:chairedBy", chair.iri),
        ("schema:location", w.place(land.capital)),
    ]
    r.fact(node, ["ig:Meeting"], pairs, [said, chaired])
    yield


def latest_plan(w: World, land: Land, day: date) -> tuple[int, date] | None:
    """The plan version in force on `day` and the month it was adopted."""
    adopted = [year for year in w.plan_years(land) if year <= day.year]
    for version in range(len(adopted), 0, -1):
        month = date(adopted[version - 1], w.rng("plan-month", land.slug, version).randint(1, 11), 1)
        if month + timedelta(days=35) <= day:
            return version, month
    return None


def plan_adoption(r: Release, w: World, land: Land, version: int, month: date):
    """A plan version adopted by the government, drafted with the conference, with its action fields."""
    plan, government = w.plan(land, version), w.body(land, "government")
    when = r.instant(f"{local(plan)}-adoption", month, precision="month")
    said = r.say(
        f"Die {w.label_of(government)} hat den {w.label_of(plan)} im {prose.month_phrase(month)} beschlossen."
    )
    pairs = [("ig:adoptedPlan", plan), ("ig:adoptedBy", government), ("time:hasTime", when)]
    r.fact(f"event:{local(plan)}-adoption", ["ig:PlanAdoption"], pairs, [said])
    fields = w.plan_topics(land, version)
    new = fields[len(w.plan_topics(land, version - 1)) :] if version > 1 else []
    drafted = w.active_conferences(land, month.year)[0]
    r.tell(
        f"Der Plan wurde gemeinsam mit dem Gremium {w.label_of(drafted)} erarbeitet und umfasst "
        f"{len(fields)} Handlungsfelder."
    )
    r.add(
        plan,
        [
            ("ig:draftedWith", drafted),
            *(("ig:actionField", field) for field in fields),
            *(("ig:newActionField", field) for field in new),
        ],
    )
    yield


def plan_in_force(r: Release, w: World, land: Land):
    found = latest_plan(w, land, r.head.issued)
    if found:
        r.paragraph()
        yield from plan_adoption(r, w, land, *found)


def current_conference(r: Release, w: World, land: Land):
    """The re-constitution of the conference body for the legislature in force, once it happened."""
    term = w.term_at(land, r.head.issued)
    if reconstitution_day(w, term)[1] >= r.head.issued:
        term = w.term(land, term.index - 1)
    r.paragraph()
    yield from reconstitution(r, w, term)


def first_session(r: Release, w: World, land: Land, year: int):
    body = w.active_conferences(land, year)[0]
    if session_day(w, body, year, 1) < r.head.issued:
        r.paragraph()
        session(r, w, land, body, year=year, number=1)
        yield


def offices_now(
    r: Release, w: World, land: Land, *, with_minister: bool = True, with_plenipotentiary: bool = True
):
    """A new paragraph: who holds the Land's offices on the release's day."""
    r.paragraph()
    term = w.term_at(land, r.head.issued)
    if with_minister:
        yield from minister(r, w, term)
    yield from secretary(r, w, term)
    if with_plenipotentiary:
        yield from plenipotentiary(r, w, term)


def ministry_head(w: World, land: Land, issued: date, title: str) -> Head:
    """The head of a release the Land's ministry issues from its capital."""
    return Head(issued, land.capital, w.ministry(land), title)
