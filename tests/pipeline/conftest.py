"""Build-test helpers: fixture data assembled in a temporary folder, and the CLI run on it.

The valid fixture (tests/fixtures/valid) builds cleanly against the fixture ontology; a broken fixture
(tests/fixtures/broken/<mode>) holds only the files that differ, copied over the valid ones.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import owlrl
import pytest
from rdflib import BNode

from integrationsgraph.cli import main
from integrationsgraph.pipeline.loading import LoadedInputs
from integrationsgraph.pipeline.reasoning import about_our_data, data_nodes
from integrationsgraph.pipeline.terms import from_rdflib, rdflib_graph

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
FIXTURE_ONTOLOGY = FIXTURES / "ontology"
FIXTURE_SHARED = FIXTURES / "shared"
PROJECT = FIXTURES.parent.parent


@dataclass(frozen=True)
class CliRun:
    exit_code: int
    out: str
    err: str


def overlay_data(target: Path, overlay: str | None) -> Path:
    """Copy the valid fixture data to `target`, then the files of `overlay` (a fixtures/ subfolder)."""
    shutil.copytree(FIXTURES / "valid", target)
    if overlay:
        shutil.copytree(FIXTURES / overlay, target, dirs_exist_ok=True)
    return target


@pytest.fixture
def fixture_data(tmp_path: Path) -> Callable[[str | None], Path]:
    """A factory: `fixture_data("broken/unknown-source")` returns a fresh data folder."""
    made = iter(range(1000))

    def make(overlay: str | None = None) -> Path:
        return overlay_data(tmp_path / f"data-{next(made)}", overlay)

    return make


@pytest.fixture
def run_fixture_build(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Callable[..., CliRun]:
    """Runs `integrationsgraph build` on fixture data through cli.main; returns exit code and output."""

    def run(
        data_dir: Path,
        *extra: str,
        build_dir: Path | None = None,
        ontology: Path = FIXTURE_ONTOLOGY,
        shared: Path | None = FIXTURE_SHARED,
    ) -> CliRun:
        capsys.readouterr()
        code = main([
            "build", "--quiet",
            "--data-dir", str(data_dir),
            "--ontology-dir", str(ontology),
            "--rules-dir", str(PROJECT / "rules"),
            "--queries-dir", str(PROJECT / "queries"),
            "--build-dir", str(build_dir or tmp_path / "build"),
            *(("--shared-dir", str(shared)) if shared else ("--no-shared",)),
            *extra,
        ])  # fmt: skip
        captured = capsys.readouterr()
        return CliRun(code, captured.out, captured.err)

    return run


@pytest.fixture(scope="session")
def owlrl_reference() -> Callable[[LoadedInputs], set[tuple]]:
    """The reference reasoner: owlrl's FULL OWL 2 RL closure of ontology + data, minus what is
    asserted, filtered to entailments about our data exactly as the build filters its own."""

    def entailments(inputs: LoadedInputs) -> set[tuple]:
        graph = rdflib_graph(t for loaded in inputs.stored_files for t in loaded.triples)
        asserted = set(graph)
        owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(graph)
        nodes = data_nodes(inputs)
        entailed = set()
        for triple in set(graph) - asserted:
            if any(isinstance(term, BNode) for term in triple):
                continue  # owlrl's error messages are blank nodes, never data
            converted = tuple(from_rdflib(term) for term in triple)
            if about_our_data(converted, nodes):
                entailed.add(converted)
        return entailed

    return entailments
