"""`integrationsgraph export` against the real build: every format written to a file and read back."""

from __future__ import annotations

import io
import json
from pathlib import Path

import networkx as nx
import pytest

from integrationsgraph.cli import main
from integrationsgraph.errors import EXIT_USAGE

pytestmark = pytest.mark.slow

BASE = "https://w3id.org/integrationsgraph/"


@pytest.fixture(scope="module")
def real_build_dir(built_release) -> Path:
    return built_release.release_dir.parent.parent


def run_export(build_dir: Path, tmp_path: Path, *args: str) -> bytes:
    output = tmp_path / "export.out"
    assert main(["export", *args, "-o", str(output), "--build-dir", str(build_dir)]) == 0
    return output.read_bytes()


def test_whole_graph_as_gexf_has_chair_holdings_on_the_timeline(real_build_dir, tmp_path):
    graph = nx.read_gexf(io.BytesIO(run_export(real_build_dir, tmp_path, "--format", "gexf")))
    hessen_2022 = graph.nodes[BASE + "id/holding/intmk-chair-2022-hessen"]
    assert hessen_2022["start"].startswith("2022-")
    assert graph.nodes[BASE + "id/land/hessen"]["label"] == "Hessen"
    assert not any(node.startswith(BASE + "def") for node in graph.nodes)


def test_entity_neighbourhood_in_english_as_graphml(real_build_dir, tmp_path):
    data = run_export(
        real_build_dir,
        tmp_path,
        "--format",
        "graphml",
        "--scope",
        "entity",
        BASE + "id/body/intmk",
        "--depth",
        "1",
        "--lang",
        "en",
    )
    graph = nx.read_graphml(io.BytesIO(data), force_multigraph=True)
    assert BASE + "id/body/intmk" in graph.nodes
    assert BASE + "id/post/intmk-chair" in graph.nodes
    labels = (
        {graph.nodes[BASE + "id/land/hessen"]["label"]} if BASE + "id/land/hessen" in graph.nodes else set()
    )
    assert labels <= {"Hesse"}


def test_construct_scope_with_predeclared_prefixes_as_cytoscape(real_build_dir, tmp_path):
    query = (
        "CONSTRUCT { ?h ig:post post:intmk-chair ; org:member ?m } "
        "WHERE { ?h ig:post post:intmk-chair ; org:member ?m }"
    )
    data = json.loads(
        run_export(real_build_dir, tmp_path, "--format", "cytoscape", "--scope", "construct", query)
    )
    ids = {element["data"]["id"] for element in data["elements"]["nodes"]}
    assert BASE + "id/post/intmk-chair" in ids
    assert BASE + "id/land/hessen" in ids


def test_inferred_adds_edges(real_build_dir, tmp_path):
    asserted = run_export(real_build_dir, tmp_path, "--format", "dot")
    inferred = run_export(real_build_dir, tmp_path, "--format", "dot", "--inferred")
    assert asserted.count(b" -> ") < inferred.count(b" -> ")


def test_usage_errors_exit_2(real_build_dir, capsys):
    assert (
        main(["export", "--format", "dot", "--scope", "entity", "--build-dir", str(real_build_dir)])
        == EXIT_USAGE
    )
    assert "--scope takes" in capsys.readouterr().err
    assert main(["export", "--format", "svg"]) == EXIT_USAGE


def test_without_output_file_writes_to_standard_output(real_build_dir, capsysbinary):
    args = [
        "export",
        "--format",
        "dot",
        "--scope",
        "entity",
        BASE + "id/land/hessen",
        "--build-dir",
        str(real_build_dir),
    ]
    assert main(args) == 0
    written = capsysbinary.readouterr().out
    assert written.startswith(b'digraph "Integrationsgraph" {')
    assert f'"{BASE}id/land/hessen" [label="Hessen"'.encode() in written
