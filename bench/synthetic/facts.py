"""Fact nodes the stories share: holdings of offices and meetings, with their IRIs and tenures."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date

from bench.synthetic import prose
from bench.synthetic.release import Head, Release, Span
from bench.synthetic.turtle import positive
from bench.synthetic.world import Land, Person, World, slug

# A story is the release's head and a generator that writes it one fact at a time (a fact per `yield`),
# so the generator can stop after any fact when the size budget runs out.
StoryBody = Callable[[Release], Iterator[None]]
Story = tuple[Head, StoryBody]


def local(iri: str) -> str:
    return iri.split(":", 1)[1]


def chair_holding(year: int, land: Land) -> str:
    return f"holding:intmk-chair-{year}-{land.slug}"


def person_chair_holding(year: int, land: Land, person: Person) -> str:
    return f"holding:intmk-chair-{year}-{land.slug}-{local(person.iri)}"


def office_holding(post: str, begins: date, person: Person) -> str:
    return f"holding:{local(post)}-{begins.year}-{local(person.iri)}"


def holding(r: Release, node: str, pairs: list[tuple[str, str]], tenure: str, spans: list[Span]) -> str:
    return r.fact(node, ["ig:Holding"], [*pairs, ("org:memberDuring", tenure)], spans)


def chair_pairs(member: str) -> list[tuple[str, str]]:
    return [
        ("ig:post", "post:intmk-chair"),
        ("org:member", member),
        ("org:organization", "body:intmk"),
        ("org:role", "igc:chair"),
    ]


def office_pairs(w: World, land: Land, role: str, person: Person) -> list[tuple[str, str]]:
    post = w.post(land, role)
    within = land.iri if role == "plenipotentiary" else w.ministry(land)
    return [
        ("ig:post", post),
        ("org:member", person.iri),
        ("org:organization", within),
        ("org:role", w.role_concept(land, role)),
    ]


def session_day(w: World, body: str, year: int, number: int) -> date:
    rng = w.rng("session-day", body, year, number)
    return date(year, min(12, 3 * (number - 1) + rng.randint(1, 3)), rng.randint(1, 28))


def session_iri(body: str, year: int, number: int) -> str:
    return f"meeting:{local(body)}-{year}-{number}-session"


def meeting_pairs(body: str, kind: str, status: str, when: str) -> list[tuple[str, str]]:
    return [
        ("ig:meetingOf", body),
        ("ig:meetingType", f"igc:{kind}"),
        ("ig:status", f"igc:{status}"),
        ("time:hasTime", when),
    ]


def topics(w: World, key: tuple, count: int) -> list[tuple[str, str]]:
    """`count` distinct topics chosen by key: (IRI, German label) pairs."""
    chosen = w.rng("topics", *key).sample(
        sorted(t for t in w.registry.defined if t.startswith("topic:")), count
    )
    return [(topic, w.label_of(topic)) for topic in chosen]


def session(r: Release, w: World, land: Land, body: str, *, year: int, number: int) -> str:
    """A numbered session of a Land's body: held if before the release, else announced."""
    day = session_day(w, body, year, number)
    minister = w.office_holder(w.term_at(land, day), "minister")
    city = w.rng("session-city", body, year, number).choice((land.capital, *land.cities))
    status = "held" if day < r.head.issued else "announced"
    node = session_iri(body, year, number)
    if status == "held" and day.year == r.head.issued.year and r.rng.random() < 0.4:
        when = r.instant(
            f"{slug(local(node))}-day",
            day,
            method="from-weekday",
            note=f"Jahr aus dem Wochentag ({prose.weekday(day)}) erschlossen",
        )
        phrase = f"am {prose.weekday(day)}, {prose.day_month_phrase(day)}"
    else:
        when = r.instant(f"{slug(local(node))}-day", day)
        phrase = f"am {prose.weekday(day)}, {prose.day_phrase(day)}"
    verb = "kam" if status == "held" else "kommt"
    said = r.say(
        f"{phrase[0].upper()}{phrase[1:]} {verb} das Gremium {w.label_of(body)} in {city} zu seiner "
        f"{number}. Sitzung des Jahres {year} zusammen."
    )
    title = w.title(minister, land, "minister")
    chaired = r.say(f"Den Vorsitz {'führte' if status == 'held' else 'führt'} {title} {minister.full_name}.")
    interval = r.interval(f"{local(node)}", when, when)
    themes = topics(w, (body, year, number), 4)
    about = r.say(
        f"Auf der Tagesordnung {'standen' if status == 'held' else 'stehen'} die Themen "
        f"{themes[0][1]} und {themes[1][1]}."
    )
    groups = r.say(
        f"In den Arbeitsgruppen ging es um {themes[2][1]} sowie um {themes[3][1]}."
        if status == "held"
        else f"Arbeitsgruppen zu {themes[2][1]} und {themes[3][1]} sind geplant."
    )
    pairs = [
        *meeting_pairs(body, "session", status, interval),
        ("ig:ordinal", positive(number)),
        ("ig:chairedBy", minister.iri),
        ("schema:location", w.place(city)),
        ("ig:topic", themes[0][0]),
        ("ig:topic", themes[1][0]),
        ("ig:workingGroupTopic", themes[2][0]),
        ("ig:workingGroupTopic", themes[3][0]),
    ]
    return r.fact(node, ["ig:Meeting"], pairs, [said, chaired, about, groups])
