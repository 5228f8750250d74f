"""A crawl of the pages reachable from a start page in headless Chromium: each page is opened at a
given viewport, and what a reader would meet is recorded (status, sideways scroll, console errors, links
that leave the site). Several tabs are open at once in one browser (the async API), each reused from page
to page; one script per page reads its width and links, and the interactive graph view is waited for
until its drawing has fetched its data (a failed fetch is a failure)."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urldefrag, urlsplit

from tests.server.browser import launched_chromium_async

# How far the page scrolls sideways, and every link's absolute address (HTML and SVG links alike), the
# sources' original addresses marked; one round trip to the browser per page.
READ_PAGE = """() => [document.documentElement.scrollWidth - window.innerWidth,
  [...document.querySelectorAll('a[href]')].map(a => [
    new URL(a.getAttribute('href'), document.baseURI).href, a.classList.contains('original')])]"""
# The graph view draws after the page has loaded, from a fetch of its export: done or failed.
GRAPH_DRAWN = "#graph-canvas[data-layout]"
# Links to files rather than pages: downloads, exports and RDF representations (listed, not fetched:
# the server builds an export or a dump per request, and an entity has eight such links).
NOT_PAGES = ("/dumps/", "/export", "format=", "/sitemap.xml", "/context.jsonld", "/.well-known/")
RDF_SUFFIXES = (".ttl", ".jsonld", ".nt", ".rdf")


@dataclass
class CrawlReport:
    pages: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)  # "<url>: <what>"
    leaving: set[str] = field(default_factory=set)  # off-site links that are no source's original
    originals: set[str] = field(default_factory=set)
    linked_from: dict[str, str] = field(default_factory=dict)  # each page: the first page linking it


def page_kind(url: str) -> tuple[str, str]:
    """Pages of one kind in one language count once: `/id/person/x` and `/id/person/y` are both
    `/id/person`; every question page is its own kind."""
    parts = urlsplit(url)
    steps = [step for step in parts.path.split("/") if step]
    kind = "/" + "/".join(steps[:2]) if len(steps) > 1 or steps[:1] == ["queries"] else parts.path
    return kind, dict(parse_qsl(parts.query)).get("lang", "")


def is_file_link(url: str) -> bool:
    path = urlsplit(url).path
    return any(mark in url for mark in NOT_PAGES) or path.endswith(RDF_SUFFIXES)


# Told of each page once it is read: its address and the report so far (a long crawl's progress).
PageSeen = Callable[[str, CrawlReport], None]


async def _crawl(
    starts: list[str],
    site: str,
    viewport: dict,
    *,
    parallel: int,
    key: Callable[[str], object],
    on_page: PageSeen | None,
    follow: bool = True,
) -> CrawlReport:
    report = CrawlReport()
    queue: asyncio.Queue[str] = asyncio.Queue()
    seen = {key(start) for start in starts}
    for start in starts:
        queue.put_nowait(start)

    def enqueue(url: str, referrer: str) -> None:
        if follow and key(url) not in seen:
            seen.add(key(url))
            report.linked_from[url] = referrer
            queue.put_nowait(url)

    async with launched_chromium_async() as browser:
        context = await browser.new_context(viewport=viewport)
        context.set_default_timeout(60_000)

        async def visit(page, url: str) -> None:
            if is_file_link(url):
                report.files.append(url)  # listed, not fetched: an export or dump is built per request
                return
            errors: list[str] = []

            def on_console(message) -> None:
                if message.type == "error":
                    errors.append(message.text)

            def on_error(error) -> None:
                errors.append(str(error))

            page.on("console", on_console)
            page.on("pageerror", on_error)
            try:
                answer = await page.goto(url, wait_until="load")
                report.pages.append(url)
                if answer is None or answer.status >= 400:
                    status = answer.status if answer else "nothing"
                    report.failures.append(
                        f"{url}: answered {status}, linked from {report.linked_from.get(url)}"
                    )
                    return
                if await page.locator("#graph-canvas").count():
                    drawn = await page.wait_for_selector(GRAPH_DRAWN, state="attached")
                    if await drawn.get_attribute("data-layout") != "done":
                        report.failures.append(f"{url}: the graph view could not draw")
                overflow, links = await page.evaluate(READ_PAGE)
                if overflow > 0:
                    report.failures.append(f"{url}: scrolls sideways by {overflow} px")
                for link, original in links:
                    href = urldefrag(link)[0]
                    if original:
                        report.originals.add(href)
                    elif not href.startswith(site):
                        report.leaving.add(href)
                    else:
                        enqueue(href, url)
            finally:
                page.remove_listener("console", on_console)
                page.remove_listener("pageerror", on_error)
            report.failures += [f"{url}: console error {text}" for text in errors]

        async def worker() -> None:
            page = await context.new_page()
            while True:
                url = await queue.get()
                try:
                    await visit(page, url)
                except Exception as error:  # a failed page is reported, and the crawl goes on
                    report.failures.append(f"{url}: {type(error).__name__}: {error}")
                finally:
                    if on_page is not None:
                        on_page(url, report)
                    queue.task_done()

        workers = [asyncio.create_task(worker()) for _ in range(parallel)]
        await queue.join()
        for task in workers:
            task.cancel()
        await context.close()
    return report


def crawl(
    start: str,
    site: str,
    viewport: dict,
    *,
    parallel: int = 4,
    key: Callable[[str], object] = str,
    on_page: PageSeen | None = None,
) -> CrawlReport:
    """The pages reachable from `start` by links within `site`, crawled in a thread of its own (the
    sync API's event loop may be running in this one): every page, or with `key` one page of each key
    (pages of one kind); `on_page` is told of each page as it is done."""
    return _in_a_thread(_crawl([start], site, viewport, parallel=parallel, key=key, on_page=on_page))


def check_pages(urls: list[str], site: str, viewport: dict, *, parallel: int = 4) -> CrawlReport:
    """The same checks on the pages given, following none of their links (their links are listed)."""
    return _in_a_thread(_crawl(urls, site, viewport, parallel=parallel, key=str, on_page=None, follow=False))


def _in_a_thread(crawling: Coroutine[object, object, CrawlReport]) -> CrawlReport:
    outcome: dict[str, CrawlReport | BaseException] = {}

    def run() -> None:
        try:
            outcome["report"] = asyncio.run(crawling)
        except BaseException as error:  # handed to the test's thread
            outcome["error"] = error

    thread = threading.Thread(target=run, name="crawl")
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["report"]
