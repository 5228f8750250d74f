"""The curated data: every file parses, every evidence span sits at its offsets in its source text,
every source's hash is right, no blank nodes, every entity a source names is in the registry.
(SHACL conformance is the build's validation stage, tested in tests/pipeline.)"""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, TIME, XSD

from integrationsgraph.namespaces import ID, IG, IGC, OA, ORG, source_graph
from integrationsgraph.paths import DATA_DIR, ONTOLOGY_DIR, shared_dir
from integrationsgraph.sources import find_source, load_source

ENTITY_FILES = sorted((DATA_DIR / "entities").glob("*.ttl"))
SOURCE_FILES = sorted((DATA_DIR / "sources").glob("*.trig"))
REGISTRY_TYPES = ("land", "body", "ministry", "person", "post", "place", "plan", "document", "topic")
PROV_DERIVED = URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")


def _turtle(path: Path) -> Graph:
    return Graph().parse(data=path.read_text(encoding="utf-8"), format="turtle")


def _source_dataset(path: Path) -> Dataset:
    dataset = Dataset()
    with warnings.catch_warnings():
        # rdflib 7.6's own TriG parser uses its deprecated ConjunctiveGraph API; nothing of ours.
        warnings.simplefilter("ignore", DeprecationWarning)
        dataset.parse(data=path.read_text(encoding="utf-8"), format="trig")
    return dataset


@pytest.fixture(scope="module")
def press_entities() -> Graph:
    graph = Graph()
    for path in ENTITY_FILES:
        graph.parse(data=path.read_text(encoding="utf-8"), format="turtle")
    return graph


def _source_graph(path: Path) -> Graph:
    """The one named graph of a source file, checking that the file holds nothing else."""
    dataset = _source_dataset(path)
    stem = path.name.removesuffix(".trig")
    names = {context.identifier for context in dataset.graphs() if len(context)}
    assert names == {source_graph(stem)}, f"{path.name}: triples outside GRAPH gsrc:{stem}"
    return dataset.graph(source_graph(stem))


def test_data_files_are_present():
    assert {p.stem for p in ENTITY_FILES} >= {"laender", "bodies", "ministries", "persons", "posts"}
    assert {p.stem for p in SOURCE_FILES} >= {
        "000_e3518a9624498a80", "001_77318d597a27ddec", "002_1b34fd0b7c295dd2",
        "003_ebd8c5b068b7a6d2", "004_77b3e41a02d8592c",
    }  # fmt: skip


@pytest.mark.parametrize("path", ENTITY_FILES + SOURCE_FILES, ids=lambda p: p.name)
def test_no_blank_nodes(path):
    dataset = _source_dataset(path) if path.suffix == ".trig" else None
    quads = dataset.quads() if dataset is not None else ((*t, None) for t in _turtle(path))
    blank = [quad for quad in quads if any(isinstance(term, BNode) for term in quad[:3])]
    assert blank == [], f"{path.name}: blank nodes in {blank[:3]}"


@pytest.mark.parametrize("path", SOURCE_FILES, ids=lambda p: p.name)
def test_source_node_names_its_file_and_hash(path):
    stem = path.name.removesuffix(".trig")
    graph = _source_graph(path)
    node = ID["source"][stem]
    assert (node, RDF.type, IG.Source) in graph
    assert graph.value(node, IG.fileName) == Literal(f"{stem}.txt")
    path_in_shared = find_source(f"{stem}.txt")
    assert path_in_shared is not None, f"{stem}.txt is missing from the shared folder"
    expected_corpus = path_in_shared.parent.relative_to(shared_dir()).as_posix()  # "press", "corpus/dev", …
    assert graph.value(node, IG.corpus) == Literal(expected_corpus)
    text = load_source(f"{stem}.txt")
    assert text is not None, f"{stem}.txt is missing from the shared folder"
    assert graph.value(node, IG.sha256) == Literal(text.sha256)
    assert graph.value(node, IG.dateAsStated) == Literal(text.header["date-as-stated"])


@pytest.mark.parametrize("path", SOURCE_FILES, ids=lambda p: p.name)
def test_every_evidence_span_is_at_its_offsets(path):
    stem = path.name.removesuffix(".trig")
    graph = _source_graph(path)
    body = load_source(f"{stem}.txt").body
    evidence_nodes = set(graph.subjects(RDF.type, IG.Evidence))
    assert evidence_nodes, f"{path.name}: no evidence"
    for node in evidence_nodes:
        assert graph.value(node, OA.hasSource) == ID["source"][stem]
        quote = URIRef(f"{node}-quote")
        position = URIRef(f"{node}-position")
        assert set(graph.objects(node, OA.hasSelector)) == {quote, position}
        start = graph.value(position, OA.start)
        end = graph.value(position, OA.end)
        assert start.datatype == end.datatype == XSD.nonNegativeInteger
        start, end = start.toPython(), end.toPython()
        assert str(node) == str(ID["evidence"][f"{stem}-{start}-{end}"])
        assert body[start:end] == str(graph.value(quote, OA.exact)), f"{node}: exact not at its offsets"
        assert str(graph.value(quote, OA.prefix)) == body[max(0, start - 32) : start]
        assert str(graph.value(quote, OA.suffix)) == body[end : end + 32]


@pytest.mark.parametrize("path", SOURCE_FILES, ids=lambda p: p.name)
def test_facts_cite_this_source_and_its_evidence(path):
    stem = path.name.removesuffix(".trig")
    graph = _source_graph(path)
    source = ID["source"][stem]
    facts = set(graph.subjects(PROV_DERIVED, None))
    assert facts
    for fact in facts:
        assert set(graph.objects(fact, PROV_DERIVED)) == {source}
        evidence = set(graph.objects(fact, IG.evidence))
        assert evidence, f"{fact}: no evidence"
        assert all((item, RDF.type, IG.Evidence) in graph for item in evidence), f"{fact}: dangling evidence"


@pytest.mark.parametrize("path", SOURCE_FILES, ids=lambda p: p.name)
def test_registry_holds_every_entity_a_source_names(path, press_entities):
    graph = _source_graph(path)
    prefixes = tuple(str(ID[kind]) for kind in REGISTRY_TYPES)
    named = {term for triple in graph for term in triple if isinstance(term, URIRef)}
    missing = sorted(
        str(term)
        for term in named
        if str(term).startswith(prefixes) and (term, RDF.type, None) not in press_entities
    )
    assert missing == [], f"{path.name}: not in data/entities: {missing}"


def test_entities_file_types_match_their_file(press_entities):
    expected = {"laender": IG.Land, "bodies": IG.Body, "ministries": IG.Ministry, "persons": IG.Person,
                "posts": IG.Post, "places": IG.Place, "plans": IG.Plan, "topics": IG.Topic,
                "documents": IG.Document, "single-holder-posts": IG.SingleHolderPost}  # fmt: skip
    ontology = _turtle(ONTOLOGY_DIR / "integrationsgraph.ttl")
    for path in ENTITY_FILES:
        graph = _turtle(path)
        types = set(graph.objects(None, RDF.type))
        # corpus-<type>.ttl (and a curator's <name>-<type>.ttl) holds additions of the same type (or a
        # subclass of it, such as ig:RolePost, besides it).
        names = sorted(expected, key=len, reverse=True)  # single-holder-posts before posts
        kind = expected[next(n for n in names if path.stem == n or path.stem.endswith(f"-{n}"))]
        allowed = {kind, *ontology.transitive_subjects(RDFS.subClassOf, kind)}
        assert kind in types, f"{path.name}: {types}"
        assert types <= allowed, f"{path.name}: {types}"


def test_chair_hand_over_shares_one_instant():
    graph = _source_graph(DATA_DIR / "sources" / "003_ebd8c5b068b7a6d2.trig")
    hamburg = ID["holding"]["intmk-chair-until-2022-hamburg"]
    hessen = ID["holding"]["intmk-chair-2022-hessen"]
    hand_over = graph.value(graph.value(hamburg, ORG.memberDuring), TIME.hasEnd)
    hessen_tenure = graph.value(hessen, ORG.memberDuring)
    assert graph.value(hessen_tenure, TIME.hasBeginning) == hand_over
    assert (hessen, IG.succeeds, hamburg) in graph
    assert graph.value(hand_over, IG.earliest) == Literal("2022-07-01", datatype=XSD.date)
    assert graph.value(hand_over, IG.dateMethod) == IGC["from-weekday"]
    end = graph.value(hessen_tenure, TIME.hasEnd)
    assert graph.value(end, IG.earliest) == Literal("2023-07-01", datatype=XSD.date)
    assert graph.value(end, IG.dateMethod) == IGC["day-after-stated-last-day"]
