"""The resolved tenures as triples for graph:inferred (vocabulary: ontology/README.md, docs/tenures.md).

`interval:resolved-<holding>` per holding, `…-<bound>` per derived bound; derived holdings' IRIs
(`holding:derived-…`) give their local name the same way, so IRIs are stable between builds.
"""

from __future__ import annotations

import pyoxigraph as ox
from rdflib.namespace import PROV, RDF, XSD

from integrationsgraph.namespaces import ID, IG, IGR
from integrationsgraph.pipeline.tenures import BOUNDS, PostFacts, Resolved

HOLDING_BASE = str(ID["holding"])
INTERVAL_BASE = str(ID["interval"])
PROPERTY = {
    "earliest_beginning": IG.earliestBeginning,
    "latest_beginning": IG.latestBeginning,
    "earliest_end": IG.earliestEnd,
    "latest_end": IG.latestEnd,
}
XSD_DATE = ox.NamedNode(str(XSD.date))
TRUE = ox.Literal("true", datatype=ox.NamedNode(str(XSD.boolean)))


def _node(term) -> ox.NamedNode:
    return ox.NamedNode(str(term))


def _local(holding: str) -> str:
    if holding.startswith(HOLDING_BASE):
        return holding[len(HOLDING_BASE) :]
    return holding.rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def tenure_iri(holding: str) -> str:
    return f"{INTERVAL_BASE}resolved-{_local(holding)}"


def _date(day) -> ox.Literal:
    return ox.Literal(day.isoformat(), datatype=XSD_DATE)


def _published(r: Resolved) -> list[str]:
    """The bounds written to the graph. The latest beginning and the earliest end bound the sure part
    that every reader draws from them; when the first is not before the second (a beginning known to a
    month, an end only from igr:tenure-held-a-day) no day is sure, and the pair would read as an
    inverted sure part: it is left out, the possible part stays."""
    sure = ("latest_beginning", "earliest_end")
    inverted = all(name in r.bounds for name in sure) and r.certain_part() is None
    return [name for name in BOUNDS if name in r.bounds and not (inverted and name in sure)]


def tenure_triples(resolved: list[Resolved], posts: dict[str, PostFacts]) -> list[tuple]:
    triples: list[tuple] = []
    add = triples.append
    a, generated, derived_from = _node(RDF.type), _node(PROV.wasGeneratedBy), _node(PROV.wasDerivedFrom)
    for post in sorted(posts.values(), key=lambda p: p.iri):
        if post.set_up is not None:
            add((ox.NamedNode(post.iri), _node(IG.existsFromEarliest), _date(post.set_up.day)))
    known = {r.iri for r in resolved}
    for r in resolved:
        holding = ox.NamedNode(r.iri)
        tenure = ox.NamedNode(tenure_iri(r.iri))
        add((holding, _node(IG.resolvedTenure), tenure))
        add((tenure, _node(IG.tenureOf), holding))
        add((tenure, a, _node(IG.ResolvedTenure)))
        add((tenure, generated, _node(IGR["tenure-resolution"])))
        add((tenure, derived_from, holding))
        add((tenure, _node(IG.tenurePost), ox.NamedNode(r.facts.post)))
        add((tenure, _node(IG.tenureHolder), ox.NamedNode(r.facts.member)))
        if r.facts.exercises in known:
            add((tenure, _node(IG.exercisesTenure), ox.NamedNode(tenure_iri(r.facts.exercises))))
        if r.contested:
            add((tenure, _node(IG.contested), TRUE))
        for other in sorted(r.contested_with):
            add((holding, _node(IG.contestedWith), ox.NamedNode(other)))
        for name in _published(r):
            bound = r.bounds[name]
            day = _date(bound.day)
            derivation = ox.NamedNode(f"{tenure.value}-{name.replace('_', '-')}")
            add((tenure, _node(PROPERTY[name]), day))
            add((tenure, _node(IG.boundDerivation), derivation))
            add((derivation, a, _node(IG.BoundDerivation)))
            add((derivation, _node(IG.bound), _node(PROPERTY[name])))
            add((derivation, _node(IG.boundValue), day))
            add((derivation, generated, _node(IGR[bound.rule])))
            for fact in sorted(bound.rests_on):
                add((derivation, derived_from, ox.NamedNode(fact)))
            for span in sorted(bound.evidence):
                add((derivation, _node(IG.evidence), ox.NamedNode(span)))
    return triples
