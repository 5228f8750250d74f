"""Releases about the Integrationsministerkonferenz: the yearly chair hand-over and the main conference."""

from __future__ import annotations

from datetime import date, timedelta

from bench.synthetic import prose, sections
from bench.synthetic.facts import (
    Story,
    chair_holding,
    chair_pairs,
    holding,
    meeting_pairs,
    person_chair_holding,
    topics,
)
from bench.synthetic.names import MOTTO_WORDS
from bench.synthetic.release import Head, Release
from bench.synthetic.turtle import lang, positive, typed
from bench.synthetic.world import FIRST_YEAR, Land, Person, World


def conference_iri(year: int, kind: str = "main-conference") -> str:
    return f"meeting:intmk-{year - FIRST_YEAR + 1:02d}-{kind}"


def main_conference_days(r: Release, year: int, first: date, last: date) -> str:
    """The interval of a year's main conference, from its first to its last day."""
    days = (r.instant(day.isoformat(), day) for day in (first, last))
    return r.interval(f"intmk-{year}-main-conference", *days)


def main_conference_pairs(
    w: World, year: int, status: str, days: str, *, land: Land, minister: Person, city: str
) -> list[tuple[str, str]]:
    """What every release says of a main conference: its days, number, host, chair and place."""
    return [
        *meeting_pairs("body:intmk", "main-conference", status, days),
        ("ig:ordinal", positive(year - FIRST_YEAR + 1)),
        ("ig:hostedBy", land.iri),
        ("ig:chairedBy", minister.iri),
        ("schema:location", w.place(city)),
    ]


def motto(w: World, year: int) -> str:
    first, second = w.rng("motto", year).sample(MOTTO_WORDS, 2)
    return f"{first[0]} {first[1]} – {second[0]} {second[1]}"


def chair_handover(w: World, year: int) -> Story:
    """Issued in December: the incoming Land takes the chair on 1 January and announces its conference."""
    land = w.chair_land(year)
    previous = w.chair_land(year - 1) if year > FIRST_YEAR else None
    issued = date(year - 1, 12, w.rng("handover-release", year).randint(2, 28))
    head = sections.ministry_head(
        w, land, issued, f"{land.name} übernimmt den Vorsitz der Integrationsministerkonferenz"
    )

    def body(r: Release):
        day = date(year, 1, 1)
        handover = r.instant(day.isoformat(), day)
        tenure = r.interval(f"intmk-chair-{year}", handover, None)
        minister = w.office_holder(w.term_at(land, day), "minister")
        title = w.title(minister, land, "minister")
        if previous:
            before = date(year - 1, 1, 1)
            earlier = r.interval(f"intmk-chair-{year - 1}", r.instant(before.isoformat(), before), handover)
            passed = r.say(
                f"Zum {prose.day_phrase(day)} übergibt {previous.name} den Vorsitz der "
                f"Integrationsministerkonferenz an {land.name}."
            )
            since = r.say(f"{previous.name} hatte den Vorsitz am {prose.day_phrase(before)} übernommen.")
            holding(r, chair_holding(year - 1, previous), chair_pairs(previous.iri), earlier, [passed, since])
            yield
            succeeds = [("ig:succeeds", chair_holding(year - 1, previous))]
        else:
            passed = r.say(
                f"Zum {prose.day_phrase(day)} übernimmt {land.name} den Vorsitz der "
                "Integrationsministerkonferenz."
            )
            succeeds = []
        holding(r, chair_holding(year, land), [*chair_pairs(land.iri), *succeeds], tenure, [passed])
        rotation = r.say("Der Vorsitz wechselt jeweils zum 1. Januar des Jahres.")
        r.add(
            "post:intmk-chair",
            [("ig:termLength", typed("P1Y", "duration")), ("ig:evidence", r.evidence(rotation))],
        )
        r.fill(2)
        yield
        leads = r.say(f"Den Vorsitz führt {title} {minister.full_name}.")
        exercised = [("ig:onBehalfOf", land.iri), ("ig:exercises", chair_holding(year, land))]
        holding(
            r,
            person_chair_holding(year, land, minister),
            [*chair_pairs(minister.iri), *exercised],
            tenure,
            [leads],
        )
        r.quote(f"{title} {minister.family}")
        yield
        if previous:
            before = date(year - 1, 1, 1)
            predecessor = w.office_holder(w.term_at(previous, before), "minister")
            thanked = r.say(
                f"{w.title(predecessor, previous, 'minister')} {predecessor.full_name} hatte die "
                f"Konferenz im zurückliegenden Jahr für {previous.name} geleitet."
            )
            pairs = [
                *chair_pairs(predecessor.iri),
                ("ig:onBehalfOf", previous.iri),
                ("ig:exercises", chair_holding(year - 1, previous)),
            ]
            holding(r, person_chair_holding(year - 1, previous, predecessor), pairs, earlier, [thanked])
            yield
        r.paragraph()
        first, last = w.conference_days(year)
        city = w.conference_city(year)
        days = main_conference_days(r, year, first, last)
        planned = r.say(
            f"Die {year - FIRST_YEAR + 1}. Integrationsministerkonferenz ist für den {first.day}. und "
            f"{prose.day_phrase(last)} in {city} geplant."
        )
        slogan = motto(w, year)
        motto_span = r.say(f"Sie steht unter dem Motto „{slogan}“.")
        themes = topics(w, ("intmk", year), 2)
        about = r.say(f"Schwerpunkte sollen {themes[0][1]} und {themes[1][1]} sein.")
        pairs = [
            *main_conference_pairs(w, year, "announced", days, land=land, minister=minister, city=city),
            ("ig:motto", lang(slogan)),
            ("ig:topic", themes[0][0]),
            ("ig:topic", themes[1][0]),
        ]
        r.fact(conference_iri(year), ["ig:Meeting"], pairs, [planned, motto_span, about])
        yield
        eve = first - timedelta(days=1)
        pre = r.say("Am Vortag treffen sich die Staatssekretärinnen und Staatssekretäre zur Vorkonferenz.")
        when = r.instant(
            f"{eve.isoformat()}-eve", eve, method="from-context", note="Vortag der Hauptkonferenz laut Text"
        )
        pairs = [
            *meeting_pairs(
                "body:intmk",
                "pre-conference",
                "announced",
                r.interval(f"intmk-{year}-pre-conference", when, when),
            ),
            ("schema:location", w.place(city)),
        ]
        r.fact(conference_iri(year, "pre-conference"), ["ig:Meeting"], pairs, [pre])
        yield
        r.paragraph()
        yield from sections.plan_in_force(r, w, land)
        yield from sections.current_conference(r, w, land)

    return head, body


def conference_report(w: World, year: int) -> Story:
    """Issued the day after the main conference: where it was held, and who takes the chair next."""
    land, following = w.chair_land(year), w.chair_land(year + 1)
    first, last = w.conference_days(year)
    announced = w.conference_city(year)
    moved = w.rng("intmk-moved", year).random() < 0.1 and len(land.cities) > 0
    city = w.rng("intmk-moved-to", year).choice(land.cities) if moved else announced
    head = Head(
        last + timedelta(days=1),
        city,
        w.ministry(land),
        f"{year - FIRST_YEAR + 1}. Integrationsministerkonferenz in {city} beendet",
    )

    def body(r: Release):
        minister = w.office_holder(w.term_at(land, first), "minister")
        title = w.title(minister, land, "minister")
        days = main_conference_days(r, year, first, last)
        met = r.say(
            f"Am {first.day}. und {prose.day_phrase(last)} tagte in {city} die "
            f"{year - FIRST_YEAR + 1}. Integrationsministerkonferenz unter dem Vorsitz von {land.name}."
        )
        chaired = r.say(f"Die Sitzung leitete {title} {minister.full_name}.")
        pairs = main_conference_pairs(w, year, "held", days, land=land, minister=minister, city=city)
        r.fact(conference_iri(year), ["ig:Meeting"], pairs, [met, chaired])
        r.quote(f"{title} {minister.family}")
        yield
        r.paragraph()
        begun = date(year, 1, 1)
        tenure = r.interval(f"intmk-chair-{year}", r.instant(begun.isoformat(), begun), None)
        since = r.say(f"{land.name} hat den Vorsitz seit dem {prose.day_phrase(begun)} inne.")
        holding(r, chair_holding(year, land), chair_pairs(land.iri), tenure, [since])
        pairs = [
            *chair_pairs(minister.iri),
            ("ig:onBehalfOf", land.iri),
            ("ig:exercises", chair_holding(year, land)),
        ]
        holding(r, person_chair_holding(year, land, minister), pairs, tenure, [chaired])
        yield
        day = date(year + 1, 1, 1)
        following_tenure = r.interval(f"intmk-chair-{year + 1}", r.instant(day.isoformat(), day), None)
        next_chair = r.say(f"Den Vorsitz übernimmt zum {prose.day_phrase(day)} {following.name}.")
        pairs = [*chair_pairs(following.iri), ("ig:succeeds", chair_holding(year, land))]
        holding(r, chair_holding(year + 1, following), pairs, following_tenure, [next_chair])
        r.fill(1)
        yield
        yield from sections.offices_now(r, w, land, with_minister=False)
        yield from sections.plan_in_force(r, w, land)

    return head, body
