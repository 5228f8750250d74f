"""OWL 2 RL entailments about our data: the closed T-box's instance rules applied in one worklist pass.

Rules (names from the OWL 2 RL profile): cax-sco and cax-eqc (types to superclasses), prp-spo1 and
prp-eqp (super-properties), prp-dom / prp-rng, prp-inv1/2, prp-symp, prp-trp, checked by cax-dw. Each
triple is processed once; only transitive properties need an index, so the pass is linear in the data
apart from the transitive closures themselves. The result equals owlrl's full closure after the
`about_our_data` filter (tests/pipeline/test_reasoning_equivalence.py).
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Iterable

import pyoxigraph as ox
from rdflib.namespace import OWL, RDF, RDFS

from integrationsgraph.errors import DataNonConformant, Problem
from integrationsgraph.pipeline.loading import LoadedInputs
from integrationsgraph.pipeline.tbox import TBox

RDF_TYPE = ox.NamedNode(str(RDF.type))
OWL_SAME_AS = ox.NamedNode(str(OWL.sameAs))
AXIOMATIC_TYPES = frozenset({ox.NamedNode(str(OWL.Thing)), ox.NamedNode(str(RDFS.Resource))})


class InstanceReasoner:
    """Keeps every known triple; `add` returns what new triples entail beyond everything known."""

    def __init__(self, tbox: TBox):
        self.tbox = tbox
        self.known: set[tuple] = set()
        self._out: dict = {p: defaultdict(set) for p in tbox.transitive}
        self._in: dict = {p: defaultdict(set) for p in tbox.transitive}

    def _remember(self, triple: tuple) -> bool:
        if triple in self.known:
            return False
        self.known.add(triple)
        s, p, o = triple
        if p in self._out:
            self._out[p][s].add(o)
            self._in[p][o].add(s)
        return True

    def _consequences(self, s, p, o) -> list[tuple]:
        tbox = self.tbox
        found = [(s, RDF_TYPE, c) for c in tbox.domains.get(p, ())]
        found.extend((s, q, o) for q in tbox.superproperties.get(p, ()))
        if p == RDF_TYPE:
            found.extend((s, RDF_TYPE, c) for c in tbox.superclasses.get(o, ()))
        if isinstance(o, ox.Literal):
            return found
        found.extend((o, RDF_TYPE, c) for c in tbox.ranges.get(p, ()))
        found.extend((o, q, s) for q in tbox.inverses.get(p, ()))
        if p in tbox.symmetric:
            found.append((o, p, s))
        if p in self._out:
            found.extend((s, p, x) for x in self._out[p].get(o, ()))
            found.extend((w, p, o) for w in self._in[p].get(s, ()))
        return found

    def add(self, triples: Iterable[tuple]) -> set[tuple]:
        """Add `triples`; return the entailed triples that were neither known nor among them."""
        queue = deque(t for t in triples if self._remember(t))
        entailed: set[tuple] = set()
        while queue:
            for consequence in self._consequences(*queue.popleft()):
                if self._remember(consequence):
                    entailed.add(consequence)
                    queue.append(consequence)
        return entailed

    def disjointness_problems(self, origin: dict) -> list[Problem]:
        """cax-dw: a node typed with two disjoint classes (owlrl only logs this; we fail the build)."""
        types: dict = defaultdict(set)
        for s, p, o in self.known:
            if p == RDF_TYPE:
                types[s].add(o)
        problems = []
        for first, second in sorted(self.tbox.disjoint, key=str):
            for node in sorted((n for n, ts in types.items() if first in ts and second in ts), key=str):
                message = f"typed both {first.value} and {second.value}, declared disjoint"
                problems.append(
                    Problem("owl-disjoint-classes", message, file=origin.get(node), focus=node.value)
                )
        return problems


def data_nodes(inputs: LoadedInputs) -> set:
    """IRIs our data speaks about: subjects and (non-class) objects of the data graphs, minus
    anything the ontology describes (ontology terms and concepts)."""
    nodes = set()
    for loaded in inputs.data_files:
        for triple in loaded.triples:
            nodes.add(triple.subject)
            if triple.predicate != RDF_TYPE and isinstance(triple.object, ox.NamedNode):
                nodes.add(triple.object)
    ontology_terms = {t.subject for loaded in inputs.ontology for t in loaded.triples}
    return nodes - ontology_terms


def about_our_data(triple: tuple, nodes: set) -> bool:
    """Keep an entailment only when it says something about our data, not owlrl's axiomatic noise."""
    s, p, o = triple
    if s not in nodes:
        return False
    if p == RDF_TYPE and o in AXIOMATIC_TYPES:
        return False
    return not (p == OWL_SAME_AS and s == o)


def as_tuples(inputs: LoadedInputs) -> list[tuple]:
    """Every stored triple (ontology and data) as an (s, p, o) tuple."""
    return [(t.subject, t.predicate, t.object) for f in inputs.stored_files for t in f.triples]


def subject_origins(inputs: LoadedInputs) -> dict:
    """Node -> the first data file (sources before entities) where it is a subject, for messages."""
    origin: dict = {}
    for loaded in (*inputs.sources, *inputs.entities):
        for triple in loaded.triples:
            origin.setdefault(triple.subject, str(loaded.path))
    return origin


def reason(reasoner: InstanceReasoner, inputs: LoadedInputs) -> set[tuple]:
    """The filtered entailments of all stored triples; DataNonConformant on disjointness clashes."""
    entailed = reasoner.add(as_tuples(inputs))
    problems = reasoner.disjointness_problems(subject_origins(inputs))
    if problems:
        raise DataNonConformant(problems)
    nodes = data_nodes(inputs)
    return {t for t in entailed if about_our_data(t, nodes)}
