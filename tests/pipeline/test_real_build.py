"""A full build of the real ontology and data (the session's `built_release`)."""

from __future__ import annotations

import pytest

from integrationsgraph.namespaces import ENTITIES_GRAPH, INFERRED_GRAPH, ONTOLOGY_GRAPH
from integrationsgraph.pipeline.options import existing_shared_dir

pytestmark = pytest.mark.slow


def test_every_graph_of_the_real_build_has_triples(built_release):
    report = built_release.report
    graphs = report["graphs"]
    for graph in (ONTOLOGY_GRAPH, ENTITIES_GRAPH, INFERRED_GRAPH):
        assert graphs.get(str(graph), 0) > 0, graph
    source_graphs = [g for g in graphs if "/graph/source/" in g]
    assert len(source_graphs) == report["source_graphs"] > 0
    assert all(graphs[g] > 0 for g in source_graphs)
    assert report["triples"]["asserted"] > 0
    assert report["triples"]["inferred"] > 0
    assert all(seconds >= 0 for seconds in report["seconds"].values())


def test_the_real_build_checked_every_evidence_span(built_release, graph_store):
    # ../shared is a prerequisite of the test command (CI lays it beside the clone): without it the build
    # would skip the evidence check, so its absence is a failure here, not a pass.
    assert existing_shared_dir() is not None, "../shared (or $INTEGRATIONSGRAPH_SHARED) is missing"
    evidence = built_release.report["evidence"]
    assert evidence["checked"] is True
    quotes = graph_store.query(
        "SELECT (COUNT(DISTINCT ?quote) AS ?n) WHERE { GRAPH ?g { ?quote a oa:TextQuoteSelector } }",
        prefixes={"oa": "http://www.w3.org/ns/oa#"},
    )
    assert evidence["spans"] == int(next(iter(quotes))["n"].value) > 200


def test_graph_store_answers_over_the_union_of_graphs(graph_store, built_release):
    total = sum(1 for _ in graph_store.quads_for_pattern(None, None, None, None))
    assert total == built_release.report["triples"]["total"]
    ask = "ASK { ?land a <https://w3id.org/integrationsgraph/def#Land> }"
    assert bool(graph_store.query(ask, use_default_graph_as_union=True))
