"""The ontology as documentation needs it, read from the triples of `graph:ontology`: classes, properties,
concept schemes with their concepts, derivation rules; each term with labels and definitions per language,
super-terms, domains, ranges, inverses."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import pyoxigraph as ox

OWL = "http://www.w3.org/2002/07/owl#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCT = "http://purl.org/dc/terms/"
IG = "https://w3id.org/integrationsgraph/def#"
XSD_PREFIX = "http://www.w3.org/2001/XMLSchema#"

PROPERTY_KINDS = {
    OWL + "ObjectProperty": "object",
    OWL + "DatatypeProperty": "datatype",
    OWL + "AnnotationProperty": "annotation",
    RDF + "Property": "property",
}
CHARACTERISTICS = {OWL + "TransitiveProperty": "transitive", OWL + "SymmetricProperty": "symmetric"}
# The predicates whose IRI values a term lists, and the list of `Term` that holds them.
LISTS = {
    RDF + "type": "kinds",
    RDFS + "subClassOf": "supers",
    RDFS + "subPropertyOf": "supers",
    SKOS + "broader": "supers",
    RDFS + "domain": "domains",
    RDFS + "range": "ranges",
    OWL + "inverseOf": "inverses",
    OWL + "equivalentClass": "equivalents",
    OWL + "disjointWith": "disjoint",
    SKOS + "inScheme": "schemes",
}


@dataclass
class Term:
    iri: str
    labels: dict[str, str] = field(default_factory=dict)
    definitions: dict[str, str] = field(default_factory=dict)
    kinds: list[str] = field(default_factory=list)
    supers: list[str] = field(default_factory=list)
    domains: list[str] = field(default_factory=list)
    ranges: list[str] = field(default_factory=list)
    inverses: list[str] = field(default_factory=list)
    equivalents: list[str] = field(default_factory=list)
    disjoint: list[str] = field(default_factory=list)
    schemes: list[str] = field(default_factory=list)


@dataclass
class OntologyModel:
    iri: str | None
    titles: dict[str, str]
    descriptions: dict[str, str]
    license: str | None
    version: str | None
    classes: list[Term]
    properties: list[Term]
    schemes: list[tuple[Term, list[Term]]]
    rules: list[Term]
    terms: dict[str, Term]


def _ours_first(term: Term) -> tuple[bool, str]:
    return (not term.iri.startswith(IG.removesuffix("#")), term.iri.lower())


def read_model(triples: list[ox.Triple]) -> OntologyModel:
    by_subject: dict[str, list[tuple[str, ox.NamedNode | ox.Literal | ox.BlankNode]]] = defaultdict(list)
    for triple in triples:
        if isinstance(triple.subject, ox.NamedNode):
            by_subject[triple.subject.value].append((triple.predicate.value, triple.object))
    terms: dict[str, Term] = {}
    ontology_iri, titles, descriptions, license_, version = None, {}, {}, None, None
    for subject, pairs in by_subject.items():
        term = Term(subject)
        for predicate, value in pairs:
            text = value.value
            language = value.language or "" if isinstance(value, ox.Literal) else ""
            iri = text if isinstance(value, ox.NamedNode) else None
            if predicate in (RDFS + "label", SKOS + "prefLabel"):
                term.labels.setdefault(language, text)
            elif predicate in (SKOS + "definition", RDFS + "comment"):
                term.definitions.setdefault(language, text)
            elif iri and predicate in LISTS:
                getattr(term, LISTS[predicate]).append(iri)
        if OWL + "Ontology" in term.kinds:
            ontology_iri = subject
            for predicate, value in pairs:
                language = value.language or "" if isinstance(value, ox.Literal) else ""
                if predicate == DCT + "title":
                    titles[language] = value.value
                elif predicate == DCT + "description":
                    descriptions[language] = value.value
                elif predicate == DCT + "license":
                    license_ = value.value
                elif predicate == OWL + "versionInfo":
                    version = value.value
            continue
        for values in (term.kinds, term.supers, term.domains, term.ranges, term.inverses, term.schemes):
            values.sort()
        terms[subject] = term
    classes = sorted((t for t in terms.values() if OWL + "Class" in t.kinds), key=_ours_first)
    properties = sorted(
        (t for t in terms.values() if any(kind in PROPERTY_KINDS for kind in t.kinds)), key=_ours_first
    )
    scheme_terms = sorted(
        (t for t in terms.values() if SKOS + "ConceptScheme" in t.kinds), key=lambda t: t.iri
    )
    schemes = [
        (scheme, sorted((t for t in terms.values() if scheme.iri in t.schemes), key=lambda t: t.iri))
        for scheme in scheme_terms
    ]
    rules = sorted((t for t in terms.values() if IG + "DerivationRule" in t.kinds), key=lambda t: t.iri)
    return OntologyModel(
        ontology_iri, titles, descriptions, license_, version, classes, properties, schemes, rules, terms
    )


def characteristics(term: Term) -> list[str]:
    """`object`, `datatype`, `transitive` …: the kinds of a property, in words."""
    return [
        PROPERTY_KINDS.get(kind) or CHARACTERISTICS[kind]
        for kind in term.kinds
        if kind in PROPERTY_KINDS or kind in CHARACTERISTICS
    ]
