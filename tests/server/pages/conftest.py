"""Fixtures for the page and named-query tests: the real app over a tiny graph and fixture queries,
in process (httpx over ASGI) or served by uvicorn, and headless Chromium from Debian."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import sync_playwright
from starlette.applications import Starlette

from integrationsgraph.queries.catalog import load_catalog
from integrationsgraph.server.app import create_app
from integrationsgraph.server.backends import EmbeddedBackend
from integrationsgraph.server.datafiles import load_files
from integrationsgraph.server.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures"
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


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
    """Headless Chromium from Debian, driven by Playwright (never a downloaded browser).

    Module scope: Playwright's sync API keeps an event loop open in this thread while it runs, which
    async tests in later modules could not start beside.

    Missing Chromium fails the test in CI (CI=true) and skips it elsewhere.
    """
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
def browser_page(chromium_browser, pages_server: str):
    """A fresh page that records every request it makes and every uncaught script error."""
    context = chromium_browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    context.set_default_timeout(15_000)
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
def screenshot_dir() -> Path:
    """tests/artifacts/ (git-ignored): screenshots for people to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
