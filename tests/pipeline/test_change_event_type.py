"""The change-event-type rule: each source's most specific change-event types of an event, with provenance.

The rule runs as the build runs it (`rules.run_rules`, which also fails a rule that mints a node without
its `prov:wasGeneratedBy`) over the real ontology and invented source graphs.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from integrationsgraph.namespaces import INFERRED_GRAPH, ONTOLOGY_GRAPH, sparql_prologue
from integrationsgraph.paths import ONTOLOGY_DIR, PROJECT_ROOT
from integrationsgraph.pipeline import rules

# Two invented sources on one event: one calls it a re-constitution (and, redundantly, a constitution and a
# change event), the other a constitution and a merger. A third event is only a change event; a meeting
# is no change event at all.
SOURCES = """
gsrc:erste {
    source:erste a ig:Source .
    event:musterrat-neu a ig:Reconstitution , ig:Constitution , ig:ChangeEvent ;
        prov:wasDerivedFrom source:erste .
    event:musterrat-umzug a ig:ChangeEvent ; prov:wasDerivedFrom source:erste .
    meeting:musterrat-sitzung a ig:Meeting ; prov:wasDerivedFrom source:erste .
}
gsrc:zweite {
    source:zweite a ig:Source .
    event:musterrat-neu a ig:Constitution , ig:Merger ; prov:wasDerivedFrom source:zweite .
}
"""

TYPINGS = (
    sparql_prologue()
    + """
SELECT ?typing ?event ?source ?type ?rule ?derivedFrom WHERE {
    ?typing a ig:ChangeEventTyping ; ig:typedEvent ?event ; ig:typingSource ?source ;
        ig:mostSpecificType ?type ; prov:wasGeneratedBy ?rule ; prov:wasDerivedFrom ?derivedFrom .
}"""
)


@pytest.fixture(scope="module")
def derived() -> ox.Store:
    """A store with the ontology and the sources, and the rule's triples added to graph:inferred."""
    store = ox.Store()
    store.load(
        path=str(ONTOLOGY_DIR / "integrationsgraph.ttl"),
        format=ox.RdfFormat.TURTLE,
        to_graph=ox.NamedNode(str(ONTOLOGY_GRAPH)),
    )
    store.load(sparql_prologue() + SOURCES, format=ox.RdfFormat.TRIG)
    (rule,) = rules.load_rules((PROJECT_ROOT / "rules" / "change-event-type.rq",))
    triples = rules.run_rules(store, [rule])["change-event-type"]
    inferred = ox.NamedNode(str(INFERRED_GRAPH))
    store.extend(ox.Quad(s, p, o, inferred) for s, p, o in triples)
    return store


def _typings(store: ox.Store) -> dict[tuple[str, str], dict[str, set[str]]]:
    """(event, source) -> {"typing", "type", "rule", "derivedFrom"}: the values of each, by local name."""
    found: dict[tuple[str, str], dict[str, set[str]]] = {}
    for row in store.query(TYPINGS, use_default_graph_as_union=True):
        key = (row["event"].value.rsplit("/", 1)[1], row["source"].value.rsplit("/", 1)[1])
        values = found.setdefault(key, {"typing": set(), "type": set(), "rule": set(), "derivedFrom": set()})
        for name in values:
            values[name].add(row[name].value.rsplit("/", 1)[1].rsplit("#", 1)[-1])
    return found


def test_each_source_gives_its_own_most_specific_types(derived):
    typings = _typings(derived)
    assert {key: values["type"] for key, values in typings.items()} == {
        ("musterrat-neu", "erste"): {"Reconstitution"},
        ("musterrat-neu", "zweite"): {"Constitution", "Merger"},
        ("musterrat-umzug", "erste"): {"ChangeEvent"},
    }


def test_a_typing_names_its_rule_and_what_it_rests_on(derived):
    typings = _typings(derived)
    for (event, source), values in typings.items():
        assert values["rule"] == {"change-event-type"}
        assert values["derivedFrom"] == {event, source}
        (typing,) = values["typing"]
        assert typing.startswith("derived-type-")
    assert len({next(iter(values["typing"])) for values in typings.values()}) == 3  # one node per pair


def test_typings_live_in_the_inferred_graph_only(derived):
    ask = (
        sparql_prologue() + "ASK { GRAPH ?g { ?typing a ig:ChangeEventTyping } FILTER(?g != graph:inferred) }"
    )
    assert not derived.query(ask)
    assert derived.query(
        sparql_prologue() + "ASK { GRAPH graph:inferred { ?typing a ig:ChangeEventTyping } }"
    )
