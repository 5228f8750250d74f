"""The SHACL shapes: well-formed SHACL, a curator's message on every shape, value lists in step with the
SKOS schemes, and hand-written snippets that conform or fail with the expected messages.

Each snippet in snippets/ is validated together with snippets/base.ttl, the way the build validates one
source graph with the registry: pyshacl, ontology + schemes as ont_graph, no inference. A `bad-*.ttl`
snippet lists the messages it must produce, one `# expect:` line each; no other message may appear.
"""

from __future__ import annotations

from pathlib import Path

import owlrl
import pyshacl
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH, SKOS

from integrationsgraph.namespaces import IG, IGC, ORG

from .conftest import SNIPPETS_DIR

SHACL_SHACL = Path(pyshacl.__file__).parent / "assets" / "shacl-shacl.ttl"
BASE_SNIPPET = SNIPPETS_DIR / "base.ttl"
GOOD_SNIPPETS = sorted(SNIPPETS_DIR.glob("good-*.ttl"))
BAD_SNIPPETS = sorted(SNIPPETS_DIR.glob("bad-*.ttl"))
EXPECT = "# expect: "

# The property each value list constrains, and the scheme whose concepts it must list.
VALUE_LISTS = {
    IG.meetingType: IGC["meeting-type"],
    IG.status: IGC["status"],
    IG.dateMethod: IGC["date-method"],
    ORG.role: IGC["role"],
    ORG.classification: IGC["body-type"],
}
SHAPE_PARAMETERS = {
    SH.targetClass, SH.targetSubjectsOf, SH.path, SH["class"], SH.datatype, SH.minCount, SH.maxCount,
    SH["in"], SH.pattern, SH["or"], SH.qualifiedValueShape, SH.languageIn, SH.nodeKind, SH.property,
    SH.minLength, SH.lessThan, SH.lessThanOrEquals,
}  # fmt: skip


def _validate(data: Graph, shapes: Graph, ont_graph: Graph) -> tuple[bool, set[str]]:
    conforms, results, _text = pyshacl.validate(
        data, shacl_graph=shapes, ont_graph=ont_graph, inference="none", allow_warnings=True
    )
    messages = {str(m) for m in results.objects(None, SH.resultMessage)}
    return conforms, messages


def _with_base(snippet: Path) -> Graph:
    return Graph().parse(BASE_SNIPPET).parse(snippet)


def _expected_messages(snippet: Path) -> set[str]:
    lines = snippet.read_text(encoding="utf-8").splitlines()
    return {line.removeprefix(EXPECT) for line in lines if line.startswith(EXPECT)}


# ---- the shapes graph itself -------------------------------------------------------------------------


def test_shapes_conform_to_shacl_shacl(ig_shapes: Graph):
    conforms, _results, text = pyshacl.validate(ig_shapes, shacl_graph=Graph().parse(SHACL_SHACL))
    assert conforms, text


def test_shacl_shacl_catches_a_malformed_shape():
    broken = Graph().parse(
        data="@prefix sh: <http://www.w3.org/ns/shacl#> . <urn:x:Shape> a sh:NodeShape ; "
        'sh:property [ sh:path <urn:x:p> ; sh:minCount "one" ] .',
        format="turtle",
    )
    conforms, _results, _text = pyshacl.validate(broken, shacl_graph=Graph().parse(SHACL_SHACL))
    assert not conforms


def test_pyshacl_meta_shacl_accepts_the_shapes(ig_shapes: Graph, ig_ont_graph: Graph):
    conforms, _results, text = pyshacl.validate(
        Graph().parse(BASE_SNIPPET), shacl_graph=ig_shapes, ont_graph=ig_ont_graph, meta_shacl=True
    )
    assert conforms, text


def test_every_shape_has_an_english_message(ig_shapes: Graph):
    shapes = {s for p in SHAPE_PARAMETERS for s in ig_shapes.subjects(p, None)}
    assert len(shapes) > 60
    for shape in shapes:
        messages = list(ig_shapes.objects(shape, SH.message))
        assert [m for m in messages if isinstance(m, Literal) and m.language == "en"], f"{shape} lacks one"


def test_shapes_are_named(ig_shapes: Graph):
    # Named shapes make pyshacl's sh:sourceShape readable in build reports.
    for predicate in (SH.property, SH.qualifiedValueShape):
        assert not [o for o in ig_shapes.objects(None, predicate) if isinstance(o, BNode)], predicate


def test_shapes_use_no_sparql_constraints(ig_shapes: Graph):
    # pyshacl parses a SPARQL constraint once per focus node: each one cost 0.5-1.2 s per source graph.
    assert not list(ig_shapes.subjects(SH.sparql, None))
    assert not list(ig_shapes.subjects(SH.select, None))


@pytest.mark.parametrize(("path", "scheme"), VALUE_LISTS.items(), ids=lambda t: str(t).rsplit("/")[-1])
def test_value_lists_match_the_schemes(ig_shapes: Graph, ig_schemes: Graph, path: URIRef, scheme: URIRef):
    lists = [ig_shapes.value(shape, SH["in"]) for shape in ig_shapes.subjects(SH.path, path)]
    lists = [head for head in lists if head is not None]
    assert len(lists) == 1, f"one sh:in for {path}"
    assert set(Collection(ig_shapes, lists[0])) == set(ig_schemes.subjects(SKOS.inScheme, scheme))


# ---- snippets ------------------------------------------------------------------------------------------


def test_snippets_exist():
    assert BASE_SNIPPET.exists()
    assert len(GOOD_SNIPPETS) >= 1
    assert len(BAD_SNIPPETS) >= 30


def test_base_snippet_conforms(ig_shapes: Graph, ig_ont_graph: Graph):
    conforms, messages = _validate(Graph().parse(BASE_SNIPPET), ig_shapes, ig_ont_graph)
    assert conforms, messages


@pytest.mark.parametrize("snippet", GOOD_SNIPPETS, ids=lambda p: p.name)
def test_good_snippet_conforms(ig_shapes: Graph, ig_ont_graph: Graph, snippet: Path):
    conforms, messages = _validate(_with_base(snippet), ig_shapes, ig_ont_graph)
    assert conforms, messages


@pytest.mark.parametrize("snippet", BAD_SNIPPETS, ids=lambda p: p.name)
def test_bad_snippet_fails_with_its_messages(ig_shapes: Graph, ig_ont_graph: Graph, snippet: Path):
    expected = _expected_messages(snippet)
    assert expected, f"{snippet.name} names no expected message"
    conforms, messages = _validate(_with_base(snippet), ig_shapes, ig_ont_graph)
    assert not conforms
    assert messages == expected


def test_reasoning_does_not_break_conformance(ig_ontology: Graph, ig_schemes: Graph, ig_shapes: Graph):
    # The domains and ranges type subjects and objects; after OWL RL closure, the good data must still
    # conform, so no domain or range types a node as something it is not.
    data = Graph()
    for snippet in (BASE_SNIPPET, *GOOD_SNIPPETS):
        data.parse(snippet)
    closed = data + ig_ontology + ig_schemes
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(closed)
    typed_as_fact = set(closed.subjects(RDF.type, IG.Fact))
    assert typed_as_fact == {s for s in typed_as_fact if (s, IG.evidence, None) in data}
    conforms, messages = _validate(closed, ig_shapes, ig_ontology + ig_schemes)
    assert conforms, messages
