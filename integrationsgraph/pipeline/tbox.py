"""The closed T-box: owlrl's closure of the ontology alone, compiled into lookup tables.

owlrl over ontology + data is far too slow at scale, so owlrl closes only the (small) ontology, and the
instance-level OWL 2 RL rules are applied to the data from these tables (see `reasoning.py`). That is only
equivalent to owlrl for the constructs compiled here; any other OWL construct fails the build.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import owlrl
import pyoxigraph as ox
from rdflib import URIRef
from rdflib.namespace import OWL, RDF, RDFS

from integrationsgraph.errors import InputError
from integrationsgraph.pipeline.loading import LoadedFile
from integrationsgraph.pipeline.terms import from_rdflib, rdflib_graph

OWL_NS = str(OWL)
# OWL terms whose entailments the compiled rules reproduce (or that entail nothing about instances).
SUPPORTED_OWL = frozenset(
    OWL_NS + name
    for name in (
        "Class", "ObjectProperty", "DatatypeProperty", "AnnotationProperty", "Ontology", "OntologyProperty",
        "TransitiveProperty", "SymmetricProperty", "inverseOf", "equivalentClass", "equivalentProperty",
        "disjointWith", "versionInfo", "versionIRI", "imports", "priorVersion", "backwardCompatibleWith",
        "incompatibleWith", "deprecated", "DeprecatedClass", "DeprecatedProperty", "Thing",
        "NamedIndividual",
    )
)  # fmt: skip
ALLOWED_OWL_IN_DATA = frozenset({OWL_NS + "Thing", OWL_NS + "NamedIndividual"})
SCHEMA_PREDICATES = frozenset(
    str(term) for term in (RDFS.subClassOf, RDFS.subPropertyOf, RDFS.domain, RDFS.range)
)


def _owl_terms(triple) -> list[str]:
    return [t.value for t in (triple.predicate, triple.object) if isinstance(t, ox.NamedNode)
            and t.value.startswith(OWL_NS)]  # fmt: skip


def _refuse(loaded: LoadedFile, terms: set[str], why: str) -> None:
    if terms:
        named = ", ".join(sorted(term.replace(OWL_NS, "owl:") for term in terms))
        raise InputError(f"{loaded.path}: uses {named}: {why}")


def check_constructs(ontology: tuple[LoadedFile, ...], data: tuple[LoadedFile, ...]) -> None:
    """InputError naming the constructs (and file) the compiled rules would not reproduce."""
    for loaded in ontology:
        unsupported = {t for triple in loaded.triples for t in _owl_terms(triple) if t not in SUPPORTED_OWL}
        _refuse(
            loaded,
            unsupported,
            "OWL constructs the build's reasoner does not compile (supported: subClassOf, subPropertyOf, "
            "domain, range, inverseOf, equivalentClass/Property, Transitive/SymmetricProperty, disjointWith)",
        )
    for loaded in data:
        schema = set()
        for triple in loaded.triples:
            schema.update(t for t in _owl_terms(triple) if t not in ALLOWED_OWL_IN_DATA)
            if triple.predicate.value in SCHEMA_PREDICATES:
                schema.add(triple.predicate.value)
        _refuse(loaded, schema, "schema statements and OWL constructs belong in the ontology, not in data")


@dataclass
class TBox:
    """Lookup tables from the closed ontology, keyed by pyoxigraph terms."""

    superclasses: dict = field(default_factory=lambda: defaultdict(set))
    superproperties: dict = field(default_factory=lambda: defaultdict(set))
    domains: dict = field(default_factory=lambda: defaultdict(set))
    ranges: dict = field(default_factory=lambda: defaultdict(set))
    inverses: dict = field(default_factory=lambda: defaultdict(set))
    symmetric: set = field(default_factory=set)
    transitive: set = field(default_factory=set)
    disjoint: set = field(default_factory=set)


def close_ontology(ontology: tuple[LoadedFile, ...]) -> TBox:
    """Run owlrl's OWL 2 RL closure on the ontology alone and compile its T-box into a TBox."""
    graph = rdflib_graph(t for loaded in ontology for t in loaded.triples)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(graph)
    tbox = TBox()
    tables = {
        RDFS.subClassOf: tbox.superclasses,
        RDFS.subPropertyOf: tbox.superproperties,
        RDFS.domain: tbox.domains,
        RDFS.range: tbox.ranges,
    }
    for subject, predicate, obj in graph:
        if not (isinstance(subject, URIRef) and isinstance(obj, URIRef)):
            continue  # literals and blank nodes (owlrl's error messages) are no schema
        s, o = from_rdflib(subject), from_rdflib(obj)
        if predicate in tables:
            if s != o:  # reflexive subClassOf/subPropertyOf entail nothing new
                tables[predicate][s].add(o)
        elif predicate == OWL.inverseOf:
            tbox.inverses[s].add(o)
            tbox.inverses[o].add(s)
        elif predicate == OWL.disjointWith:
            tbox.disjoint.add((s, o))
        elif predicate == RDF.type and obj == OWL.SymmetricProperty:
            tbox.symmetric.add(s)
        elif predicate == RDF.type and obj == OWL.TransitiveProperty:
            tbox.transitive.add(s)
    return tbox
