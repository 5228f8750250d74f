"""`integrationsgraph serve` and `server.py`: settings errors, serving files, serving the current build."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from starlette.testclient import TestClient

from integrationsgraph.cli import main
from integrationsgraph.commands.serve import ensure_current_build
from integrationsgraph.datafiles import load_files
from integrationsgraph.errors import InputError
from integrationsgraph.paths import PROJECT_ROOT
from integrationsgraph.pipeline.inputs import discover_inputs, input_hash
from integrationsgraph.pipeline.options import BuildOptions
from integrationsgraph.server.app import create_app
from integrationsgraph.settings import Settings
from integrationsgraph.store import current_release
from tests.server.conftest import serving_process

TURTLE = '@prefix ex: <http://example.org/> .\nex:a ex:p "one" .\n'
TRIG = "@prefix ex: <http://example.org/> .\nex:g { ex:b ex:p 2 }\n{ ex:c ex:p 3 }\n"


def test_bad_setting_exits_2_naming_it(capsys) -> None:
    assert main(["serve", "--port", "eighty"]) == 2
    message = capsys.readouterr().err
    assert "port" in message
    assert "'eighty'" in message


def test_bad_environment_setting_exits_2_naming_it(capsys, monkeypatch) -> None:
    monkeypatch.setenv("INTEGRATIONSGRAPH_SPARQL_BACKEND", "not a url")
    assert main(["serve"]) == 2
    assert "INTEGRATIONSGRAPH_SPARQL_BACKEND" in capsys.readouterr().err


def test_data_files_go_to_graphs_named_by_their_file_uri(tmp_path) -> None:
    (tmp_path / "a.ttl").write_text(TURTLE)
    (tmp_path / "b.trig").write_text(TRIG)
    store = load_files([tmp_path / "a.ttl", tmp_path / "b.trig"])
    graphs = {quad.graph_name.value for quad in store}
    assert graphs == {(tmp_path / "a.ttl").as_uri(), (tmp_path / "b.trig").as_uri(), "http://example.org/g"}


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("broken.ttl", "<http://a> <http://b> .\n", r"broken\.ttl: .*line 1"),
        ("data.csv", "a,b\n", r"data\.csv: unknown RDF file extension"),
        ("missing.ttl", None, r"missing\.ttl: no such file"),
    ],
)
def test_bad_data_files_are_input_errors(tmp_path, name, content, message) -> None:
    if content is not None:
        (tmp_path / name).write_text(content)
    with pytest.raises(InputError, match=message):
        load_files([tmp_path / name])


@pytest.mark.slow
def test_server_py_serves_data_files_on_a_free_port(tmp_path) -> None:
    data = tmp_path / "a.ttl"
    data.write_text(TURTLE)
    with serving_process([sys.executable, str(PROJECT_ROOT / "server.py"), "--data", str(data)]) as base_url:
        response = httpx.get(base_url + "/sparql", params={"query": "SELECT ?o { ?s ?p ?o }"})
        assert response.json()["results"]["bindings"][0]["o"]["value"] == "one"


def _hand_made_release(build_dir: Path, name: str) -> None:
    """A release as the build leaves it (store/, report.json, the `current` symlink), with one graph."""
    release = build_dir / "releases" / name
    release.mkdir(parents=True)
    store = ox.Store(str(release / "store"))
    store.add(ox.Quad(ox.NamedNode("http://example.org/x"), ox.NamedNode("http://example.org/p"),
                      ox.Literal("built"), ox.NamedNode("http://example.org/graph")))  # fmt: skip
    store.flush()
    del store
    (release / "report.json").write_text(json.dumps({"evidence": {"checked": True}}))
    (build_dir / "current").symlink_to(release)


def test_serves_the_current_build_without_rebuilding(tmp_path) -> None:
    options = BuildOptions(build_dir=tmp_path)
    files = discover_inputs(options.ontology_dir, options.data_dir, options.rules_dir, options.queries_dir)
    _hand_made_release(tmp_path, input_hash(files))
    settings = Settings.resolve({"build_dir": str(tmp_path)}, {})
    ensure_current_build(options, allow_stale=False)  # current: returns without building
    with TestClient(create_app(settings)) as client:
        response = client.get("/sparql", params={"query": "SELECT ?o { ?s ?p ?o }"})
    assert response.json()["results"]["bindings"][0]["o"]["value"] == "built"


def test_a_stale_build_is_served_with_no_build_and_a_warning(tmp_path, caplog) -> None:
    _hand_made_release(tmp_path, "0" * 64)  # not the hash of today's inputs
    settings = Settings.resolve({"build_dir": str(tmp_path)}, {})
    ensure_current_build(BuildOptions(build_dir=tmp_path), allow_stale=True)
    assert "inputs changed" in caplog.text
    with TestClient(create_app(settings)) as client:
        assert client.get("/sparql", params={"query": "ASK { ?s ?p 'built' }"}).json()["boolean"] is True


FIXTURES = PROJECT_ROOT / "tests" / "fixtures"


@pytest.mark.slow
def test_builds_first_when_there_is_no_build_then_serves_it(tmp_path, caplog) -> None:
    options = BuildOptions(
        ontology_dir=FIXTURES / "ontology",
        data_dir=shutil.copytree(FIXTURES / "valid", tmp_path / "data"),
        rules_dir=PROJECT_ROOT / "rules",
        queries_dir=PROJECT_ROOT / "queries",
        build_dir=tmp_path / "build",
        shared_dir=FIXTURES / "shared",
    )
    ensure_current_build(options, allow_stale=False)
    assert "building the graph first" in caplog.text
    release = current_release(options.build_dir)
    assert release is not None
    ensure_current_build(options, allow_stale=False)  # now current: the same release stays
    assert current_release(options.build_dir) == release
    settings = Settings.resolve({"build_dir": str(options.build_dir)}, {})
    with TestClient(create_app(settings)) as client:
        graphs = client.get("/sparql", params={"query": "SELECT DISTINCT ?g { GRAPH ?g { ?s ?p ?o } }"})
    names = {row["g"]["value"] for row in graphs.json()["results"]["bindings"]}
    assert "https://w3id.org/integrationsgraph/graph/entities" in names
