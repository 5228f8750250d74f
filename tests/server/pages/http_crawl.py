"""A crawl over HTTP of every page reachable from a start page, as a reader's links lead: each page is
fetched as HTML by a real client (several at once), read with the standard library's HTML parser, and
what a reader would meet is recorded: a status that is not 2xx, a page whose `lang` is not the one asked
for, a link to a page of the site that drops the language, a link that leaves the site other than to a
source's original address. What only a browser sees (sideways scroll, console errors, the graph view
drawn) is `site_crawl`'s part, on fewer pages. Each page's longest unbroken run of text is kept, so a
browser can be sent to the pages most likely to be wider than a phone."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qs, urldefrag, urljoin, urlsplit

import httpx

from tests.server.pages.site_crawl import CrawlReport, is_file_link

# Text a browser cannot break at a space: the longest such run on a page is what may push it sideways.
UNBROKEN = re.compile(r"\S+")
NOT_SHOWN = {"script", "style", "title", "template"}


@dataclass
class PageRead:
    lang: str | None = None
    links: list[tuple[str, bool]] = field(default_factory=list)  # (href as written, a source's original)
    longest_word: str = ""


class PageReader(HTMLParser):
    """The `<html lang>`, every `<a href>` (HTML and SVG alike) and the longest unbroken shown text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.read = PageRead()
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "html":
            self.read.lang = values.get("lang")
        elif tag == "a" and values.get("href") is not None:
            self.read.links.append((values["href"], "original" in (values.get("class") or "").split()))
        elif tag in NOT_SHOWN:
            self._hidden += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in NOT_SHOWN:
            self._hidden = max(0, self._hidden - 1)

    def handle_data(self, data: str) -> None:
        if self._hidden:
            return
        for word in UNBROKEN.findall(data):
            if len(word) > len(self.read.longest_word):
                self.read.longest_word = word


def read_page(html: str) -> PageRead:
    reader = PageReader()
    reader.feed(html)
    reader.close()
    return reader.read


def _is_own_page(link: str, site: str) -> bool:
    return link.startswith(site + "/") and not is_file_link(link)


def language_asked(url: str) -> str | None:
    return parse_qs(urlsplit(url).query).get("lang", [None])[0]


@dataclass
class HttpCrawlReport(CrawlReport):
    """What the Chromium crawl reports, and what only a crawl over HTTP measures cheaply."""

    longest_words: dict[str, str] = field(default_factory=dict)  # each page: its longest unbroken text
    seconds: dict[str, float] = field(default_factory=dict)  # each page: how long it took to answer


async def crawl_http(
    start: str, site: str, *, parallel: int = 8, default_language: str = "de", timeout: float = 120
) -> HttpCrawlReport:
    """Every page reachable from `start` by links within `site`, `parallel` requests at a time."""
    report = HttpCrawlReport()
    queue: asyncio.Queue[str] = asyncio.Queue()
    seen = {start}
    queue.put_nowait(start)

    def follow(url: str, link: str, original: bool) -> None:
        if original:
            report.originals.add(link)
        elif not link.startswith(site + "/") and link != site:
            report.leaving.add(link)
        elif link not in seen:
            seen.add(link)
            report.linked_from[link] = url
            queue.put_nowait(link)

    async def visit(client: httpx.AsyncClient, url: str) -> None:
        if is_file_link(url):
            report.files.append(url)  # listed, not fetched: an export or dump is built per request
            return
        answer = await client.get(url)  # a redirect (a vocabulary term to its anchor on /def) is followed
        report.pages.append(url)
        report.seconds[url] = answer.elapsed.total_seconds()
        if not answer.is_success:
            report.failures.append(
                f"{url}: answered {answer.status_code}, linked from {report.linked_from.get(url)}"
            )
            return
        if not answer.headers.get("content-type", "").startswith("text/html"):
            report.failures.append(f"{url}: answered {answer.headers.get('content-type')}, not a page")
            return
        page = read_page(answer.text)
        landed = str(answer.url)  # links are read against the page they are on
        report.longest_words[landed] = page.longest_word
        asked = language_asked(landed) or default_language
        if page.lang != asked:
            report.failures.append(f"{url}: <html lang={page.lang!r}>, asked for {asked!r}")
        for href, original in page.links:
            link = urldefrag(urljoin(landed, href))[0]
            if (
                language_asked(landed)
                and _is_own_page(link, site)
                and not original
                and not language_asked(link)
            ):
                report.failures.append(f"{url}: the link {href} drops the language")
            follow(landed, link, original)

    async def worker(client: httpx.AsyncClient) -> None:
        while True:
            url = await queue.get()
            try:
                await visit(client, url)
            except httpx.HTTPError as error:  # a failed page is reported, and the crawl goes on
                report.failures.append(f"{url}: {type(error).__name__}: {error}")
            finally:
                queue.task_done()

    limits = httpx.Limits(max_connections=parallel, max_keepalive_connections=parallel)
    headers = {"Accept": "text/html"}
    async with httpx.AsyncClient(
        headers=headers, limits=limits, timeout=timeout, follow_redirects=True
    ) as client:
        workers = [asyncio.create_task(worker(client)) for _ in range(parallel)]
        await queue.join()
        for task in workers:
            task.cancel()
    return report


def widest_candidates(report: HttpCrawlReport, kind: Callable[[str], object]) -> list[str]:
    """Of each kind of page, the one whose longest unbroken text is longest: where a phone's width is
    most likely to be exceeded (a long name, file name or address without a space in it)."""
    best: dict[object, str] = {}
    for url, word in report.longest_words.items():
        key = kind(url)
        if key not in best or len(word) > len(report.longest_words[best[key]]):
            best[key] = url
    return sorted(best.values())
