"""Triples in scope -> a networkx MultiDiGraph of resources for visualisation tools.

Nodes are IRIs (not literals, not the detail nodes: evidence, instants, intervals); each has `label` (in the
chosen language, else German, else English; holdings and meetings a display title such as
"Hessen · Vorsitz der IntMK"; else the compact IRI), `iri`, `type` (a compact class name)
and `kind` (the id/ type segment). Holdings get `start` and `end` from their resolved tenure (the
possible part, `end` the last day held, inclusive, as `chair-at` gives `possibleUntil`; GEXF's intervals
are closed), `certainFrom`/`certainUntil` where some days are sure, `contested` where sources contradict;
an unresolved bound is left out. Meetings get `start` and `end` from the `ig:earliest` bounds of their
interval, events both from their instant. Edges are the IRI-to-IRI statements other than rdf:type, with
`label` (the property's label) and `iri`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import networkx as nx
import pyoxigraph as ox

from integrationsgraph.exports.scope import RDF_TYPE, Querier, is_detail
from integrationsgraph.fact_titles import fact_titles
from integrationsgraph.namespaces import BASE, PREFIXES, sparql_prologue
from integrationsgraph.tenure_windows import Tenure, read_tenures

BATCH = 400
LABEL_QUERY = (
    sparql_prologue()
    + """
SELECT ?x ?label WHERE {{ VALUES ?x {{ {values} }}
  {{ ?x rdfs:label ?label }} UNION {{ ?x skos:prefLabel ?label }} UNION {{ ?x dct:title ?label }} }}"""
)
TIME_QUERY = (
    sparql_prologue()
    + """
SELECT ?x (MIN(?b) AS ?begin) (MIN(?e) AS ?end) (MIN(?i) AS ?instant) WHERE {{ VALUES ?x {{ {values} }}
  {{ ?x org:memberDuring ?t }} UNION {{ ?x time:hasTime ?t }}
  OPTIONAL {{ ?t time:hasBeginning/ig:earliest ?b }}
  OPTIONAL {{ ?t time:hasEnd/ig:earliest ?e }}
  OPTIONAL {{ ?t ig:earliest ?i }}
}} GROUP BY ?x"""
)
TYPE_QUERY = """SELECT DISTINCT ?x ?type WHERE {{ VALUES ?x {{ {values} }}
  GRAPH ?g {{ ?x a ?type }} FILTER(?g != <{inferred}> && isIRI(?type)) }}"""


def compact(iri: str) -> str:
    best = max(
        (name for name, ns in PREFIXES.items() if iri.startswith(ns)),
        key=lambda n: len(PREFIXES[n]),
        default=None,
    )
    if best is None:
        return iri
    local = iri[len(PREFIXES[best]) :]
    return f"{best}:{local}" if local and "/" not in local and "#" not in local else iri


@dataclass
class NodeDetails:
    labels: dict[str, dict[str, str]] = field(default_factory=lambda: defaultdict(dict))
    times: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)
    types: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    tenures: dict[str, Tenure] = field(default_factory=dict)


async def node_details(backend: Querier, iris: set[str], nodes: set[str]) -> NodeDetails:
    """Labels of every IRI (nodes and properties); asserted types and time bounds of the `nodes`."""
    details = NodeDetails()
    ordered = sorted(iris)
    for start in range(0, len(ordered), BATCH):
        values = " ".join(f"<{iri}>" for iri in ordered[start : start + BATCH])
        for row in (await backend.query(LABEL_QUERY.format(values=values))).rows():
            label = row["label"]
            if isinstance(label, ox.Literal):
                details.labels[row["x"].value].setdefault(label.language or "", label.value)
    # Holdings and meetings have no label: the pages' display title ("Hessen · Vorsitz der IntMK").
    unlabelled = {iri for iri in nodes if iri not in details.labels}
    for iri, titles in (await fact_titles(backend, unlabelled, BASE)).items():
        details.labels[iri].update(titles)
    timed = sorted(nodes)
    for start in range(0, len(timed), BATCH):
        values = " ".join(f"<{iri}>" for iri in timed[start : start + BATCH])
        type_query = TYPE_QUERY.format(values=values, inferred=f"{BASE}graph/inferred")
        for row in (await backend.query(type_query)).rows():
            details.types[row["x"].value].append(row["type"].value)
        for row in (await backend.query(TIME_QUERY.format(values=values))).rows():
            begin = row.get("begin") or row.get("instant")
            end = row.get("end") or row.get("instant")
            details.times[row["x"].value] = (begin.value if begin else None, end.value if end else None)
    details.tenures = await read_tenures(backend, nodes)
    return details


def tenure_attributes(tenure: Tenure) -> dict[str, str]:
    """A holding's interval for timelines: the possible part, days inclusive (one end convention with
    the named queries); the sure part and a contested flag beside it."""
    days = tenure.days()
    attributes = {
        "start": days["possible_from"],
        "end": days["possible_until"],
        "certainFrom": days["certain_from"],
        "certainUntil": days["certain_until"],
    }
    found = {name: day.isoformat() for name, day in attributes.items() if day is not None}
    return found | ({"contested": "true"} if tenure.contested else {})


def choose_label(labels: dict[str, str], language: str, iri: str) -> str:
    for tag in (language, "de", "en", ""):
        if tag in labels:
            return labels[tag]
    return next(iter(labels.values()), compact(iri))


def _kind(iri: str) -> str:
    if iri.startswith(BASE + "id/"):
        return iri.removeprefix(BASE + "id/").split("/")[0]
    return "other"


def node_iris(triples: list[ox.Triple]) -> set[str]:
    return {
        term.value
        for triple in triples
        if triple.predicate.value != RDF_TYPE
        for term in (triple.subject, triple.object)
        if isinstance(term, ox.NamedNode) and not is_detail(term)
    } | {t.subject.value for t in triples if isinstance(t.subject, ox.NamedNode) and not is_detail(t.subject)}


def build_graph(triples: list[ox.Triple], details: NodeDetails, language: str) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph(name="Integrationsgraph", language=language)
    types = details.types
    for iri in sorted(node_iris(triples)):
        attributes = {
            "label": choose_label(details.labels.get(iri, {}), language, iri),
            "iri": iri,
            "kind": _kind(iri),
            "type": compact(sorted(types[iri], key=lambda t: (not t.startswith(BASE), t))[0])
            if types.get(iri)
            else "",
        }
        if iri in details.tenures:
            attributes.update(tenure_attributes(details.tenures[iri]))
        else:
            start, end = details.times.get(iri, (None, None))
            if start:
                attributes["start"] = start
            if end:
                attributes["end"] = end
        graph.add_node(iri, **attributes)
    for triple in triples:
        subject, predicate, obj = triple.subject, triple.predicate.value, triple.object
        if (
            predicate == RDF_TYPE
            or not isinstance(obj, ox.NamedNode)
            or not isinstance(subject, ox.NamedNode)
        ):
            continue
        if is_detail(subject):
            continue
        if is_detail(obj):
            if obj.value.startswith(BASE + "def/concept/") and subject.value in graph:
                # a concept value (role, status, meeting type) as an attribute named by the property
                name = compact(predicate).split(":")[-1]
                concept = choose_label(details.labels.get(obj.value, {}), language, obj.value)
                previous = graph.nodes[subject.value].get(name)
                graph.nodes[subject.value][name] = f"{previous}; {concept}" if previous else concept
            continue
        label = choose_label(details.labels.get(predicate, {}), language, predicate)
        graph.add_edge(subject.value, obj.value, key=f"{predicate}", label=label, iri=predicate)
    return graph


async def graph_for(backend: Querier, triples: list[ox.Triple], language: str) -> nx.MultiDiGraph:
    """The export graph of `triples`, with labels and time bounds asked of `backend`."""
    nodes = node_iris(triples)
    properties = {t.predicate.value for t in triples}
    properties |= {t.object.value for t in triples if t.object.value.startswith(BASE + "def/concept/")}
    details = await node_details(backend, nodes | properties, nodes)
    return build_graph(triples, details, language)
