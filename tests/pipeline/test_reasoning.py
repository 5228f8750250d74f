"""What the reasoner adds for a small hand-made fixture, stated exactly and checked against owlrl."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from integrationsgraph.errors import DataNonConformant, InputError
from integrationsgraph.pipeline.inputs import discover_inputs
from integrationsgraph.pipeline.loading import load_inputs
from integrationsgraph.pipeline.reasoning import InstanceReasoner, reason
from integrationsgraph.pipeline.tbox import check_constructs, close_ontology

FIXTURE_ONTOLOGY = Path(__file__).resolve().parent.parent / "fixtures" / "ontology"
ID = "https://w3id.org/integrationsgraph/id/"
NAMESPACES = {
    "ig": "https://w3id.org/integrationsgraph/def#",
    "org": "http://www.w3.org/ns/org#",
    "prov": "http://www.w3.org/ns/prov#",
    "time": "http://www.w3.org/2006/time#",
    "oa": "http://www.w3.org/ns/oa#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    **{kind: f"{ID}{kind}/" for kind in ("holding", "person", "interval", "topic", "land")},
}
PREFIXES = "".join(f"@prefix {name}: <{iri}> .\n" for name, iri in NAMESPACES.items())

HAND_MADE = """
holding:h a ig:Holding ; org:member person:p ; ig:exercises holding:l ;
    org:memberDuring interval:i ; ig:succeeds holding:g .
person:p a ig:Person .
topic:a ig:partOfTopic topic:b . topic:b ig:partOfTopic topic:c .
topic:a ig:relatedTopic topic:d .
"""

# Exactly what OWL 2 RL adds about the hand-made data (owlrl agrees: see the test below).
EXPECTED = """
holding:h rdf:type org:Membership , ig:Fact , prov:Entity .
holding:l rdf:type ig:Holding , org:Membership , ig:Fact , prov:Entity .
holding:l ig:exercisedBy holding:h .
holding:g ig:precedes holding:h .
person:p rdf:type prov:Agent .
interval:i rdf:type time:ProperInterval .
topic:a ig:partOfTopic topic:c .
topic:d ig:relatedTopic topic:a .
"""


def triples(turtle: str) -> set[tuple]:
    return {(q.subject, q.predicate, q.object) for q in ox.parse(PREFIXES + turtle, ox.RdfFormat.TURTLE)}


def fixture_inputs(tmp_path: Path, turtle: str, ontology: Path = FIXTURE_ONTOLOGY):
    data = tmp_path / "data"
    (data / "entities").mkdir(parents=True)
    (data / "sources").mkdir()
    (data / "entities" / "hand-made.ttl").write_text(PREFIXES + turtle, encoding="utf-8")
    return load_inputs(discover_inputs(ontology, data, tmp_path / "no-rules", tmp_path / "no-queries"))


def test_reasoner_adds_exactly_the_expected_triples(tmp_path):
    inputs = fixture_inputs(tmp_path, HAND_MADE)
    entailed = reason(InstanceReasoner(close_ontology(inputs.ontology)), inputs)
    assert entailed == triples(EXPECTED)


def test_owlrl_adds_exactly_the_same_for_the_hand_made_fixture(tmp_path, owlrl_reference):
    inputs = fixture_inputs(tmp_path, HAND_MADE)
    assert owlrl_reference(inputs) == triples(EXPECTED)


def test_disjoint_classes_sharing_a_node_fail_the_build(tmp_path):
    inputs = fixture_inputs(tmp_path, "land:x a ig:Land , ig:Person .")
    with pytest.raises(DataNonConformant, match="owl-disjoint-classes") as caught:
        reason(InstanceReasoner(close_ontology(inputs.ontology)), inputs)
    assert caught.value.problems[0].focus == f"{ID}land/x"
    assert caught.value.problems[0].file.endswith("hand-made.ttl")


@pytest.mark.parametrize(
    ("construct", "turtle"),
    [
        ("owl:FunctionalProperty", "ig:post a owl:FunctionalProperty ."),
        ("owl:propertyChainAxiom", "ig:x owl:propertyChainAxiom ( ig:post org:role ) ."),
        (
            "owl:someValuesFrom",
            "ig:X owl:equivalentClass [ owl:onProperty ig:post ; owl:someValuesFrom ig:Post ] .",
        ),
        ("owl:hasKey", "ig:Post owl:hasKey ( org:role ) ."),
        ("owl:unionOf", "ig:X owl:unionOf ( ig:Post ig:Land ) ."),
    ],
)
def test_constructs_the_compiled_rules_lack_are_refused(tmp_path, construct, turtle):
    ontology = tmp_path / "ontology"
    ontology.mkdir()
    for path in FIXTURE_ONTOLOGY.iterdir():
        (ontology / path.name).write_bytes(path.read_bytes())
    with (ontology / "integrationsgraph.ttl").open("a", encoding="utf-8") as file:
        file.write(turtle + "\n")
    inputs = fixture_inputs(tmp_path, HAND_MADE, ontology)
    with pytest.raises(InputError, match=rf"ontology/integrationsgraph\.ttl: uses .*{construct}"):
        check_constructs(inputs.ontology, inputs.data_files)


def test_schema_statements_in_data_are_refused(tmp_path):
    turtle = "holding:h <http://www.w3.org/2002/07/owl#sameAs> holding:g ."
    inputs = fixture_inputs(tmp_path, turtle)
    with pytest.raises(InputError, match=r"hand-made\.ttl: uses owl:sameAs: schema statements"):
        check_constructs(inputs.ontology, inputs.data_files)
