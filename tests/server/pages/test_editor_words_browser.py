"""The editor in Chromium: the site's prefixes declared on use, problems said in words before sending."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def run(page, text: str) -> None:
    page.locator("#query").fill(text)
    page.get_by_role("button", name="Run").click()


def test_known_prefixes_are_declared_on_use(browser_page, pages_server: str):
    page = browser_page
    page.goto(pages_server + "/")
    run(page, "SELECT ?body WHERE {\n  ?body a ig:Body\n}")
    page.locator("#results table.results tbody tr").nth(2).wait_for()
    assert (
        page.locator("#query")
        .input_value()
        .startswith("PREFIX ig: <https://w3id.org/integrationsgraph/def#>\n")
    )
    assert page.locator("#query-error").is_hidden()


def test_unknown_prefix_and_update_in_words(browser_page, pages_server: str):
    page = browser_page
    page.goto(pages_server + "/")
    run(page, "SELECT * WHERE {\n  ?s ?p ?o .\n  ?s foo:bar ?x\n}")
    assert page.locator("#query-error").inner_text() == "Line 3, column 6: unknown prefix 'foo' on line 3"
    run(page, "INSERT DATA { <http://a> <http://b> <http://c> }")
    assert "This endpoint is read-only" in page.locator("#query-error").inner_text()
    assert page.script_errors == []


def test_other_syntax_errors_come_from_the_endpoint_at_their_line(browser_page, pages_server: str):
    page = browser_page
    page.goto(pages_server + "/")
    run(page, "SELECT * WHERE {\n  ?s ?p ?o\n} LIMT 3")
    error = page.locator("#query-error")
    error.wait_for(state="visible")
    assert error.inner_text().startswith("Line 3, column ")
    assert page.locator("#highlight .line.error").inner_text() == "} LIMT 3"
