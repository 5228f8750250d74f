"""chair-at over HTTP on the real build (issue 11): a gap is said as a gap, in JSON and in the HTML table."""

from __future__ import annotations

import httpx
import pytest

pytestmark = pytest.mark.slow  # the session's real build

BASE = "https://w3id.org/integrationsgraph/"
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


def chair_at(server: str, day: str, accept: str) -> httpx.Response:
    params = {"body": BASE + "id/body/intmk", "date": day}
    response = httpx.get(server + "/queries/chair-at", params=params, headers={"Accept": accept}, timeout=30)
    assert response.status_code == 200, response.text
    return response


def test_a_day_no_source_covers_answers_no_known_holder_with_the_neighbours(real_server):
    # issue 15 filled 2017-2026: the first day no source covers follows NRW's year from 1 July 2025
    document = chair_at(real_server, "2026-07-01", "application/sparql-results+json").json()
    (row,) = document["results"]["bindings"]
    assert row["status"]["value"] == "no known holder"
    assert row["before"]["value"] == BASE + "id/holding/intmk-chair-2025-nordrhein-westfalen"
    assert "after" not in row
    assert "holder" not in row
    assert "last day held, inclusive" in row["endConvention"]["value"]


def test_the_html_table_says_certain_and_no_known_holder(real_server):
    page = chair_at(real_server, "2022-10-01", BROWSER).text
    assert ">sicher<" in page  # the status "certain", in the page language (German by default)
    assert "Kai Klose" in page
    page = chair_at(real_server, "2026-10-01", BROWSER).text
    assert "An diesem Tag ist kein Inhaber bekannt" in page  # a sentence, in the page language
    assert "Nordrhein-Westfalen" in page  # the nearest holder before
