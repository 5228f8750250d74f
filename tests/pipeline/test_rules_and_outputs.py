"""The exercising-minister rule, the release layout, determinism of the dumps, and store access."""

from __future__ import annotations

import json
from importlib.metadata import version
from pathlib import Path

import pyoxigraph as ox
import pytest

from integrationsgraph.errors import InputError
from integrationsgraph.namespaces import sparql_prologue
from integrationsgraph.pipeline.freshness import build_is_current
from integrationsgraph.pipeline.options import BuildOptions
from integrationsgraph.pipeline.runner import run_build
from integrationsgraph.store import current_release, open_store

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
PROJECT = FIXTURES.parent.parent

DERIVED = (
    sparql_prologue()
    + """
SELECT ?derived ?person ?land ?rule WHERE {
    GRAPH graph:inferred {
        ?derived ig:exercises holding:musterkonferenz-chair-2022-musterland ;
            org:member ?person ; ig:onBehalfOf ?land ; prov:wasGeneratedBy ?rule ;
            prov:wasDerivedFrom holding:erika-muster-integration-minister ,
                                holding:musterkonferenz-chair-2022-musterland .
    }
}"""
)


def fixture_options(data_dir, build_dir, **changes) -> BuildOptions:
    return BuildOptions(
        ontology_dir=FIXTURES / "ontology",
        data_dir=data_dir,
        rules_dir=PROJECT / "rules",
        queries_dir=PROJECT / "queries",
        build_dir=build_dir,
        shared_dir=FIXTURES / "shared",
        **changes,
    )


def test_exercising_minister_is_derived_where_no_exerciser_is_named(fixture_data, tmp_path):
    result = run_build(fixture_options(fixture_data(), tmp_path / "build"))
    store = open_store(tmp_path / "build")
    rows = list(store.query(DERIVED, use_default_graph_as_union=True))
    assert len(rows) == 1
    row = rows[0]
    assert row["person"] == ox.NamedNode("https://w3id.org/integrationsgraph/id/person/erika-muster")
    assert row["land"] == ox.NamedNode("https://w3id.org/integrationsgraph/id/land/musterland")
    assert row["rule"] == ox.NamedNode("https://w3id.org/integrationsgraph/def/rule/exercising-minister")
    assert row["derived"].value.startswith(
        "https://w3id.org/integrationsgraph/id/holding/derived-exercising-"
    )
    # The reasoner runs again over what the rule minted: types and the inverse link.
    derived = row["derived"]
    ask = (
        sparql_prologue()
        + f"""ASK {{ GRAPH graph:inferred {{
        {derived} a org:Membership , ig:Fact , prov:Entity .
        holding:musterkonferenz-chair-2022-musterland ig:exercisedBy {derived} . }} }}"""
    )
    assert bool(store.query(ask))
    assert result.report["rules"] == {
        "change-event-type": 0,
        "exercising-minister": 10,
        "named-post": 0,
        "plan-revision": 0,
        "timeline-entry": 0,  # the fixture dates nothing with a latest day
    }


def test_exercising_minister_is_not_derived_where_the_source_names_one(fixture_data, tmp_path):
    result = run_build(fixture_options(fixture_data("exercising-named"), tmp_path / "build"))
    store = open_store(tmp_path / "build")
    assert list(store.query(DERIVED, use_default_graph_as_union=True)) == []
    assert result.report["rules"] == {
        "change-event-type": 0,
        "exercising-minister": 0,
        "named-post": 0,
        "plan-revision": 0,
        "timeline-entry": 0,  # the fixture dates nothing with a latest day
    }


def test_two_builds_of_the_same_inputs_write_identical_dumps(fixture_data, tmp_path):
    data = fixture_data()
    first = run_build(fixture_options(data, tmp_path / "one"))
    second = run_build(fixture_options(fixture_data(), tmp_path / "two"))
    assert first.release_dir.name == second.release_dir.name  # the input hash ignores locations
    for name in ("integrationsgraph.trig", "integrationsgraph.nq"):
        one = (first.release_dir / "dumps" / name).read_bytes()
        two = (second.release_dir / "dumps" / name).read_bytes()
        assert one == two
        assert b"_:" not in one  # no blank nodes: nothing for a serializer to renumber
    lines = (first.release_dir / "dumps" / "integrationsgraph.nq").read_text(encoding="utf-8").splitlines()
    assert len(lines) == first.report["triples"]["total"]
    trig = set(ox.parse(path=str(first.release_dir / "dumps" / "integrationsgraph.trig")))
    nquads = set(ox.parse(path=str(first.release_dir / "dumps" / "integrationsgraph.nq")))
    assert trig == nquads


def test_report_counts_graphs_stages_and_inputs(fixture_data, tmp_path):
    result = run_build(fixture_options(fixture_data(), tmp_path / "build"))
    report = json.loads((result.release_dir / "report.json").read_text(encoding="utf-8"))
    assert report["input_hash"] == result.release_dir.name
    graphs = report["graphs"]
    assert set(graphs) == {
        "https://w3id.org/integrationsgraph/graph/ontology",
        "https://w3id.org/integrationsgraph/graph/entities",
        "https://w3id.org/integrationsgraph/graph/source/fixture-release",
        "https://w3id.org/integrationsgraph/graph/inferred",
    }
    assert all(count > 0 for count in graphs.values())
    assert report["triples"]["asserted"] + report["triples"]["inferred"] == report["triples"]["total"]
    assert set(report["seconds"]) >= {"parse", "validate", "reason", "store", "rules", "checks", "dumps"}
    assert "unknown-source" in report["checks"]
    assert report["dumps"] == {"trig": "dumps/integrationsgraph.trig", "nquads": "dumps/integrationsgraph.nq"}
    assert report["evidence"] == {
        "checked": True,
        "spans": 3,
        "note": f"checked against {FIXTURES / 'shared'}",
    }
    assert report["tools"]["pyoxigraph"] == version("pyoxigraph")


def test_store_helpers_follow_the_current_release(fixture_data, tmp_path):
    build_dir = tmp_path / "build"
    assert current_release(build_dir) is None
    with pytest.raises(InputError, match="no built graph"):
        open_store(build_dir)
    data = fixture_data()
    options = fixture_options(data, build_dir)
    assert not build_is_current(options)
    result = run_build(options)
    assert current_release(build_dir) == result.release_dir
    assert build_is_current(options)
    with (data / "entities" / "registry.ttl").open("a", encoding="utf-8") as file:
        file.write('land:fernland a ig:Land ; rdfs:label "Fernland"@de .\n')
    assert not build_is_current(options)
