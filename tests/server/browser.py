"""Headless Chromium for page tests: Debian's browser driven by Playwright (never a downloaded one).

A missing Chromium fails the test in CI (CI=true) and skips it elsewhere.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path

import pytest
from playwright.async_api import Browser as AsyncBrowser
from playwright.async_api import async_playwright
from playwright.sync_api import Browser, Page, sync_playwright

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
CHROMIUM = Path("/usr/bin/chromium")
# Without the background-networking flags Chromium keeps dialling out, which this machine refuses.
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


def _require_chromium() -> None:
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is missing: scripts/install-test-prerequisites.sh installs it (Debian chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)


@contextmanager
def launched_chromium() -> Iterator[Browser]:
    _require_chromium()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


@asynccontextmanager
async def launched_chromium_async() -> AsyncIterator[AsyncBrowser]:
    """The same Chromium for the async API, where one test drives several pages at once (a crawl);
    run it in a thread of its own, beside the sync API's event loop."""
    _require_chromium()
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield browser
        finally:
            await browser.close()


@contextmanager
def recording_page(browser: Browser, timeout_ms: int, **context_options) -> Iterator[Page]:
    """A fresh page that records every request it makes (`requests_made`) and every uncaught script
    error (`script_errors`, with anything the Content Security Policy blocked), so a test can assert the
    page fetched nothing from elsewhere and works under the site's policy."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, **context_options)
    context.set_default_timeout(timeout_ms)
    page = context.new_page()
    page.requests_made = []
    page.script_errors = []
    page.on("request", lambda request: page.requests_made.append(request.url))
    page.on("pageerror", lambda error: page.script_errors.append(str(error)))
    page.on("console", lambda message: _record_policy_violation(page, message))
    try:
        yield page
    finally:
        context.close()


def assert_only_own_requests(page: Page, base_url: str) -> None:
    """The page fetched nothing from elsewhere (inline data and blobs are its own) and raised no error."""
    foreign = [url for url in page.requests_made if not url.startswith((base_url, "data:", "blob:"))]
    assert foreign == [], f"the page fetched from elsewhere: {foreign}"
    assert page.script_errors == []


def _record_policy_violation(page: Page, message) -> None:
    """Chromium reports what the Content Security Policy blocked as a console error."""
    if message.type == "error" and "Content Security Policy" in message.text:
        page.script_errors.append(message.text)


def artifacts_dir() -> Path:
    """tests/artifacts/ (git-ignored): screenshots for people to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
