"""The editor for SPARQL users in headless Chromium: prefixes and entity names completed while typing
(names from the search's label index), sortable result tables by pointer and keyboard, and the page in
German."""

from __future__ import annotations

import pytest

from tests.server.pages.test_query_page_browser import ROWS, replace_query, run_select_bodies

pytestmark = pytest.mark.slow

COMPLETIONS = "#completion [role=option]"


def test_a_prefix_is_completed_and_declared(browser_page, pages_server: str):
    page = browser_page
    page.goto(pages_server + "/")
    replace_query(page, "SELECT ?s WHERE { ?s a rd")
    page.locator(COMPLETIONS).first.wait_for()
    assert page.locator(COMPLETIONS).all_inner_texts()[:2] == [
        "rdf: http://www.w3.org/1999/02/22-rdf-syntax-ns#",
        "rdfs: http://www.w3.org/2000/01/rdf-schema#",
    ]
    editor = page.locator("#query")
    editor.press("ArrowDown")  # the second: rdfs
    assert page.locator(COMPLETIONS).nth(1).get_attribute("aria-selected") == "true"
    editor.press("Enter")
    assert page.locator("#completion").is_hidden()
    assert editor.input_value() == (
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\nSELECT ?s WHERE { ?s a rdfs:"
    )
    editor.press_sequentially("Class }")  # the caret stayed after the completed prefix
    assert editor.input_value().endswith("?s a rdfs:Class }")


def test_an_entity_name_is_completed_from_the_label_index(browser_page, pages_server: str):
    page = browser_page
    page.goto(pages_server + "/")
    replace_query(page, "SELECT ?p ?o WHERE { body:sozialmin")
    option = page.locator(COMPLETIONS, has_text="Arbeits- und Sozialministerkonferenz")
    option.wait_for()
    assert "body:asmk" in option.inner_text()
    option.click()
    value = page.locator("#query").input_value()
    assert value.startswith("PREFIX body: <https://w3id.org/integrationsgraph/id/body/>\n")
    assert value.endswith("SELECT ?p ?o WHERE { body:asmk")
    # Escape closes the list without changing the text
    page.locator("#query").press_sequentially(" ?p ig")
    page.locator(COMPLETIONS).first.wait_for()
    page.locator("#query").press("Escape")
    assert page.locator("#completion").is_hidden()
    assert page.locator("#query").input_value().endswith("body:asmk ?p ig")


def test_result_tables_sort_by_a_click_or_the_keyboard(browser_page, pages_server: str):
    page = browser_page
    page.goto(pages_server + "/")
    run_select_bodies(page)
    labels = lambda: [row.split("\t")[1].strip() for row in page.locator(ROWS).all_inner_texts()]  # noqa: E731
    ascending = labels()
    assert ascending == sorted(ascending)
    assert len(set(ascending)) == 3
    head = page.locator("#results th", has_text="?label")
    head.get_by_role("button").click()
    assert head.get_attribute("aria-sort") == "ascending"
    assert labels() == ascending
    head.get_by_role("button").focus()
    page.keyboard.press("Enter")
    assert head.get_attribute("aria-sort") == "descending"
    assert labels() == ascending[::-1]
    assert page.script_errors == []


def test_reader_tables_of_answers_sort_too(browser_page, pages_server: str):
    page = browser_page
    page.goto(pages_server + "/queries/members-of?body=body:intmk")
    rows = page.locator("table.results.reader tbody tr")
    assert rows.count() == 2
    first = rows.first.inner_text()
    page.locator("table.results.reader th").first.get_by_role("button").click()
    page.locator("table.results.reader th").first.get_by_role("button").click()
    assert page.locator("table.results.reader th").first.get_attribute("aria-sort") == "descending"
    assert rows.first.inner_text() != first


def test_the_editor_speaks_german(browser_page, pages_server: str):
    page = browser_page
    page.goto(pages_server + "/?lang=de")
    assert page.get_by_role("heading", name="SPARQL-Abfrage").count() == 1
    replace_query(page, "SELECT ?s WHERE {\n  ?s ex:label ?label .\n}")
    page.get_by_role("button", name="Ausführen").click()
    error = page.locator("#query-error")
    error.wait_for(state="visible")
    assert error.inner_text() == "Zeile 2, Spalte 6: unbekanntes Präfix „ex“ in Zeile 2"
    run_select_bodies(page, "Ausführen")
    assert page.locator("#status").inner_text().startswith("3 Zeilen in ")
    assert page.locator("#downloads").inner_text().startswith("Herunterladen:")
