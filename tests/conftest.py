"""Fixtures shared by every test folder: one build of the real ontology and data per test session.

`built_release` builds ontology/ + data/ + rules/ + queries/ once into a temporary build directory (with
the evidence check when ../shared is there) and returns the BuildResult; `graph_store` opens that
release's store read-only. `oxigraph_with_build` and `virtuoso_with_build` are the same build pushed (by
`push_store`, as `integrationsgraph push` does) into a real `oxigraph serve --union-default-graph` and a
real Virtuoso, each started once per session; they give the SPARQL endpoint's URL. Tests that use them
should be marked slow.
"""

from __future__ import annotations

from collections.abc import Iterator

import pyoxigraph
import pytest

from integrationsgraph.errors import IntegrationsgraphError
from integrationsgraph.graph_store import authenticating_client, push_store
from integrationsgraph.pipeline.options import BuildOptions, BuildResult, existing_shared_dir
from integrationsgraph.pipeline.runner import run_build
from tests.remote_stores import VIRTUOSO_PASSWORD, VIRTUOSO_USER, running_oxigraph, running_virtuoso


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


@pytest.fixture(scope="session")
def oxigraph_with_build(graph_store, tmp_path_factory) -> Iterator[str]:
    with running_oxigraph(tmp_path_factory.mktemp("oxigraph-build"), "--union-default-graph") as base_url:
        push_store(graph_store, base_url + "/store")
        yield base_url + "/query"


@pytest.fixture(scope="session")
def virtuoso_with_build(graph_store, tmp_path_factory) -> Iterator[str]:
    with (
        running_virtuoso(tmp_path_factory.mktemp("virtuoso-build")) as base_url,
        authenticating_client(VIRTUOSO_USER, VIRTUOSO_PASSWORD) as client,
    ):
        push_store(graph_store, base_url + "/sparql-graph-crud-auth", client=client)
        yield base_url + "/sparql"
