"""Every page reachable from `/`, in both languages (issue 13's crawl), against the real build: over HTTP
every one of them (a real client, several requests at once), in Chromium at phone width the pages of each
kind most likely to be wider than a phone. Chromium on every page (8,366 per language) took 25 min of
CPU, the server 8 more (docs/benchmarks.md); `python -m tests.server.pages.crawl_every_page` runs it
apart."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Iterator
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest

from integrationsgraph.namespaces import BASE
from integrationsgraph.pipeline.source_addresses import URL
from tests.server.conftest import serving_process
from tests.server.pages.http_crawl import HttpCrawlReport, crawl_http, widest_candidates
from tests.server.pages.site_crawl import check_pages, page_kind

pytestmark = pytest.mark.slow

PHONE = {"width": 390, "height": 844}
LICENCE = "https://creativecommons.org/licenses/by/4.0/"


@pytest.fixture(scope="module")
def server_apart(built_release) -> Iterator[str]:
    """`integrationsgraph serve` of the session's build in a process of its own: the crawl's client
    (this process) and the server then each have a core, where one process would share one lock."""
    build_dir = built_release.release_dir.parent.parent
    with serving_process(
        [sys.executable, "-m", "integrationsgraph", "serve", "--build-dir", str(build_dir)]
    ) as url:
        yield url


@pytest.fixture(scope="module")
def every_page(server_apart: str) -> HttpCrawlReport:
    return asyncio.run(crawl_http(f"{server_apart}/?lang=de", server_apart, parallel=4))


def without_language(url: str) -> str:
    parts = urlsplit(url)
    query = urlencode([(name, value) for name, value in parse_qsl(parts.query) if name != "lang"])
    return parts._replace(query=query).geturl()


def test_every_page_answers_in_its_language_and_keeps_it(every_page: HttpCrawlReport):
    # each page answers 2xx as HTML, says the language asked for, and links its pages in that language
    assert every_page.failures == []


def test_every_page_is_there_in_both_languages(every_page: HttpCrawlReport, graph_store, server_apart: str):
    by_language = {
        language: {without_language(url) for url in every_page.pages if page_kind(url)[1] == language}
        for language in ("de", "en")
    }
    assert len(every_page.pages) == len(by_language["de"]) + len(by_language["en"])  # none without `lang`
    assert by_language["de"] == by_language["en"]
    # every thing the graph mints has its page among them
    minted = graph_store.query(
        f"SELECT DISTINCT ?x {{ GRAPH ?g {{ ?x ?p ?o }} FILTER(STRSTARTS(STR(?x), '{BASE}id/')) }}"
    )
    pages = {row["x"].value.replace(BASE, server_apart + "/").partition("#")[0] for row in minted}
    assert pages - by_language["de"] == set()


def test_no_link_leaves_the_site_but_to_where_a_source_was_published(
    every_page: HttpCrawlReport, graph_store
):
    assert every_page.leaving == {LICENCE}
    stated = graph_store.query(f"SELECT ?u {{ GRAPH ?g {{ ?s <{URL.value}> ?u }} }}")
    assert every_page.originals
    assert every_page.originals <= {row["u"].value for row in stated}


def test_the_widest_page_of_each_kind_fits_a_phone(every_page: HttpCrawlReport, server_apart: str):
    """Of each kind of page in each language, the one with the longest text that has no space to
    break at (a name, a file name, an address): no sideways scroll, no console error, the graph view
    drawn, in Chromium at 390 px."""
    widest = widest_candidates(every_page, page_kind)
    kinds = {
        language: {kind for kind, lang in map(page_kind, widest) if lang == language}
        for language in ("de", "en")
    }
    assert len(kinds["de"]) >= 25
    assert kinds["de"] == kinds["en"]
    report = check_pages(widest, server_apart, PHONE)
    assert sorted(report.pages) == widest
    assert report.failures == []
