"""The build's reasoner derives from synthetic data exactly what owlrl's full OWL 2 RL closure derives
about the data (the benchmark's equivalence claim, checked on a generated sample)."""

from __future__ import annotations

import owlrl
import pytest
from rdflib import BNode

from bench.synthetic import generate
from integrationsgraph.paths import ONTOLOGY_DIR, QUERIES_DIR
from integrationsgraph.pipeline.inputs import discover_inputs
from integrationsgraph.pipeline.loading import load_inputs
from integrationsgraph.pipeline.options import RULES_DIR
from integrationsgraph.pipeline.reasoning import InstanceReasoner, about_our_data, data_nodes, reason
from integrationsgraph.pipeline.tbox import close_ontology
from integrationsgraph.pipeline.terms import from_rdflib, rdflib_graph


def owlrl_entailments_about_data(inputs) -> set[tuple]:
    graph = rdflib_graph(t for loaded in inputs.stored_files for t in loaded.triples)
    asserted = set(graph)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(graph)
    nodes = data_nodes(inputs)
    converted = (
        tuple(from_rdflib(term) for term in triple)
        for triple in set(graph) - asserted
        if not any(isinstance(term, BNode) for term in triple)
    )
    return {triple for triple in converted if about_our_data(triple, nodes)}


@pytest.mark.slow
def test_reasoner_matches_owlrl_on_synthetic_data(tmp_path):
    tree = tmp_path / "tree"
    generate(2000, tree, seed=5)
    inputs = load_inputs(discover_inputs(ONTOLOGY_DIR, tree / "data", RULES_DIR, QUERIES_DIR))
    ours = reason(InstanceReasoner(close_ontology(inputs.ontology)), inputs)
    theirs = owlrl_entailments_about_data(inputs)
    assert len(theirs) > 100
    assert sorted(map(str, ours - theirs)) == []
    assert sorted(map(str, theirs - ours)) == []
