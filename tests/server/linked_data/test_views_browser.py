"""The views in headless Chromium against the real build: resource page, timelines, the interactive
graph; nothing fetched from anywhere but the server; screenshots into tests/artifacts/."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import pytest

from tests.server.browser import assert_only_own_requests

pytestmark = pytest.mark.slow

BASE = "https://w3id.org/integrationsgraph/"


def test_resource_page_in_the_browser(ld_page, real_server: str, ld_artifacts: Path):
    page = ld_page
    page.goto(real_server + "/id/holding/intmk-chair-2022-hessen")
    assert page.locator("html").get_attribute("lang") == "de"  # the browser's locale is German
    assert page.locator("#properties table tbody tr").count() >= 5
    assert page.locator("#evidence mark.exact").count() >= 1
    assert page.locator("svg.neighbourhood a").count() >= 3
    page.screenshot(path=ld_artifacts / "ld-resource-holding.png", full_page=True)
    page.locator('svg.neighbourhood a[href="/id/land/hessen"] rect').click()
    page.wait_for_url("**/id/land/hessen")
    assert page.locator("h1").inner_text() == "Hessen"
    assert_only_own_requests(page, real_server)


def test_language_switch_is_kept_in_links(ld_page, real_server: str, ld_artifacts: Path):
    page = ld_page
    page.goto(real_server + "/id/land/hessen")
    page.locator(".language-switch a", has_text="EN").click()
    page.wait_for_url("**lang=en")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("#properties h2").inner_text() == "Properties"
    listing = page.locator("#incoming details.incoming-list")
    if listing.get_attribute("open") is None:  # a list of over 40 links starts folded: unfold it first
        listing.locator("summary").click()
    first = page.locator("#incoming td a[href^='/id/']").first
    href = first.get_attribute("href")
    assert "lang=en" in href
    first.click()
    page.wait_for_url(real_server + href)
    assert page.locator("html").get_attribute("lang") == "en"
    page.screenshot(path=ld_artifacts / "ld-resource-english.png", full_page=True)


def test_chairs_timeline_bars_link_to_their_sources(ld_page, real_server: str, ld_artifacts: Path):
    page = ld_page
    page.goto(real_server + "/timeline/chairs?body=" + quote(BASE + "id/body/intmk", safe=""))
    bars = page.locator("svg.timeline a")
    assert bars.count() >= 10
    rows = page.locator("svg.timeline text.row-label").all_text_contents()
    assert "Hessen" in rows
    assert "Nordrhein-Westfalen" in rows
    page.screenshot(path=ld_artifacts / "ld-timeline-chairs.png", full_page=True)
    hessen = page.locator("svg.timeline a", has=page.locator("title", has_text="Hessen"))
    hessen.first.locator("rect").first.click()  # a link holds one bar per part (certain, possible)
    page.wait_for_url("**/id/holding/**")
    assert page.locator("#evidence .source-group").count() >= 1
    assert page.locator("#evidence code.file-name").count() >= 1
    assert_only_own_requests(page, real_server)


def test_body_and_holders_timelines(ld_page, real_server: str, ld_artifacts: Path):
    page = ld_page
    page.goto(
        real_server
        + "/timeline/body?body="
        + quote(BASE + "id/body/hessische-integrationskonferenz", safe="")
    )
    assert page.locator("svg.timeline rect.bar").count() >= 3
    page.screenshot(path=ld_artifacts / "ld-timeline-body.png", full_page=True)
    page.goto(real_server + "/timeline/holders?post=" + quote(BASE + "id/post/intmk-chair", safe=""))
    assert page.locator("svg.timeline rect.bar").count() >= 10
    page.goto(real_server + "/id/body/intmk")
    assert page.locator(".timeline-section svg.timeline").count() >= 2
    page.screenshot(path=ld_artifacts / "ld-resource-body.png", full_page=True)
    assert_only_own_requests(page, real_server)


def test_interactive_graph_lays_out_and_selects(ld_page, real_server: str, ld_artifacts: Path):
    page = ld_page
    page.goto(real_server + "/view/graph?entity=" + quote(BASE + "id/land/hessen", safe="") + "&depth=1")
    page.locator("#graph-canvas[data-layout='done']").wait_for()
    nodes = page.locator("#graph-canvas .gnode")
    assert nodes.count() >= 5
    positions = page.evaluate(
        "() => [...document.querySelectorAll('#graph-canvas .gnode')].map(g => g.getAttribute('transform'))"
    )
    assert len(set(positions)) == len(positions), "every node has its own place"
    page.screenshot(path=ld_artifacts / "ld-graph-view.png", full_page=True)
    centre = page.locator("#graph-canvas .gnode.centre")
    centre.locator("circle").click()
    assert page.locator("#graph-details h2").inner_text() == "Hessen"
    assert page.locator("#graph-details a.node-page").get_attribute("href") == "/id/land/hessen"
    # dragging a node moves it
    box = nodes.nth(1).locator("circle").bounding_box()
    before = nodes.nth(1).get_attribute("transform")
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] + 80, box["y"] + 60, steps=5)
    page.mouse.up()
    assert nodes.nth(1).get_attribute("transform") != before
    assert_only_own_requests(page, real_server)


def test_ontology_and_dataset_pages(ld_page, real_server: str, ld_artifacts: Path):
    page = ld_page
    page.goto(real_server + "/id/holding/intmk-chair-2022-hessen")
    page.locator(".types a", has_text="Amtsinhabe").click()
    page.wait_for_url("**/def#Holding")
    assert page.locator("section.term:target h3 code").inner_text() == "ig:Holding"
    page.screenshot(path=ld_artifacts / "ld-ontology.png")
    page.goto(real_server + "/dataset?lang=en")
    assert page.locator("table.dumps tbody tr").count() == 4
    assert page.locator("table.graphs tbody tr").count() > 40
    page.screenshot(path=ld_artifacts / "ld-dataset.png", full_page=True)
    assert_only_own_requests(page, real_server)


def test_resolved_tenures_in_the_browser(ld_page, real_server: str, ld_artifacts: Path):
    """The chairs timeline draws sure and possible parts; a holding's page explains each derived bound."""
    page = ld_page
    page.goto(real_server + "/timeline/chairs?body=" + quote(BASE + "id/body/intmk", safe=""))
    assert page.locator("svg.timeline rect.bar.possible").count() >= 10
    assert page.locator("svg.timeline rect.bar.certain").count() >= 5
    assert page.locator("p.timeline-legend").count() == 1
    # issue 15 states Baden-Württemberg's end; NRW's year from 1 July 2025 ends by the rotation only
    page.goto(real_server + "/id/holding/intmk-chair-2025-nordrhein-westfalen")
    tenure = page.locator("#tenure")
    assert "2025-07-01" in tenure.locator("p.tenure-days").inner_text()
    rows = tenure.locator("table.tenure-bounds tbody tr")
    assert rows.count() == 4  # every bound derived: each with its rule
    assert tenure.locator("td.rule a[href*='/def/rule/tenure-']").count() == 4
    # the rotation bound rests on the stated term, in the words of a source
    assert tenure.locator("td.rule a[href*='/def/rule/tenure-term-length']").count() >= 1
    assert tenure.locator("mark.exact").count() >= 1
    assert tenure.locator("code.file-name").count() >= 1
    page.screenshot(path=ld_artifacts / "ld-resource-tenure.png", full_page=True)
    assert_only_own_requests(page, real_server)


def test_an_exercisers_page_explains_the_bound_set_by_the_other_exerciser(ld_page, real_server: str):
    """Schneider began exercising NRW's chair after the last day a source shows Laschet in NRW's office:
    the bound's row names that rule and shows the words of the source that names Laschet minister."""
    page = ld_page
    page.goto(real_server + "/id/holding/intmk-chair-2009-guntram-schneider?lang=en")
    rows = page.locator("#tenure table.tenure-bounds tbody tr")
    in_turn = rows.filter(has=page.locator("td.rule a[href*='/def/rule/tenure-exercisers-in-turn']"))
    assert in_turn.count() == 1
    assert "2010-03-19" in in_turn.inner_text()
    assert "NRW-Integrationsminister Armin Laschet (CDU)" in in_turn.locator("mark.exact").all_text_contents()
    assert "bild-intmk-duesseldorf-2010-03-18.txt" in in_turn.locator("code.file-name").all_text_contents()
    assert_only_own_requests(page, real_server)


def test_a_conference_chaired_by_a_person_has_its_chairs_timeline(ld_page, real_server: str):
    """Heike Hofmann chairs the Hessische Integrationskonferenz (since 2019) herself: her bar, from the
    resolved tenure, begins with the constituent session of 2024."""
    page = ld_page
    body = quote(BASE + "id/body/hessische-integrationskonferenz-2019", safe="")
    page.goto(real_server + "/timeline/chairs?body=" + body)
    assert page.locator("svg.timeline text.row-label").all_text_contents() == ["Heike Hofmann"]
    assert "2024" in page.locator("svg.timeline a title").first.text_content()
    assert_only_own_requests(page, real_server)
