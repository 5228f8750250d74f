"""Fixtures for the page and named-query tests: the real app over a tiny graph and fixture queries,
in process (httpx over ASGI) or served by uvicorn, and headless Chromium from Debian."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path

import httpx
import pytest
from starlette.applications import Starlette

from integrationsgraph.datafiles import load_files
from integrationsgraph.queries.catalog import load_catalog
from integrationsgraph.server.app import create_app
from integrationsgraph.settings import Settings
from integrationsgraph.sparql.backends import EmbeddedBackend
from tests.server.browser import artifacts_dir, launched_chromium, recording_page

FIXTURES = Path(__file__).parent / "fixtures"


def make_pages_app(settings: Settings | None = None) -> Starlette:
    """The real app over `fixtures/graph.trig`, serving the named queries in `fixtures/queries`."""
    backend = EmbeddedBackend(load_files([FIXTURES / "graph.trig"]))
    app = create_app(settings or Settings(), backend=backend)
    app.state.named_queries = load_catalog(FIXTURES / "queries")
    return app


@pytest.fixture
def build_pages_app() -> Callable[..., Starlette]:
    """`make_pages_app` for tests that need their own settings."""
    return make_pages_app


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
async def pages_client() -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client talking to the app in process."""
    transport = httpx.ASGITransport(app=make_pages_app())
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        yield client


@pytest.fixture(scope="module")
def pages_server(start_server: Callable[[Starlette], AbstractContextManager[str]]) -> Iterator[str]:
    """The base URL of uvicorn serving the app on a free loopback port."""
    with start_server(make_pages_app()) as base_url:
        yield base_url


@pytest.fixture(scope="module")
def chromium_browser():
    """Module scope: Playwright's sync API keeps an event loop open in this thread while it runs, which
    async tests in later modules could not start beside."""
    with launched_chromium() as browser:
        yield browser


@pytest.fixture
def browser_page(chromium_browser, pages_server: str):
    with recording_page(chromium_browser, timeout_ms=15_000, accept_downloads=True) as page:
        yield page


@pytest.fixture(scope="session")
def screenshot_dir() -> Path:
    return artifacts_dir()
