"""Fixtures for the linked-data tests: the real app over `fixtures/ldgraph.trig` (in process), with a
build directory holding a release whose dumps are that graph, so the dump routes have files to serve."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from starlette.applications import Starlette

from integrationsgraph.datafiles import load_files
from integrationsgraph.server.app import create_app
from integrationsgraph.settings import Settings
from integrationsgraph.sparql.backends import EmbeddedBackend
from tests.server.browser import artifacts_dir, launched_chromium, recording_page

LD_FIXTURE = Path(__file__).parent / "fixtures" / "ldgraph.trig"
BASE = "https://w3id.org/integrationsgraph/"


def fake_build_dir(root: Path) -> Path:
    """A build directory whose current release has the fixture graph as its TriG and N-Quads dumps."""
    release = root / "releases" / "0123abcd"
    (release / "store").mkdir(parents=True)
    (release / "dumps").mkdir()
    quads = list(ox.parse(path=str(LD_FIXTURE), format=ox.RdfFormat.TRIG))
    (release / "dumps" / "integrationsgraph.trig").write_bytes(ox.serialize(quads, format=ox.RdfFormat.TRIG))
    (release / "dumps" / "integrationsgraph.nq").write_bytes(ox.serialize(quads, format=ox.RdfFormat.N_QUADS))
    (root / "current").symlink_to(release)
    return root


def assert_all_in(text: str, fragments: list[str]) -> None:
    """Every fragment stands in the text; a failure lists the ones that do not."""
    assert [fragment for fragment in fragments if fragment not in text] == []


def make_ld_app(build_dir: Path, **settings) -> Starlette:
    backend = EmbeddedBackend(load_files([LD_FIXTURE]))
    return create_app(Settings(build_dir=build_dir, **settings), backend=backend)


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
def ld_build_dir(tmp_path: Path) -> Path:
    return fake_build_dir(tmp_path / "build")


@pytest.fixture
def ld_app(ld_build_dir: Path) -> Starlette:
    return make_ld_app(ld_build_dir)


@pytest.fixture
async def ld_client(ld_app: Starlette) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client talking to the linked-data app in process."""
    transport = httpx.ASGITransport(app=ld_app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        yield client


@pytest.fixture(scope="module")
def ld_chromium():
    with launched_chromium() as browser:
        yield browser


@pytest.fixture
def ld_page(ld_chromium):
    with recording_page(ld_chromium, timeout_ms=20_000, locale="de-DE") as page:
        yield page


@pytest.fixture(scope="session")
def ld_artifacts() -> Path:
    return artifacts_dir()
