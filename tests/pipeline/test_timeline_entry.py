"""The timeline-entry rule: one dated entry per fact and source, derived after the tenures (the build's
`rules-after-tenures` stage), with its provenance; the `timeline` query reads them. Checked on the real
build (the fixture data dates nothing with a latest day, so it has no entries)."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from integrationsgraph.errors import InputError
from integrationsgraph.namespaces import sparql_prologue
from integrationsgraph.paths import PROJECT_ROOT
from integrationsgraph.pipeline.sparqlfiles import read_sparql_file
from integrationsgraph.queries.catalog import load_catalog

BASE = "https://w3id.org/integrationsgraph/"
ENTRIES = (
    sparql_prologue()
    + """
SELECT ?entry ?graph ?fact ?source ?earliest ?latest ?kind ?subject ?agent ?rule
       (GROUP_CONCAT(STR(?from); separator=" ") AS ?derivedFrom) WHERE {
    GRAPH ?graph { ?entry a ig:TimelineEntry ; ig:timelineFact ?fact ; ig:timelineSource ?source ;
        ig:timelineEarliest ?earliest ; ig:timelineLatest ?latest ; ig:timelineKind ?kind ;
        prov:wasGeneratedBy ?rule ; prov:wasDerivedFrom ?from .
        OPTIONAL { ?entry ig:timelineSubject ?subject } OPTIONAL { ?entry ig:timelineAgent ?agent } }
} GROUP BY ?entry ?graph ?fact ?source ?earliest ?latest ?kind ?subject ?agent ?rule"""
)
TENURE_BOUNDS = (
    sparql_prologue()
    + """
SELECT ?holding ?tenure ?post ?member ?earliest ?latest (COUNT(DISTINCT ?source) AS ?sources) WHERE {
    ?tenure ig:tenureOf ?holding ; ig:tenurePost ?post ; ig:tenureHolder ?member ;
        ig:earliestBeginning ?earliest ; ig:latestBeginning ?latest .
    GRAPH ?g { ?holding prov:wasDerivedFrom ?source } FILTER(?g != graph:inferred)
} GROUP BY ?holding ?tenure ?post ?member ?earliest ?latest"""
)


@pytest.fixture(scope="module")
def built(built_release, graph_store) -> tuple[dict, ox.Store]:
    return built_release.report, graph_store


def _entries(store: ox.Store) -> list[dict[str, str]]:
    names = ("entry", "graph", "fact", "source", "earliest", "latest", "kind", "rule", "derivedFrom")
    return [
        {name: row[name].value for name in (*names, "subject", "agent") if row[name] is not None}
        for row in store.query(ENTRIES, use_default_graph_as_union=True)
    ]


def test_each_holding_begins_on_its_resolved_window_with_its_post_and_holder(built):
    report, store = built
    entries = _entries(store)
    rows = store.query(TENURE_BOUNDS, use_default_graph_as_union=True)
    tenures = {row["holding"].value: row for row in rows}
    beginnings: dict[str, list[dict]] = {}
    for entry in entries:
        if entry["kind"] == "Amtsbeginn":
            beginnings.setdefault(entry["fact"], []).append(entry)
    assert set(beginnings) == set(tenures)
    assert len(tenures) >= 20
    for holding, tenure in tenures.items():
        # one entry per source graph that states the holding, each on the tenure's window
        assert len(beginnings[holding]) == int(tenure["sources"].value)
        for entry in beginnings[holding]:
            assert (entry["earliest"], entry["latest"]) == (tenure["earliest"].value, tenure["latest"].value)
            assert (entry["subject"], entry["agent"]) == (tenure["post"].value, tenure["member"].value)
            assert tenure["tenure"].value in entry["derivedFrom"].split()
    hessen = beginnings[BASE + "id/holding/intmk-chair-2022-hessen"]
    assert {(e["earliest"], e["subject"], e["agent"]) for e in hessen} == {
        ("2022-07-01", BASE + "id/post/intmk-chair", BASE + "id/land/hessen")
    }
    assert report["rules"]["timeline-entry"] > 0
    assert "rules-after-tenures" in report["seconds"]


def test_an_entry_names_its_rule_fact_and_source_and_lives_in_the_inferred_graph(built):
    _, store = built
    entries = _entries(store)
    assert entries
    for entry in entries:
        assert entry["graph"] == BASE + "graph/inferred"
        assert entry["rule"] == BASE + "def/rule/timeline-entry"
        assert {entry["fact"], entry["source"]} <= set(entry["derivedFrom"].split())
        assert entry["source"].startswith(BASE + "id/source/")
    assert len({e["entry"] for e in entries}) == len(entries)  # one node per fact, source, dated thing


def test_the_timeline_query_answers_one_row_per_entry(built):
    _, store = built
    entries = _entries(store)
    period = {"from": "2022-01-01", "to": "2022-12-31"}
    rows = list(store.query(load_catalog()["timeline"].bind(period), use_default_graph_as_union=True))
    in_period = [e for e in entries if e["latest"] >= "2022-01-01" and e["earliest"] <= "2022-12-31"]
    assert 0 < len(in_period) < 500  # the whole period fits on the page
    assert sorted({(r["fact"].value, r["what"].value, r["earliest"].value) for r in rows}) == sorted(
        {(e["fact"], e["kind"], e["earliest"]) for e in in_period}
    )
    assert {int(r["entriesInPeriod"].value) for r in rows} == {len(in_period)}


def test_a_rule_runs_after_the_tenures_only_when_its_header_says_so(tmp_path):
    rule_dir = PROJECT_ROOT / "rules"
    assert read_sparql_file(rule_dir / "timeline-entry.rq", "rule").after == "tenures"
    assert read_sparql_file(rule_dir / "change-event-type.rq", "rule").after == ""
    later = tmp_path / "later.rq"
    header = "# rule: later\n# after: checks\n# summary: s\n"
    later.write_text(header + "CONSTRUCT {} WHERE {}\n", encoding="utf-8")
    with pytest.raises(InputError, match="only run after 'tenures'"):
        read_sparql_file(later, "rule")
