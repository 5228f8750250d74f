"""The query page in headless Chromium against the real server: type, run, see rows; errors at their line;
examples; downloads; and nothing fetched from anywhere but the server itself."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.server.browser import assert_only_own_requests

pytestmark = pytest.mark.slow

ROWS = "#results table.results tbody tr"

SELECT_BODIES = """PREFIX ig: <https://w3id.org/integrationsgraph/def#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?body ?label WHERE {
  ?body a ig:Body ; rdfs:label ?label .
}
ORDER BY ?label"""

# Line 3 is broken: the prefix ex: is not declared.
BROKEN = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?s WHERE {
  ?s ex:label ?label .
}"""


def replace_query(page, text: str) -> None:
    editor = page.locator("#query")
    editor.click()
    editor.press("Control+a")
    editor.press("Delete")
    editor.press_sequentially(text, delay=0)


def run_select_bodies(page, button: str = "Run") -> None:
    """Put SELECT_BODIES in the editor, run it with the button of that name and wait for its three rows."""
    replace_query(page, SELECT_BODIES)
    page.get_by_role("button", name=button).click()
    page.locator(ROWS).nth(2).wait_for()


def test_type_a_query_run_and_see_rows(browser_page, pages_server: str, screenshot_dir: Path):
    page = browser_page
    page.goto(pages_server + "/")
    replace_query(page, SELECT_BODIES)
    # The highlighter coloured what was typed.
    assert page.locator("#highlight .tok-keyword", has_text="SELECT").count() == 1
    assert page.locator("#highlight .tok-variable", has_text="?body").count() == 2
    assert (
        page.locator("#highlight .tok-iri").first.inner_text() == "<https://w3id.org/integrationsgraph/def#>"
    )
    assert page.locator("#highlight .tok-pname", has_text="rdfs:label").count() == 1
    page.get_by_role("button", name="Run").click()
    page.locator(ROWS).nth(2).wait_for()
    assert page.locator(ROWS).count() == 3
    assert page.locator("#results th").all_inner_texts() == ["?body", "?label"]
    first_link = page.locator(ROWS).first.locator("a.iri")
    assert first_link.inner_text() == "body:asmk"
    assert first_link.get_attribute("href") == "/id/body/asmk"  # this server's page, not w3id.org
    assert first_link.get_attribute("title") == "https://w3id.org/integrationsgraph/id/body/asmk"
    assert "Arbeits- und Sozialministerkonferenz" in page.locator(ROWS).first.inner_text()
    assert page.locator("#status").inner_text().startswith("3 rows in ")
    assert page.locator("#downloads button").all_inner_texts() == ["JSON", "XML", "CSV", "TSV"]
    page.screenshot(path=screenshot_dir / "query-page-results.png", full_page=True)
    assert_only_own_requests(page, pages_server)


def test_syntax_error_shows_at_its_line(browser_page, pages_server: str, screenshot_dir: Path):
    page = browser_page
    page.goto(pages_server + "/")
    replace_query(page, BROKEN)
    page.locator("#query").press("Control+Enter")  # the keyboard shortcut runs it too
    error = page.locator("#query-error")
    error.wait_for(state="visible")
    # said in words before the query is sent, at the prefix's first use
    assert error.inner_text() == "Line 3, column 6: unknown prefix 'ex' on line 3"
    marked = page.locator("#highlight .line.error")
    assert marked.count() == 1
    assert marked.inner_text() == "  ?s ex:label ?label ."
    # The caret sits at the reported line and column (1-based), ready for the fix.
    third_line_start = BROKEN.index("  ?s ex:label")
    assert page.locator("#query").evaluate("editor => editor.selectionStart") == third_line_start + 6 - 1
    assert page.locator(ROWS).count() == 0
    page.screenshot(path=screenshot_dir / "query-page-syntax-error.png", full_page=True)
    # Editing the text clears the mark: it was about the old text.
    page.locator("#query").press("End")
    page.locator("#query").press_sequentially(" ")
    assert page.locator("#highlight .line.error").count() == 0
    assert_only_own_requests(page, pages_server)


def test_choose_an_example_run_and_see_rows(browser_page, pages_server: str, screenshot_dir: Path):
    page = browser_page
    page.goto(pages_server + "/")
    page.locator('[data-example="members-of"]').click()
    text = page.locator("#query").input_value()
    assert "# name: members-of" in text
    assert "org:organization <https://w3id.org/integrationsgraph/id/body/intmk> ;" in text  # example bound
    assert "$body" not in text
    page.get_by_role("button", name="Run").click()
    page.locator(ROWS).nth(1).wait_for()
    labels = [row.split("\t")[1].strip() for row in page.locator(ROWS).all_inner_texts()]
    assert labels == ["Bayern@de", "Hessen@de"]
    page.screenshot(path=screenshot_dir / "query-page-example.png", full_page=True)
    assert_only_own_requests(page, pages_server)


def test_construct_shows_triples_and_downloads_turtle(browser_page, pages_server: str, screenshot_dir: Path):
    page = browser_page
    page.goto(pages_server + "/")
    replace_query(page, "CONSTRUCT { ?s a ?type } WHERE { ?s a ?type } ORDER BY ?s")
    page.get_by_role("button", name="Run").click()
    page.locator(ROWS).nth(4).wait_for()
    assert page.locator(ROWS).count() == 5
    assert page.locator("#status").inner_text().startswith("5 triples in ")
    formats = page.locator("#downloads button").all_inner_texts()
    assert formats == ["Turtle", "N-Triples", "RDF/XML", "JSON-LD"]
    with page.expect_download() as download_info:
        page.get_by_role("button", name="N-Triples").click()
    download = download_info.value
    assert download.suggested_filename == "results.nt"
    lines = Path(download.path()).read_text(encoding="utf-8").splitlines()
    assert len(lines) == 5
    assert (
        "<https://w3id.org/integrationsgraph/id/land/he> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
        "<https://w3id.org/integrationsgraph/def#Land> ." in lines
    )
    page.screenshot(path=screenshot_dir / "query-page-construct.png", full_page=True)
    assert_only_own_requests(page, pages_server)


def test_csv_download_of_a_select(browser_page, pages_server: str):
    page = browser_page
    page.goto(pages_server + "/")
    run_select_bodies(page)
    with page.expect_download() as download_info:
        page.get_by_role("button", name="CSV").click()
    download = download_info.value
    assert download.suggested_filename == "results.csv"
    rows = Path(download.path()).read_text(encoding="utf-8").splitlines()
    assert rows[0] == "body,label"
    assert rows[1] == "https://w3id.org/integrationsgraph/id/body/asmk,Arbeits- und Sozialministerkonferenz"


def test_endpoint_url_serves_the_page_to_browsers_and_a_permalink_refills_it(browser_page, pages_server: str):
    page = browser_page
    page.goto(pages_server + "/sparql")
    assert page.title() == "SPARQL query · Integrationsgraph"
    replace_query(page, "ASK { ?s ?p ?o }")
    page.get_by_role("button", name="Run").click()
    page.locator(".ask-answer").wait_for()
    assert page.locator(".ask-answer").inner_text() == "Yes (true)"
    # The address now carries the query: opening it again shows the same text.
    page.goto(page.url)
    assert page.locator("#query").input_value() == "ASK { ?s ?p ?o }"
    assert_only_own_requests(page, pages_server)


def test_named_query_pages_list_run_and_rerun_with_the_form(browser_page, pages_server, screenshot_dir: Path):
    page = browser_page
    page.goto(pages_server + "/queries")
    page.screenshot(path=screenshot_dir / "named-queries.png", full_page=True)
    page.locator("#members-of").get_by_role("link", name="With the example values").click()
    page.locator("table.results tbody tr").nth(1).wait_for()
    assert page.locator("table.results tbody tr").count() == 2
    page.screenshot(path=screenshot_dir / "named-query-result.png", full_page=True)
    page.get_by_label("the body").fill("body:asmk")  # a body without members
    page.get_by_role("button", name="Ask").click()
    page.wait_for_url("**/queries/members-of?body=body%3Aasmk")
    assert page.locator("p.empty-answer").inner_text().startswith("No answer")
    assert_only_own_requests(page, pages_server)


def test_highlight_layer_follows_the_editor_when_scrolled(browser_page, pages_server: str):
    page = browser_page
    page.goto(pages_server + "/")
    long_query = "SELECT * WHERE {\n" + "".join(f"  ?s{n} ?p{n} ?o{n} .\n" for n in range(80)) + "}"
    page.locator("#query").fill(long_query)
    page.locator("#query").evaluate("editor => { editor.scrollTop = editor.scrollHeight; }")
    page.wait_for_function(
        "() => document.getElementById('highlight').scrollTop === document.getElementById('query').scrollTop"
    )
    offsets = page.locator("#query").evaluate(
        """editor => {
          const last = document.querySelector('#highlight .line:last-child').getBoundingClientRect();
          return {scrolled: editor.scrollTop, lastLineBottom: last.bottom,
                  editorBottom: editor.getBoundingClientRect().bottom};
        }"""
    )
    assert offsets["scrolled"] > 1000
    # The last highlighted line is in view, just above the editor's bottom edge, as the typed text is.
    assert offsets["editorBottom"] - 60 < offsets["lastLineBottom"] <= offsets["editorBottom"]
    assert page.locator("#highlight .line").count() == 82
