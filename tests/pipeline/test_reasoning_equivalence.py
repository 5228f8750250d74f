"""Our compiled OWL 2 RL rules against owlrl's full closure, on the real ontology with the real data
plus a synthetic sample that uses every class and property of the ontology."""

from __future__ import annotations

import shutil

import pyoxigraph as ox
import pytest
from rdflib.namespace import OWL, RDF

from integrationsgraph.paths import DATA_DIR, ONTOLOGY_DIR, QUERIES_DIR
from integrationsgraph.pipeline.inputs import discover_inputs
from integrationsgraph.pipeline.loading import load_inputs
from integrationsgraph.pipeline.options import RULES_DIR
from integrationsgraph.pipeline.reasoning import InstanceReasoner, reason
from integrationsgraph.pipeline.tbox import check_constructs, close_ontology

SYNTHETIC = "https://w3id.org/integrationsgraph/id/synthetic/"


def declared(ontology_triples, kind) -> list[str]:
    return sorted(
        {t.subject.value for t in ontology_triples
         if t.predicate.value == str(RDF.type) and t.object.value == str(kind)
         and isinstance(t.subject, ox.NamedNode)}
    )  # fmt: skip


def synthetic_sample(ontology_triples) -> str:
    """N-Triples: an instance of every class; every object property between fresh nodes (a chain of
    three links for transitive and symmetric ones, so their rules have work), every datatype property
    with a literal. Fresh nodes per property keep disjoint domains and ranges apart."""
    chained = set(declared(ontology_triples, OWL.TransitiveProperty)) | set(
        declared(ontology_triples, OWL.SymmetricProperty)
    )
    lines = []
    for index, cls in enumerate(declared(ontology_triples, OWL.Class)):
        lines.append(f"<{SYNTHETIC}c{index}> <{RDF.type}> <{cls}> .")
    for index, prop in enumerate(declared(ontology_triples, OWL.ObjectProperty)):
        for step in range(3 if prop in chained else 1):
            lines.append(f"<{SYNTHETIC}p{index}-{step}> <{prop}> <{SYNTHETIC}p{index}-{step + 1}> .")
    for index, prop in enumerate(declared(ontology_triples, OWL.DatatypeProperty)):
        lines.append(f'<{SYNTHETIC}d{index}> <{prop}> "value {index}" .')
    return "\n".join(lines) + "\n"


@pytest.mark.slow
def test_compiled_rules_equal_owlrl_on_real_data_and_a_synthetic_sample(tmp_path, owlrl_reference):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    real = load_inputs(discover_inputs(ONTOLOGY_DIR, data, RULES_DIR, QUERIES_DIR))
    ontology_triples = [t for loaded in real.ontology for t in loaded.triples]
    (data / "entities" / "zz-synthetic.ttl").write_text(synthetic_sample(ontology_triples), encoding="utf-8")
    inputs = load_inputs(discover_inputs(ONTOLOGY_DIR, data, RULES_DIR, QUERIES_DIR))
    check_constructs(inputs.ontology, inputs.data_files)
    ours = reason(InstanceReasoner(close_ontology(inputs.ontology)), inputs)
    theirs = owlrl_reference(inputs)
    assert len(ours) > 100  # the sample really exercises the rules
    assert sorted(map(str, ours - theirs)) == []
    assert sorted(map(str, theirs - ours)) == []
