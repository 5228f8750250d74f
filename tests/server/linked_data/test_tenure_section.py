"""A holding's page shows its resolved tenure: the days as the named queries give them and, per derived
bound, the rule, the facts it rests on and the words that state them (the small test graph)."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.anyio


def section(page: str) -> str:
    found = re.search(r'<section id="tenure">(.*?)</section>', page, re.S)
    assert found, "no tenure section"
    return found.group(1)


async def test_a_holding_page_shows_each_bound_with_rule_facts_and_words(ld_client):
    page = (await ld_client.get("/id/holding/intmk-chair-2021-bayern.html", params={"lang": "en"})).text
    tenure = section(page)
    # the days, in the one end convention: the hand-over on 2022-10-01 is the day after the last day held
    assert "certain 2021-10-01 – 2022-09-30" in tenure
    assert "possible 2021-10-01 – 2022-09-30" in tenure
    assert "the hand-over is the day after" in tenure
    (row,) = re.findall(r"<tr><th scope=\"row\">(.*?)</tr>", tenure, re.S)
    assert "latestEnd" in row or "latest end" in row.lower()
    assert "2022-10-01" in row
    assert "(last day held 2022-09-30)" in row
    assert "/def/rule/tenure-stated" in row  # the rule, linked
    assert "/id/instant/test-release-2022-2022-10-01" in row  # the fact it rests on
    assert '<mark class="exact">übernimmt Hessen den Vorsitz</mark>' in row  # the words that state it
    assert '<code class="file-name">test-release-2022.txt</code>' in row


async def test_an_open_tenure_says_so_and_other_pages_have_no_tenure(ld_client):
    hessen = section((await ld_client.get("/id/holding/intmk-chair-2022-hessen.html")).text)
    assert "möglich 2022-10-01 – ? (Ende offen oder unbekannt)" in hessen
    assert "/def/rule/tenure-held-a-day" in hessen
    land = (await ld_client.get("/id/land/hessen.html")).text
    assert '<section id="tenure">' not in land
