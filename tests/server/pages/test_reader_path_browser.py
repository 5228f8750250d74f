"""The reader's path in headless Chromium against the real build: a journalist who knows no SPARQL finds
a person and reads his offices, asks who chaired the IntMK on a day through a form, and switches to
English; a crawl of every kind of page reachable from `/` in both languages at phone width."""

from __future__ import annotations

import re
from urllib.parse import urldefrag

import httpx
import pytest

from integrationsgraph.namespaces import BASE
from integrationsgraph.pipeline.source_addresses import URL
from tests.server.browser import recording_page
from tests.server.pages.site_crawl import crawl, page_kind

pytestmark = pytest.mark.slow

PHONE = {"width": 390, "height": 844}
# Every link's absolute address (HTML and SVG links alike), but a source's original address.
LINKS = """() => [...document.querySelectorAll('a[href]:not(.original)')]
  .map(a => new URL(a.getAttribute('href'), document.baseURI).href)"""


@pytest.fixture
def german_page(chromium_browser):
    with recording_page(chromium_browser, timeout_ms=20_000, locale="de-DE") as page:
        page.console_errors = []
        page.on(
            "console", lambda message: message.type == "error" and page.console_errors.append(message.text)
        )
        yield page


def assert_links_answer(page, base_url: str) -> None:
    """Every link of the page to this site answers without a 4xx or 5xx."""
    hrefs = page.evaluate(LINKS)
    own = sorted({urldefrag(href)[0] for href in hrefs if href.startswith(base_url)})
    assert own, "the page has links"
    for href in own:
        status = page.request.get(href, headers={"Accept": "text/html"}).status
        assert status < 400, f"{href} answered {status}"


def test_the_journalist(german_page, real_server: str, screenshot_dir):
    page = german_page
    page.goto(real_server + "/")
    # find Kai Klose by typing part of his name, and open his page from the suggestions
    page.get_by_role("combobox", name="Suche nach Namen").fill("Klose")
    page.get_by_role("option", name=re.compile("Kai Klose")).click()
    page.wait_for_url("**/id/person/kai-klose")
    offices = page.locator("section.statements-section", has=page.get_by_role("heading", name="Ämter"))
    assert offices.locator("tbody tr").count() >= 2
    assert offices.locator("time", has_text=re.compile(r"\d{4}$")).count() >= 1  # dates written out
    assert offices.locator("ul.cell-list a[href^='/graph/source/']").count() >= 1  # and their sources
    # a source is named by its title, with a link to where it was published
    page.goto(real_server + "/id/land/sachsen")
    original = page.locator("#evidence a.original").first
    assert original.get_attribute("href").startswith("http")
    page.screenshot(path=screenshot_dir / "reader-person-offices.png", full_page=True)

    # who chaired the IntMK on 1 March 2013: four actions from the list of questions
    page.goto(real_server + "/queries")
    page.locator("#chair-at h2 a").click()  # 1
    page.get_by_label("das Gremium, nach dessen Vorsitz gefragt wird").fill("IntMK")  # 2 (a name, not an IRI)
    page.get_by_label("der Tag").fill("2013-03-01")  # 3
    page.get_by_role("button", name="Fragen").click()  # 4
    page.wait_for_url("**/queries/chair-at?body=IntMK&date=2013-03-01")
    answer = page.locator("table.results.reader tbody tr")
    assert answer.count() == 1
    assert answer.get_by_role("link", name="Sachsen", exact=True).count() == 1
    assert answer.get_by_role("link", name="Christine Clauß", exact=True).count() == 1
    assert answer.locator("ul.cell-list a[href^='/graph/source/']").count() >= 1
    # its sources by title and publisher, each with a link to where it was published
    assert answer.locator("ul.cell-list .publisher").count() >= 1
    assert answer.locator("ul.cell-list a.original").first.get_attribute("href").startswith("http")
    assert "1. Oktober 2012" in answer.inner_text()
    page.screenshot(path=screenshot_dir / "reader-chair-at.png", full_page=True)

    # switch to English: the answer stays, and every link on the way answers
    page.get_by_role("link", name="EN", exact=True).click()
    page.wait_for_url("**lang=en")
    assert page.locator("html").get_attribute("lang") == "en"
    assert "1 October 2012" in page.locator("table.results.reader").inner_text()
    assert_links_answer(page, real_server)
    page.locator("table.results.reader").get_by_role("link", name="Christine Clauß", exact=True).click()
    page.wait_for_url("**/id/person/christine-clauss?lang=en")
    assert page.get_by_role("heading", name="Offices").count() == 1
    assert_links_answer(page, real_server)
    assert page.script_errors == []
    assert page.console_errors == []


def test_crawl_every_kind_of_page_at_phone_width(graph_store, real_server: str):
    """Every kind of page reachable from `/`, in German and (by every page's language switch) in
    English, at phone width: no 4xx/5xx, nothing wider than the phone, no console error (a blocked
    script or style counts), the graph view drawn, no link off the site but a source's original address
    and the data's licence. One page of each kind: the site has over 10,000 pages per language (every
    evidence span, instant and interval has one), about 0.2 s of Chromium's CPU each, which would more
    than double the test command's time: test_every_page.py reads every page over HTTP and opens the
    widest of each kind in Chromium; `python -m tests.server.pages.crawl_every_page` opens every one."""
    report = crawl(f"{real_server}/?lang=de", real_server, PHONE, key=page_kind)
    assert report.failures == []
    by_language = {
        language: {page_kind(url)[0] for url in report.pages if f"lang={language}" in url}
        for language in ("de", "en")
    }
    assert sum(f"lang={language}" in url for url in report.pages for language in ("de", "en")) == len(
        report.pages
    )  # the switch was kept
    assert len(by_language["de"]) >= 25
    assert by_language["en"] == by_language["de"]  # every kind in both languages
    # every kind of minted thing the graph names has its page among them
    minted = graph_store.query(
        "SELECT DISTINCT ?x { GRAPH ?g { ?x ?p ?o } "
        f"FILTER(STRSTARTS(STR(?x), '{BASE}id/') && !CONTAINS(STR(?x), '#')) }}"
    )
    assert {page_kind(row["x"].value.replace(BASE, real_server + "/"))[0] for row in minted} <= by_language[
        "de"
    ]
    assert report.leaving == {"https://creativecommons.org/licenses/by/4.0/"}
    stated = graph_store.query(f"SELECT ?u {{ GRAPH ?g {{ ?s <{URL.value}> ?u }} }}")
    addresses = {row["u"].value for row in stated}
    assert report.originals
    assert report.originals <= addresses  # the only other way out: where a source was published


def _no_known_holder_sentence(real_server: str, day: str) -> tuple[str, str]:
    url = real_server + f"/queries/chair-at?body=IntMK&date={day}&lang=en"
    page = httpx.get(url, headers={"Accept": "text/html"}).text
    sentence = re.search(r'<p class="no-known-holder">(.*?)</p>', page, re.S).group(1)
    return " ".join(re.sub(r"<[^>]+>", "", sentence).split()), sentence


def test_no_known_holder_reads_as_a_sentence(real_server: str):
    # Since issue 15 every day from 2009 to mid-2026 has a chair: the gaps left are before the first
    # known chair (a next holder only) and after the last (a last holder only).
    words, sentence = _no_known_holder_sentence(real_server, "2026-07-01")
    assert words == (
        "No known holder on this day: no source states who held the chair. "
        "The last before: Nordrhein-Westfalen."
    )
    assert 'href="/id/holding/intmk-chair-2025-nordrhein-westfalen?lang=en"' in sentence
    words, sentence = _no_known_holder_sentence(real_server, "2008-06-01")
    assert words == (
        "No known holder on this day: no source states who held the chair. The next after: Niedersachsen."
    )
    assert 'href="/id/holding/intmk-chair-until-2009-niedersachsen?lang=en"' in sentence
