"""The chair timeline page, the GEXF export and the `chair-at` query agree on every date, with one end
convention: all read the resolved tenures of the real build. The page's tooltip of each Land's bar gives
the days `chair-at` gives for that holding (certain and possible, `until` the last day held), and on every
1 October and 1 July from 1990 to 2030 and on every day a tenure bound falls on (and the day before),
the holdings the page would draw as certain or possible are those `chair-at` answers."""

from __future__ import annotations

import html
import io
import re
from collections.abc import AsyncIterator
from datetime import date, timedelta

import httpx
import networkx as nx
import pytest

from integrationsgraph.exports.exporting import export
from integrationsgraph.exports.scope import Scope
from integrationsgraph.queries.catalog import load_catalog
from integrationsgraph.queries.execute import run_query
from integrationsgraph.server.app import create_app
from integrationsgraph.settings import Settings
from integrationsgraph.sparql.backends import EmbeddedBackend
from integrationsgraph.tenure_windows import read_tenures

pytestmark = [pytest.mark.slow, pytest.mark.anyio]

BASE = "https://w3id.org/integrationsgraph/"
INTMK = BASE + "id/body/intmk"
CHAIR_AT = load_catalog()["chair-at"]
LAND_CHAIRS = f"""PREFIX ig: <{BASE}def#> PREFIX org: <http://www.w3.org/ns/org#>
SELECT DISTINCT ?holding WHERE {{ ?holding ig:post <{BASE}id/post/intmk-chair> ; org:member ?land .
  ?land a ig:Land . FILTER NOT EXISTS {{ ?holding ig:exercises ?other }} }}"""


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
async def real_client(built_release, graph_store) -> AsyncIterator[httpx.AsyncClient]:
    build_dir = built_release.release_dir.parent.parent
    app = create_app(Settings(build_dir=build_dir), backend=EmbeddedBackend(graph_store))
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://testserver"
    ) as client:
        yield client


def chair_at(store, day: date) -> dict[str, tuple[str, dict[str, str]]]:
    """holding -> (status, the row's day columns) for the Lands `chair-at` answers on `day`."""
    outcome = run_query(store, CHAIR_AT.bind({"body": INTMK, "date": day.isoformat()}))
    found = {}
    for values in outcome.tuples():
        row = {
            name: term.value for name, term in zip(outcome.variables, values, strict=True) if term is not None
        }
        if row["status"] != "no known holder":
            columns = ("certainFrom", "certainUntil", "possibleFrom", "possibleUntil")
            found[row["holding"]] = (row["status"], {column: row.get(column, "") for column in columns})
    return found


async def test_the_page_gives_each_tenure_in_the_days_chair_at_gives(real_client, graph_store):
    page = (await real_client.get("/timeline/chairs", params={"body": INTMK, "lang": "en"})).text
    tooltips = {
        BASE + href.removeprefix("/").split("#")[0].split("?")[0]: html.unescape(title)
        for href, title in re.findall(r'<a href="([^"]+)"><title>([^<]*)</title><rect class="bar', page)
    }
    tenures = await read_tenures(EmbeddedBackend(graph_store), set(tooltips))
    assert len(tooltips) >= 10
    checked = 0
    for holding, tooltip in tooltips.items():
        tenure = tenures[holding]
        probe = tenure.certain[0] if tenure.certain else tenure.earliest_beginning
        if probe is None:
            continue
        _, days = chair_at(graph_store, probe)[holding]
        first_line = tooltip.splitlines()[0]
        if days["certainFrom"]:
            assert f"certain {days['certainFrom']} – {days['certainUntil'] or '?'}" in first_line, holding
        possible_until = days["possibleUntil"] or "? (open or unknown end)"
        assert f"possible {days['possibleFrom'] or '?'} – {possible_until}" in first_line, holding
        checked += 1
    assert checked >= 10
    assert "the hand-over is the day after" in page


async def test_page_and_chair_at_agree_on_every_date(graph_store):
    backend = EmbeddedBackend(graph_store)
    holdings = {row["holding"].value for row in (await backend.query(LAND_CHAIRS)).rows()}
    tenures = await read_tenures(backend, holdings)
    days = {date(year, month, 1) for year in range(1990, 2031) for month in (7, 10)}
    for tenure in tenures.values():
        for bound in (
            tenure.earliest_beginning,
            tenure.latest_beginning,
            tenure.earliest_end,
            tenure.latest_end,
        ):
            if bound is not None:
                days |= {bound, bound - timedelta(days=1)}
    for day in sorted(days):
        drawn = {
            holding: tenure.status_on(day) for holding, tenure in tenures.items() if tenure.status_on(day)
        }
        answered = chair_at(graph_store, day)
        assert set(drawn) == set(answered), day
        for holding, (status, _) in answered.items():
            if status != "contested":
                assert drawn[holding] == status, (day, holding)


async def test_the_gexf_intervals_are_chair_ats_possible_days(graph_store):
    backend = EmbeddedBackend(graph_store)
    graph = nx.read_gexf(io.BytesIO(await export(backend, Scope("all"), "gexf", "de")))
    holdings = {row["holding"].value for row in (await backend.query(LAND_CHAIRS)).rows()}
    tenures = await read_tenures(backend, holdings)
    checked = 0
    for holding, tenure in tenures.items():
        probe = tenure.certain[0] if tenure.certain else tenure.earliest_beginning
        if probe is None:
            continue
        _, days = chair_at(graph_store, probe)[holding]
        node = graph.nodes[holding]
        assert (node.get("start", ""), node.get("end", "")) == (days["possibleFrom"], days["possibleUntil"])
        assert (node.get("certainFrom", ""), node.get("certainUntil", "")) == (
            days["certainFrom"],
            days["certainUntil"],
        )
        checked += 1
    assert checked >= 10
