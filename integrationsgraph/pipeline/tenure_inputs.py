"""What tenure resolution needs, read from the build's store with a few flat SELECTs and joined here.

Each query matches triples of one graph at a time (`GRAPH ?g`) or of the registry: in the union default
graph, a holding that k sources restate would join k × k times with itself, so the joins between facts
(a person's offices, the meetings a holder chaired) are made in Python over the holdings instead.
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date

import pyoxigraph as ox

from integrationsgraph.errors import InputError
from integrationsgraph.namespaces import sparql_prologue
from integrationsgraph.pipeline.tenures import (
    Attestation,
    Bound,
    HoldingFacts,
    PostFacts,
    StatedInstant,
    Term,
)

PROLOGUE = sparql_prologue()

HOLDINGS = """SELECT DISTINCT ?holding ?post ?member WHERE {
  GRAPH ?g { ?holding ig:post ?post ; org:member ?member }
}"""

# Posts (and units) as the registry describes them; `single`: held by one holder at a time.
POSTS = """SELECT DISTINCT ?post ?in ?role ?single WHERE {
  ?post a ig:Post ; org:postIn ?in .
  OPTIONAL { ?post org:role ?role }
  OPTIONAL { ?post a ig:SingleHolderPost BIND(true AS ?single) }
}"""

UNITS = """SELECT DISTINCT ?unit ?land WHERE { ?unit org:unitOf ?land }"""

# One row per source graph, side and instant; the holding's spans in that graph back the instant.
INSTANTS = """SELECT ?holding ?g ?side ?instant ?earliest ?latest WHERE {
  GRAPH ?g {
    ?holding org:memberDuring ?interval .
    { ?interval time:hasBeginning ?instant BIND("beginning" AS ?side) }
    UNION { ?interval time:hasEnd ?instant BIND("end" AS ?side) }
    ?instant ig:earliest ?earliest ; ig:latest ?latest .
  }
}"""

# Days a source shows a holding held (ig:heldOn), read apart: a third branch in INSTANTS' UNION made it
# half again as slow at 1M triples.
HELD_ON = """SELECT ?holding ?g ?instant ?earliest ?latest WHERE {
  GRAPH ?g { ?holding ig:heldOn ?instant . ?instant ig:earliest ?earliest ; ig:latest ?latest . }
}"""

HOLDING_EVIDENCE = """SELECT DISTINCT ?holding ?g ?evidence WHERE {
  GRAPH ?g { ?holding ig:post ?post ; ig:evidence ?evidence }
}"""

LINKS = """SELECT DISTINCT ?holding ?exercised ?predecessor WHERE {
  { ?holding ig:exercises ?exercised }
  UNION { ?holding ig:succeeds ?predecessor }
  UNION { ?predecessor ig:precedes ?holding }
}"""

SET_UP = """SELECT DISTINCT ?body ?event ?earliest ?evidence WHERE {
  GRAPH ?g {
    ?event a ig:Establishment ; org:resultingOrganization ?body ; time:hasTime ?instant .
    ?instant ig:earliest ?earliest .
    OPTIONAL { ?event ig:evidence ?evidence }
  }
}"""

TERMS = """SELECT DISTINCT ?post ?term ?evidence WHERE {
  GRAPH ?g { ?post ig:termLength ?term . OPTIONAL { ?post ig:evidence ?evidence } }
}"""

# Dated meetings and who chaired them, in the graph that names the chair, reported held (in a room or as a
# video conference) by some source.
CHAIRED = """SELECT DISTINCT ?meeting ?body ?chair ?first ?last ?evidence WHERE {
  GRAPH ?g {
    ?meeting ig:chairedBy ?chair ; ig:meetingOf ?body ; time:hasTime ?interval .
    ?interval time:hasBeginning/ig:latest ?first ; time:hasEnd/ig:earliest ?last .
    OPTIONAL { ?meeting ig:evidence ?evidence }
  }
  FILTER EXISTS { ?meeting ig:status ?held . VALUES ?held { igc:held igc:held-online } }
}"""

DURATION = re.compile(r"^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?$")


def _rows(store: ox.Store, text: str):
    names = re.findall(r"\?(\w+)", text.split("WHERE", 1)[0])
    for row in store.query(PROLOGUE + text, use_default_graph_as_union=True):
        yield {name: (row[name].value if row[name] is not None else None) for name in names}


def _day(value: str) -> date:
    return date.fromisoformat(value[:10])


def _term(post: str, values: dict[str, set[str]]) -> Term:
    """The longest term the sources state (the loosest upper bound), resting on every statement of it."""
    parsed = {}
    for value in values:
        match = DURATION.match(value)
        if not match or not any(match.groups()):
            raise InputError(f"{post}: ig:termLength {value!r} is not a duration of years, months and days")
        parsed[value] = tuple(int(x or 0) for x in match.groups())
    longest = max(parsed, key=lambda v: (parsed[v][0] * 12 + parsed[v][1]) * 31 + parsed[v][2])
    return Term(*parsed[longest], frozenset({post}), frozenset(values[longest]))


def _read_posts(store: ox.Store, used: set[str]) -> tuple[dict[str, PostFacts], dict[str, set[str]], set]:
    """The posts holdings hold, what each is in, and the chair posts as (post, body) pairs."""
    posts = {iri: PostFacts(iri) for iri in used}
    within: dict[str, set[str]] = defaultdict(set)
    chairs = set()
    for row in _rows(store, POSTS):
        if row["post"] not in posts:
            continue
        within[row["post"]].add(row["in"])
        posts[row["post"]].single |= bool(row["single"])
        if row["role"] == "https://w3id.org/integrationsgraph/def/concept/chair":
            chairs.add((row["post"], row["in"]))

    set_up: dict[str, dict[date, tuple[set, set]]] = defaultdict(lambda: defaultdict(lambda: (set(), set())))
    for row in _rows(store, SET_UP):
        events, evidence = set_up[row["body"]][_day(row["earliest"])]
        events.add(row["event"])
        if row["evidence"]:
            evidence.add(row["evidence"])
    for post in posts.values():
        days = [day for body in within[post.iri] for day in set_up.get(body, {})]
        if days:
            first = min(days)
            events = {e for body in within[post.iri] for e in set_up.get(body, {}).get(first, ((), ()))[0]}
            spans = {e for body in within[post.iri] for e in set_up.get(body, {}).get(first, ((), ()))[1]}
            post.set_up = Bound(first, "tenure-body-existence", frozenset(events), frozenset(spans))

    terms: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for row in _rows(store, TERMS):
        evidence = terms[row["post"]][row["term"]]
        if row["evidence"]:
            evidence.add(row["evidence"])
    for post, values in terms.items():
        if post in posts:
            posts[post].term = _term(post, values)
    return posts, within, chairs


def _link_offices(holdings: dict[str, HoldingFacts], within: dict[str, set[str]], units: dict) -> None:
    """An exerciser's own offices: the person's other holdings of posts of the exercised Land or of its
    ministries."""
    by_member: dict[str, list[HoldingFacts]] = defaultdict(list)
    for facts in holdings.values():
        by_member[facts.member].append(facts)
    for facts in holdings.values():
        exercised = holdings.get(facts.exercises) if facts.exercises else None
        if exercised is None:
            continue
        land = exercised.member
        for other in by_member[facts.member]:
            if other.iri == facts.iri or other.post == facts.post:
                continue
            places = within[other.post]
            if land in places or any(land in units.get(place, ()) for place in places):
                facts.offices.add(other.iri)


def _link_meetings(store: ox.Store, holdings: dict[str, HoldingFacts], chairs: set) -> None:
    """The dated meetings each chair holding's holder chaired (a meeting of the post's body)."""
    by_chair: dict[tuple, list[HoldingFacts]] = defaultdict(list)
    bodies = dict(chairs)
    for facts in holdings.values():
        if facts.post in bodies:
            by_chair[(facts.member, bodies[facts.post])].append(facts)
    seen: dict[tuple, set[str]] = defaultdict(set)
    for row in _rows(store, CHAIRED):
        for facts in by_chair.get((row["chair"], row["body"]), ()):
            key = (facts.iri, row["meeting"], _day(row["first"]), _day(row["last"]))
            spans = seen[key]
            if row["evidence"]:
                spans.add(row["evidence"])
    for (holding, meeting, first, last), spans in sorted(seen.items()):
        holdings[holding].chaired.append(Attestation(meeting, first, last, frozenset(spans)))


def read_tenure_inputs(store: ox.Store) -> tuple[list[HoldingFacts], dict[str, PostFacts]]:
    holdings: dict[str, HoldingFacts] = {}
    for row in _rows(store, HOLDINGS):
        holdings.setdefault(row["holding"], HoldingFacts(row["holding"], row["post"], row["member"]))
    posts, within, chairs = _read_posts(store, {h.post for h in holdings.values()})

    spans: dict[tuple, set[str]] = defaultdict(set)
    for row in _rows(store, HOLDING_EVIDENCE):
        spans[(row["holding"], row["g"])].add(row["evidence"])

    def stated(row) -> StatedInstant:
        spans_here = frozenset(spans[(row["holding"], row["g"])])
        return StatedInstant(row["instant"], _day(row["earliest"]), _day(row["latest"]), spans_here)

    for row in _rows(store, INSTANTS):
        if facts := holdings.get(row["holding"]):
            (facts.beginnings if row["side"] == "beginning" else facts.ends).append(stated(row))
    for row in _rows(store, HELD_ON):
        if facts := holdings.get(row["holding"]):
            facts.held_on.append(stated(row))

    for row in _rows(store, LINKS):
        facts = holdings.get(row["holding"])
        if facts is None:
            continue
        if row["exercised"]:
            facts.exercises = row["exercised"]
        if row["predecessor"]:
            facts.predecessors.add(row["predecessor"])
    units: dict[str, set[str]] = defaultdict(set)
    for row in _rows(store, UNITS):
        units[row["unit"]].add(row["land"])
    _link_offices(holdings, within, units)
    _link_meetings(store, holdings, chairs)

    ordered = [holdings[iri] for iri in sorted(holdings)]
    for facts in ordered:
        for instants in (facts.beginnings, facts.ends, facts.held_on):
            instants.sort(key=lambda s: (s.instant, s.earliest, s.latest))
    return ordered, posts
