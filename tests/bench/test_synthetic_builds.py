"""A generated tree is valid input: the real build accepts it (SHACL, evidence against the texts, checks)."""

from __future__ import annotations

import json

import pytest

from bench.run_build_bench import build_arguments
from bench.synthetic import generate
from integrationsgraph.cli import main


@pytest.mark.slow
def test_generated_tree_builds(tmp_path, monkeypatch, capsys):
    tree = tmp_path / "tree"
    summary = generate(2000, tree, seed=3)
    monkeypatch.setenv("INTEGRATIONSGRAPH_SHARED", str(tree / "shared"))
    build_dir = tmp_path / "build"
    assert main(build_arguments(tree, build_dir)) == 0, capsys.readouterr().err
    report = json.loads((build_dir / "current" / "report.json").read_text(encoding="utf-8"))
    assert report["source_graphs"] == summary.sources
    assert report["evidence"]["checked"] is True
    assert report["evidence"]["spans"] > 20
