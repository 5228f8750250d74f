"""Fixtures for the linked-data tests: the real app over `fixtures/ldgraph.trig` (in process), with a
build directory holding a release whose dumps are that graph, so the dump routes have files to serve."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from playwright.sync_api import sync_playwright
from starlette.applications import Starlette

from integrationsgraph.server.app import create_app
from integrationsgraph.server.backends import EmbeddedBackend
from integrationsgraph.server.datafiles import load_files
from integrationsgraph.server.settings import Settings

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
def ld_server(
    tmp_path_factory: pytest.TempPathFactory, start_server: Callable[[Starlette], AbstractContextManager[str]]
) -> Iterator[str]:
    """The base URL of uvicorn serving the linked-data app on a free loopback port."""
    build_dir = fake_build_dir(tmp_path_factory.mktemp("ld") / "build")
    with start_server(make_ld_app(build_dir)) as base_url:
        yield base_url


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"


@pytest.fixture(scope="module")
def real_ld_server(built_release, start_server) -> Iterator[str]:
    """uvicorn serving the real build (copied into memory, as `serve` does) on a free loopback port."""
    build_dir = built_release.release_dir.parent.parent
    with start_server(create_app(Settings(build_dir=build_dir))) as base_url:
        yield base_url


@pytest.fixture(scope="module")
def ld_chromium():
    """Headless Chromium from Debian through Playwright, as in tests/server/pages (skips without it
    outside CI)."""
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is missing: scripts/install-test-prerequisites.sh installs it (Debian chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def ld_page(ld_chromium):
    """A fresh page recording every request and every uncaught script error."""
    context = ld_chromium.new_context(viewport={"width": 1280, "height": 900}, locale="de-DE")
    context.set_default_timeout(20_000)
    page = context.new_page()
    page.requests_made = []
    page.script_errors = []
    page.on("request", lambda request: page.requests_made.append(request.url))
    page.on("pageerror", lambda error: page.script_errors.append(str(error)))
    try:
        yield page
    finally:
        context.close()


@pytest.fixture(scope="session")
def ld_artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
