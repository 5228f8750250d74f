"""IRIs of the graph: the base, our vocabulary, the per-type id prefixes, named graphs."""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, TIME, XSD

BASE = "https://w3id.org/integrationsgraph/"

IG = Namespace(BASE + "def#")
IGC = Namespace(BASE + "def/concept/")
IGR = Namespace(BASE + "def/rule/")
GRAPH = Namespace(BASE + "graph/")

ORG = Namespace("http://www.w3.org/ns/org#")
OA = Namespace("http://www.w3.org/ns/oa#")
SCHEMA = Namespace("https://schema.org/")
SH = Namespace("http://www.w3.org/ns/shacl#")
WD = Namespace("http://www.wikidata.org/entity/")

# One prefix per type, because a Turtle prefixed name cannot contain "/".
ID_TYPES = (
    "land", "body", "ministry", "person", "post", "holding", "meeting", "event", "plan",
    "document", "place", "address", "topic", "instant", "interval", "source", "evidence",
)  # fmt: skip
ID = {kind: Namespace(f"{BASE}id/{kind}/") for kind in ID_TYPES}

ONTOLOGY_GRAPH = GRAPH["ontology"]
ENTITIES_GRAPH = GRAPH["entities"]
INFERRED_GRAPH = GRAPH["inferred"]


def source_graph(stem: str):
    """The named graph holding the facts of one source file (by its file name without .txt)."""
    return GRAPH[f"source/{stem}"]


PREFIXES: dict[str, str] = {
    "ig": str(IG),
    "igc": str(IGC),
    "igr": str(IGR),
    "graph": str(GRAPH),
    "gsrc": str(GRAPH) + "source/",
    # The document type's prefix is the shorter `doc:` (as in ontology/README.md).
    **{("doc" if kind == "document" else kind): str(ns) for kind, ns in ID.items()},
    "org": str(ORG),
    "oa": str(OA),
    "schema": str(SCHEMA),
    "wd": str(WD),
    "time": str(TIME),
    "prov": str(PROV),
    "dct": str(DCTERMS),
    "skos": str(SKOS),
    "owl": str(OWL),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "sh": str(SH),
}


def sparql_prologue() -> str:
    """PREFIX lines for every prefix above, for queries written against the graph."""
    return "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in PREFIXES.items())
