"""What tenure resolution needs, read from the build's store with a few SELECTs (each starts from the
holdings, so the cost follows the number of holdings, not the store's size)."""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date

import pyoxigraph as ox

from integrationsgraph.errors import InputError
from integrationsgraph.pipeline.tenures import (
    Attestation,
    Bound,
    HoldingFacts,
    PostFacts,
    StatedInstant,
    Term,
)

PROLOGUE = """PREFIX ig: <https://w3id.org/integrationsgraph/def#>
PREFIX igc: <https://w3id.org/integrationsgraph/def/concept/>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX time: <http://www.w3.org/2006/time#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""

HOLDINGS = """SELECT ?holding ?post ?member ?single WHERE {
  ?holding ig:post ?post ; org:member ?member .
  OPTIONAL { ?post a ig:SingleHolderPost BIND(true AS ?single) }
}"""

# One row per source graph, side and instant; the holding's spans in that graph back the instant.
INSTANTS = """SELECT ?holding ?g ?side ?instant ?earliest ?latest WHERE {
  GRAPH ?g {
    ?holding ig:post ?post ; org:memberDuring ?interval .
    { ?interval time:hasBeginning ?instant BIND("beginning" AS ?side) }
    UNION { ?interval time:hasEnd ?instant BIND("end" AS ?side) }
    ?instant ig:earliest ?earliest ; ig:latest ?latest .
  }
}"""

HOLDING_EVIDENCE = """SELECT ?holding ?g ?evidence WHERE {
  GRAPH ?g { ?holding ig:post ?post ; ig:evidence ?evidence }
}"""

LINKS = """SELECT ?holding ?exercised ?predecessor WHERE {
  ?holding ig:post ?post .
  { ?holding ig:exercises ?exercised }
  UNION { ?holding ig:succeeds ?predecessor }
  UNION { ?predecessor ig:precedes ?holding }
}"""

# The exerciser's own offices: the person's holdings of posts of the exercised Land (its ministries').
OFFICES = """SELECT ?holding ?office WHERE {
  ?holding ig:exercises ?exercised ; ig:post ?post ; org:member ?person .
  ?exercised org:member ?land .
  ?office org:member ?person ; ig:post ?officePost .
  FILTER(?office != ?holding && ?officePost != ?post)
  { ?officePost org:postIn ?land } UNION { ?officePost org:postIn ?unit . ?unit org:unitOf ?land }
}"""

SET_UP = """SELECT ?post ?event ?earliest ?evidence WHERE {
  ?post a ig:Post ; org:postIn ?body .
  ?event a ig:Establishment .
  GRAPH ?g {
    ?event org:resultingOrganization ?body ; time:hasTime ?instant .
    ?instant ig:earliest ?earliest .
    OPTIONAL { ?event ig:evidence ?evidence }
  }
}"""

TERMS = """SELECT ?post ?g ?term ?evidence WHERE {
  GRAPH ?g { ?post ig:termLength ?term . OPTIONAL { ?post ig:evidence ?evidence } }
}"""

# Meetings a holder chaired, reported held by some source, dated in the graph that names the chair.
CHAIRED = """SELECT ?holding ?meeting ?first ?last ?evidence WHERE {
  ?holding ig:post ?post ; org:member ?member . ?post org:role igc:chair ; org:postIn ?body .
  GRAPH ?g {
    ?meeting ig:meetingOf ?body ; ig:chairedBy ?member ; time:hasTime ?interval .
    ?interval time:hasBeginning/ig:latest ?first ; time:hasEnd/ig:earliest ?last .
    OPTIONAL { ?meeting ig:evidence ?evidence }
  }
  FILTER EXISTS { ?meeting ig:status igc:held }
}"""

DURATION = re.compile(r"^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?$")


def _rows(store: ox.Store, text: str):
    for row in store.query(PROLOGUE + text, use_default_graph_as_union=True):
        yield {name: (row[name].value if row[name] is not None else None) for name in _names(text)}


def _names(text: str) -> list[str]:
    head = text.split("WHERE", 1)[0]
    return re.findall(r"\?(\w+)", head)


def _day(value: str) -> date:
    return date.fromisoformat(value[:10])


def _term(post: str, values: dict[str, set[str]]) -> Term | None:
    """The longest term the sources state (the loosest upper bound), resting on every statement of it."""
    if not values:
        return None
    parsed = {}
    for value in values:
        match = DURATION.match(value)
        if not match or not any(match.groups()):
            raise InputError(f"{post}: ig:termLength {value!r} is not a duration of years, months and days")
        years, months, days = (int(x or 0) for x in match.groups())
        parsed[value] = (years, months, days)
    longest = max(parsed, key=lambda v: (parsed[v][0] * 12 + parsed[v][1]) * 31 + parsed[v][2])
    return Term(*parsed[longest], frozenset({post}), frozenset(values[longest]))


def read_tenure_inputs(store: ox.Store) -> tuple[list[HoldingFacts], dict[str, PostFacts]]:
    holdings: dict[str, HoldingFacts] = {}
    single: set[str] = set()
    for row in _rows(store, HOLDINGS):
        holdings.setdefault(row["holding"], HoldingFacts(row["holding"], row["post"], row["member"]))
        if row["single"]:
            single.add(row["post"])
    posts = {h.post: PostFacts(h.post, single=h.post in single) for h in holdings.values()}

    spans: dict[tuple, set[str]] = defaultdict(set)
    for row in _rows(store, HOLDING_EVIDENCE):
        spans[(row["holding"], row["g"])].add(row["evidence"])
    for row in _rows(store, INSTANTS):
        stated = StatedInstant(
            row["instant"],
            _day(row["earliest"]),
            _day(row["latest"]),
            frozenset(spans[(row["holding"], row["g"])]),
        )
        facts = holdings[row["holding"]]
        (facts.beginnings if row["side"] == "beginning" else facts.ends).append(stated)

    for row in _rows(store, LINKS):
        facts = holdings[row["holding"]]
        if row["exercised"]:
            facts.exercises = row["exercised"]
        if row["predecessor"]:
            facts.predecessors.add(row["predecessor"])
    for row in _rows(store, OFFICES):
        holdings[row["holding"]].offices.add(row["office"])

    set_up: dict[str, dict[date, tuple[set, set]]] = defaultdict(lambda: defaultdict(lambda: (set(), set())))
    for row in _rows(store, SET_UP):
        events, evidence = set_up[row["post"]][_day(row["earliest"])]
        events.add(row["event"])
        if row["evidence"]:
            evidence.add(row["evidence"])
    for post, days in set_up.items():
        first = min(days)
        events, evidence = days[first]
        if post in posts:
            posts[post].set_up = Bound(first, "tenure-body-existence", frozenset(events), frozenset(evidence))

    terms: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for row in _rows(store, TERMS):
        evidence = terms[row["post"]][row["term"]]
        if row["evidence"]:
            evidence.add(row["evidence"])
    for post, values in terms.items():
        if post in posts:
            posts[post].term = _term(post, values)

    chaired: dict[tuple, set[str]] = defaultdict(set)
    for row in _rows(store, CHAIRED):
        key = (row["holding"], row["meeting"], _day(row["first"]), _day(row["last"]))
        if row["evidence"]:
            chaired[key].add(row["evidence"])
        else:
            chaired.setdefault(key, set())
    for (holding, meeting, first, last), evidence in sorted(chaired.items()):
        holdings[holding].chaired.append(Attestation(meeting, first, last, frozenset(evidence)))

    ordered = [holdings[iri] for iri in sorted(holdings)]
    for facts in ordered:
        facts.beginnings.sort(key=lambda s: s.instant)
        facts.ends.sort(key=lambda s: s.instant)
    return ordered, posts
