"""Fixtures shared by every test folder: one build of the real ontology and data per test session.

`built_release` builds ontology/ + data/ + rules/ + queries/ once into a temporary build directory (with
the evidence check when ../shared is there) and returns the BuildResult; `graph_store` opens that
release's store read-only. Tests that use them should be marked slow.
"""

from __future__ import annotations

import pyoxigraph
import pytest

from integrationsgraph.errors import IntegrationsgraphError
from integrationsgraph.pipeline.options import BuildOptions, BuildResult, existing_shared_dir
from integrationsgraph.pipeline.runner import run_build


@pytest.fixture(scope="session")
def built_release(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    build_dir = tmp_path_factory.mktemp("real-build")
    options = BuildOptions(build_dir=build_dir, shared_dir=existing_shared_dir(), progress=False)
    try:
        return run_build(options)
    except IntegrationsgraphError as error:  # one readable failure instead of a traceback per test
        pytest.fail(f"the real data does not build: {error}", pytrace=False)


@pytest.fixture(scope="session")
def graph_store(built_release: BuildResult) -> pyoxigraph.Store:
    return pyoxigraph.Store.read_only(str(built_release.store_path))
