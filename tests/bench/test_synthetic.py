"""The synthetic data generator: deterministic, on size, evidence at its offsets, no blank nodes."""

from __future__ import annotations

import filecmp
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pyoxigraph import BlankNode, NamedNode, Quad, RdfFormat, Store, parse

from bench.synthetic import generate
from integrationsgraph.errors import UsageError
from integrationsgraph.namespaces import ENTITIES_GRAPH, sparql_prologue
from integrationsgraph.paths import PROJECT_ROOT
from integrationsgraph.sources import parse_source

TARGET = 2000


@pytest.fixture(scope="module")
def synthetic_tree(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("synthetic") / "tree"
    generate(TARGET, out, seed=7)
    return out


@pytest.fixture(scope="module")
def synthetic_quads(synthetic_tree) -> list[Quad]:
    entities = NamedNode(str(ENTITIES_GRAPH))
    quads = []
    for path in sorted((synthetic_tree / "data" / "entities").glob("*.ttl")):
        quads += [
            Quad(q.subject, q.predicate, q.object, entities)
            for q in parse(path.read_bytes(), RdfFormat.TURTLE)
        ]
    for path in sorted((synthetic_tree / "data" / "sources").glob("*.trig")):
        quads += list(parse(path.read_bytes(), RdfFormat.TRIG))
    return quads


@pytest.fixture(scope="module")
def synthetic_store(synthetic_quads) -> Store:
    store = Store()
    store.extend(synthetic_quads)
    return store


def _select(store: Store, query: str) -> list[dict[str, str]]:
    results = store.query(sparql_prologue() + query, use_default_graph_as_union=True)
    return [{var.value: row[var].value for var in results.variables} for row in results]


def _files(root: Path) -> list[str]:
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


def test_same_seed_gives_byte_identical_trees(synthetic_tree, tmp_path):
    again = tmp_path / "again"
    generate(TARGET, again, seed=7)
    assert _files(again) == _files(synthetic_tree)
    _, mismatch, errors = filecmp.cmpfiles(synthetic_tree, again, _files(synthetic_tree), shallow=False)
    assert mismatch == []
    assert errors == []


def test_the_command_line_writes_the_same_tree_under_another_hash_seed(synthetic_tree, tmp_path):
    """Nothing depends on set or dict order of str hashes, which differ between processes."""
    again = tmp_path / "cli"
    command = [
        sys.executable,
        "-m",
        "bench.synthetic",
        "--triples",
        str(TARGET),
        "--out",
        str(again),
        "--seed",
        "7",
    ]
    environment = {**os.environ, "PYTHONHASHSEED": "12345"}
    done = subprocess.run(
        command, cwd=PROJECT_ROOT, env=environment, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert f"{TARGET} triples" in done.stdout
    _, mismatch, errors = filecmp.cmpfiles(synthetic_tree, again, _files(synthetic_tree), shallow=False)
    assert mismatch == []
    assert errors == []


def test_another_seed_gives_other_data(synthetic_tree, tmp_path):
    other = tmp_path / "other"
    generate(TARGET, other, seed=8)
    first = (synthetic_tree / "data" / "entities" / "persons.ttl").read_text(encoding="utf-8")
    assert (other / "data" / "entities" / "persons.ttl").read_text(encoding="utf-8") != first


def test_asserted_triples_hit_the_target(synthetic_tree, synthetic_quads):
    assert abs(len(synthetic_quads) - TARGET) <= TARGET * 0.02
    manifest = json.loads((synthetic_tree / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["triples"] == len(synthetic_quads) == len(set(synthetic_quads))


def test_no_blank_nodes(synthetic_quads):
    assert [
        q for q in synthetic_quads if isinstance(q.subject, BlankNode) or isinstance(q.object, BlankNode)
    ] == []


def test_every_evidence_span_occurs_at_its_offsets(synthetic_tree, synthetic_store):
    rows = _select(
        synthetic_store,
        """
        SELECT ?evidence ?file ?start ?end ?exact ?prefix ?suffix WHERE {
          ?evidence a ig:Evidence ; oa:hasSource/ig:fileName ?file ;
            oa:hasSelector ?position, ?quote .
          ?position a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end .
          ?quote a oa:TextQuoteSelector ; oa:exact ?exact ; oa:prefix ?prefix ; oa:suffix ?suffix .
        }""",
    )
    assert len(rows) > 20
    for row in rows:
        body = parse_source(synthetic_tree / "shared" / "press" / row["file"]).body
        start, end = int(row["start"]), int(row["end"])
        assert body[start:end] == row["exact"]
        assert body[:start].endswith(row["prefix"])
        assert body[end:].startswith(row["suffix"])
        assert row["evidence"].endswith(f"-{start}-{end}")


def test_every_fact_cites_its_source_and_evidence_in_its_graph(synthetic_store):
    facts = _select(
        synthetic_store,
        """
        SELECT ?g (COUNT(DISTINCT ?fact) AS ?n) WHERE { GRAPH ?g { ?fact prov:wasDerivedFrom ?source } }
        GROUP BY ?g""",
    )
    assert sum(int(row["n"]) for row in facts) > 20
    missing = _select(
        synthetic_store,
        """
        SELECT ?fact WHERE { GRAPH ?g { ?fact prov:wasDerivedFrom ?source
          FILTER NOT EXISTS { ?fact ig:evidence ?evidence . ?evidence oa:hasSource ?source } } }""",
    )
    assert missing == []


def test_every_instant_has_three_time_layers_and_a_method(synthetic_store):
    instants = _select(synthetic_store, "SELECT (COUNT(?i) AS ?n) WHERE { ?i a time:Instant }")
    assert int(instants[0]["n"]) > 20
    incomplete = _select(
        synthetic_store,
        """
        SELECT ?i WHERE { ?i a time:Instant
          FILTER(NOT EXISTS { ?i ig:earliest ?e ; ig:latest ?l ; ig:edtf ?f ; ig:dateMethod ?m }
                 || NOT EXISTS { ?i time:inXSDDate|time:inXSDgYearMonth|time:inXSDgYear ?v }) }""",
    )
    assert incomplete == []


def test_all_sixteen_laender_have_german_labels(synthetic_store):
    rows = _select(
        synthetic_store,
        """
        SELECT ?land WHERE { GRAPH graph:entities { ?land a ig:Land ; rdfs:label ?label
          FILTER(LANG(?label) = "de") } }""",
    )
    assert len({row["land"] for row in rows}) == 16


def test_refuses_to_overwrite_a_foreign_folder(tmp_path):
    (tmp_path / "keep.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(UsageError, match="manifest"):
        generate(TARGET, tmp_path, seed=1)
    assert (tmp_path / "keep.txt").read_text(encoding="utf-8") == "mine"


def test_too_small_a_target_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="--triples"):
        generate(10, tmp_path / "tiny", seed=1)
