"""The ontology and the SKOS schemes: they parse, they match the contract in ontology/README.md, and the
ontology keeps to the OWL constructs the build's reasoner compiles."""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS, XSD

from integrationsgraph.namespaces import IG, IGC, IGR, PREFIXES

from .conftest import CONTRACT_FILE, ONTOLOGY_FILE, SCHEMES_FILE, SHAPES_FILE

ONTOLOGY_IRI = URIRef("https://w3id.org/integrationsgraph/def")
CC_BY_4 = URIRef("https://creativecommons.org/licenses/by/4.0/")
REUSED_PREFIXES = ("org", "time", "prov", "oa", "dct", "skos", "schema")
PROPERTY_TYPES = {OWL.ObjectProperty, OWL.DatatypeProperty}
DECLARATION_TYPES = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty}

# Everything the ontology may say; any other predicate or type is a construct the fast reasoner does
# not compile (cardinalities, functional properties, keys, chains, unions, owl:sameAs...).
ALLOWED_PREDICATES = {
    RDF.type, RDFS.label, RDFS.comment, SKOS.definition, RDFS.subClassOf, RDFS.subPropertyOf,
    RDFS.domain, RDFS.range, OWL.inverseOf, OWL.equivalentClass, OWL.disjointWith, OWL.versionInfo,
    DCTERMS.title, DCTERMS.description, DCTERMS.license, DCTERMS.created,
}  # fmt: skip
ALLOWED_TYPES = DECLARATION_TYPES | {
    OWL.TransitiveProperty, OWL.SymmetricProperty, OWL.Ontology, IG.DerivationRule,
}  # fmt: skip
FORBIDDEN = {
    OWL.FunctionalProperty, OWL.InverseFunctionalProperty, OWL.sameAs, OWL.cardinality,
    OWL.minCardinality, OWL.maxCardinality, OWL.qualifiedCardinality, OWL.minQualifiedCardinality,
    OWL.maxQualifiedCardinality, OWL.hasKey, OWL.propertyChainAxiom, OWL.unionOf, OWL.intersectionOf,
    OWL.Restriction, OWL.someValuesFrom, OWL.allValuesFrom, OWL.hasValue, OWL.oneOf,
}  # fmt: skip
AXIOMS_ON_OUR_TERMS_ONLY = (
    RDFS.domain, RDFS.range, RDFS.subClassOf, RDFS.subPropertyOf, OWL.inverseOf, OWL.equivalentClass,
    OWL.disjointWith,
)  # fmt: skip


# ---- the contract, read from the README -------------------------------------------------------------


def _sections(text: str) -> dict[str, list[list[str]]]:
    """Table rows (as lists of cells) under each heading of the README."""
    sections: dict[str, list[list[str]]] = {}
    heading = ""
    for line in text.splitlines():
        if line.startswith("#"):
            heading = line.lstrip("#").strip()
        elif line.startswith("|") and not re.match(r"^\|[-| ]+\|$", line):
            sections.setdefault(heading, []).append([cell.strip() for cell in line.strip("|").split("|")])
    return sections


def _terms(text: str, prefix: str) -> set[str]:
    return set(re.findall(rf"(?<![\w:/-]){prefix}:([A-Za-z][\w-]*)", text))


CONTRACT_TEXT = CONTRACT_FILE.read_text(encoding="utf-8")
CONTRACT = _sections(CONTRACT_TEXT)
TABLE_TEXT = "\n".join(" ".join(row) for rows in CONTRACT.values() for row in rows)
CONTRACT_IG_TERMS = sorted(_terms(TABLE_TEXT, "ig"))
CONTRACT_CLASSES = sorted(_terms(" ".join(row[0] for row in CONTRACT["Classes"][1:]), "ig"))
CONTRACT_PROPERTIES = sorted(
    _terms(" ".join(row[0] for row in CONTRACT["Properties"][1:]), "ig")
    | _terms(" ".join(row[1] for row in CONTRACT["Time: three layers on every instant"][1:]), "ig")
)
CONTRACT_REUSED = sorted(
    f"{prefix}:{name}"
    for prefix in REUSED_PREFIXES
    for name in _terms(
        " ".join(row[0] for heading in ("Classes", "Properties") for row in CONTRACT[heading][1:])
        + " ".join(row[1] for row in CONTRACT["Time: three layers on every instant"][1:]),
        prefix,
    )
)
CONTRACT_CONCEPTS = sorted(_terms(CONTRACT_TEXT, "igc"))


def _langs(graph: Graph, subject: URIRef, predicate: URIRef) -> set[str | None]:
    return {o.language for o in graph.objects(subject, predicate) if isinstance(o, Literal) and str(o)}


def test_the_contract_tables_are_read():
    # Guards the README parser: if the tables change shape, the drift tests below must not go quiet.
    assert len(CONTRACT_CLASSES) >= 20
    assert len(CONTRACT_PROPERTIES) >= 30
    assert {"Holding", "Meeting", "Evidence"} <= set(CONTRACT_CLASSES)
    assert {"succeeds", "earliest", "dateMethod"} <= set(CONTRACT_PROPERTIES)
    assert {"org:memberDuring", "time:hasBeginning", "oa:exact"} <= set(CONTRACT_REUSED)
    assert {"held", "date-method", "day-after-stated-last-day"} <= set(CONTRACT_CONCEPTS)


# ---- parsing -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", [ONTOLOGY_FILE, SCHEMES_FILE, SHAPES_FILE], ids=lambda p: p.name)
def test_file_parses_with_rdflib_and_pyoxigraph_alike(path: Path):
    rdflib_count = len(Graph().parse(path, format="turtle"))
    oxigraph_count = len(list(pyoxigraph.parse(path=str(path), format=pyoxigraph.RdfFormat.TURTLE)))
    assert rdflib_count > 100
    assert oxigraph_count == rdflib_count


def test_ontology_prefixes_agree_with_the_package(ig_ontology: Graph, ig_schemes: Graph):
    declared = dict(ig_ontology.namespaces()) | dict(ig_schemes.namespaces())
    for prefix in ("ig", "igr", "igc", "org", "time", "prov", "oa", "schema"):
        assert str(declared[prefix]) == PREFIXES[prefix], prefix


# ---- the ontology header and the rules --------------------------------------------------------------


def test_ontology_header(ig_ontology: Graph):
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in ig_ontology
    assert _langs(ig_ontology, ONTOLOGY_IRI, DCTERMS.title) == {"de", "en"}
    assert _langs(ig_ontology, ONTOLOGY_IRI, DCTERMS.description) == {"de", "en"}
    assert ig_ontology.value(ONTOLOGY_IRI, OWL.versionInfo) is not None
    assert ig_ontology.value(ONTOLOGY_IRI, DCTERMS.license) == CC_BY_4
    assert ig_ontology.value(ONTOLOGY_IRI, DCTERMS.created) == Literal("2026-11-21", datatype=XSD.date)


@pytest.mark.parametrize("rule", ["exercising-minister", "owl-rl"])
def test_derivation_rule_is_described_in_both_languages(ig_ontology: Graph, rule: str):
    node = IGR[rule]
    assert (node, RDF.type, IG.DerivationRule) in ig_ontology
    assert _langs(ig_ontology, node, RDFS.label) == {"de", "en"}
    assert _langs(ig_ontology, node, SKOS.definition) == {"de", "en"}


# ---- every contract term declared and described -----------------------------------------------------


@pytest.mark.parametrize("name", CONTRACT_IG_TERMS)
def test_contract_term_is_declared_with_labels_and_definitions(ig_ontology: Graph, name: str):
    term = IG[name]
    assert set(ig_ontology.objects(term, RDF.type)) & (PROPERTY_TYPES | {OWL.Class}), f"ig:{name} undeclared"
    assert _langs(ig_ontology, term, RDFS.label) >= {"de", "en"}, f"ig:{name} needs labels @de and @en"
    assert _langs(ig_ontology, term, SKOS.definition) >= {"de", "en"}, f"ig:{name} needs definitions"


@pytest.mark.parametrize("name", CONTRACT_CLASSES)
def test_contract_class_is_an_owl_class(ig_ontology: Graph, name: str):
    assert (IG[name], RDF.type, OWL.Class) in ig_ontology


@pytest.mark.parametrize("name", CONTRACT_PROPERTIES)
def test_contract_property_is_an_owl_property(ig_ontology: Graph, name: str):
    assert set(ig_ontology.objects(IG[name], RDF.type)) & PROPERTY_TYPES


@pytest.mark.parametrize("curie", CONTRACT_REUSED)
def test_reused_term_is_declared(ig_ontology: Graph, curie: str):
    prefix, name = curie.split(":")
    assert set(ig_ontology.objects(URIRef(PREFIXES[prefix] + name), RDF.type)) & DECLARATION_TYPES, curie


def test_every_declared_ig_term_is_in_the_contract(ig_ontology: Graph):
    declared = {
        str(s).removeprefix(str(IG))
        for s in ig_ontology.subjects(RDF.type, None)
        if isinstance(s, URIRef) and str(s).startswith(str(IG))
    }
    assert declared - set(CONTRACT_IG_TERMS) == set(), "list added terms in the README's tables"


def test_superclasses_follow_the_contract(ig_ontology: Graph):
    for row in CONTRACT["Classes"][1:]:
        for name in _terms(row[0], "ig"):
            expected = {URIRef(PREFIXES[p] + n) for p in ("ig", *REUSED_PREFIXES) for n in _terms(row[1], p)}
            assert set(ig_ontology.objects(IG[name], RDFS.subClassOf)) == expected, name


def test_inverse_pairs(ig_ontology: Graph):
    for one, other in ((IG.exercises, IG.exercisedBy), (IG.succeeds, IG.precedes)):
        assert (one, OWL.inverseOf, other) in ig_ontology
        assert (other, OWL.inverseOf, one) in ig_ontology


# ---- only the constructs the reasoner compiles -------------------------------------------------------


def test_ontology_uses_no_forbidden_construct(ig_ontology: Graph):
    used = set(ig_ontology.predicates()) | set(ig_ontology.objects())
    assert used & FORBIDDEN == set()


def test_ontology_uses_only_allowed_predicates_and_types(ig_ontology: Graph):
    assert set(ig_ontology.predicates()) - ALLOWED_PREDICATES == set()
    assert set(ig_ontology.objects(None, RDF.type)) - ALLOWED_TYPES == set()
    # Restrictions, unions and lists all need blank nodes; the ontology has none.
    assert not [t for t in ig_ontology if any(isinstance(x, BNode) for x in t)]


def test_axioms_are_stated_on_our_own_terms_only(ig_ontology: Graph):
    for predicate in AXIOMS_ON_OUR_TERMS_ONLY:
        for subject in ig_ontology.subjects(predicate, None):
            assert str(subject).startswith(str(IG)), f"{subject} {predicate}: never re-define reused terms"


def test_succession_is_neither_transitive_nor_typed(ig_ontology: Graph):
    # Transitivity would turn the chair list's neighbours into every earlier chair; a domain would type
    # succeeding plans and bodies as holdings.
    for term in (IG.succeeds, IG.precedes):
        assert (term, RDF.type, OWL.TransitiveProperty) not in ig_ontology
        assert ig_ontology.value(term, RDFS.domain) is None
        assert ig_ontology.value(term, RDFS.range) is None


# ---- the SKOS schemes --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", CONTRACT_CONCEPTS)
def test_contract_concept_is_in_the_schemes(ig_schemes: Graph, name: str):
    node = IGC[name]
    kinds = set(ig_schemes.objects(node, RDF.type))
    assert kinds & {SKOS.Concept, SKOS.ConceptScheme}, f"igc:{name} missing from schemes.ttl"
    assert _langs(ig_schemes, node, SKOS.prefLabel) == {"de", "en"}
    assert _langs(ig_schemes, node, SKOS.definition) == {"de", "en"}


def test_every_concept_sits_at_the_top_of_exactly_one_scheme(ig_schemes: Graph):
    concepts = set(ig_schemes.subjects(RDF.type, SKOS.Concept))
    assert len(concepts) >= 28
    for concept in concepts:
        schemes = set(ig_schemes.objects(concept, SKOS.inScheme))
        assert len(schemes) == 1, concept
        (scheme,) = schemes
        assert (scheme, RDF.type, SKOS.ConceptScheme) in ig_schemes
        assert (concept, SKOS.topConceptOf, scheme) in ig_schemes
        assert (scheme, SKOS.hasTopConcept, concept) in ig_schemes
        assert _langs(ig_schemes, concept, SKOS.prefLabel) == {"de", "en"}
        assert _langs(ig_schemes, concept, SKOS.definition) == {"de", "en"}


def test_schemes_hold_no_topics(ig_schemes: Graph):
    topic_namespace = PREFIXES["topic"]
    assert not [s for s in ig_schemes.subjects() if str(s).startswith(topic_namespace)]
