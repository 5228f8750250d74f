"""Timelines over the small test graph: rows, bars, links to the evidence, unknown bounds drawn as such."""

from __future__ import annotations

import re
from datetime import date

import pytest

from integrationsgraph.server.timeline_svg import Bar, Row, fill_unknown_bounds, render

pytestmark = pytest.mark.anyio

BASE = "https://w3id.org/integrationsgraph/"


def bars(page: str) -> list[tuple[str, str]]:
    """(href, tooltip) of every bar in the page's timelines."""
    return re.findall(r'<a href="([^"]+)"><title>([^<]*)</title><rect class="bar', page)


async def test_chairs_by_land_with_sources_and_an_open_end(ld_client):
    response = await ld_client.get("/timeline/chairs", params={"body": BASE + "id/body/intmk"})
    assert response.status_code == 200
    found = dict(bars(response.text))
    assert set(found) == {
        "/id/holding/intmk-chair-2021-bayern#evidence",
        "/id/holding/intmk-chair-2022-hessen#evidence",
    }
    assert found["/id/holding/intmk-chair-2021-bayern#evidence"].startswith("Bayern: 2021-10-01 – 2022-10-01")
    hessen = found["/id/holding/intmk-chair-2022-hessen#evidence"]
    assert "Erika Muster" in hessen  # the person exercising the Land's chair
    assert "Ende offen oder unbekannt" in hessen
    assert "test-release-2022.txt" in hessen
    assert '<rect class="bar open"' in response.text  # the unknown end is drawn as such


async def test_holders_and_body_events(ld_client):
    holders = await ld_client.get(
        "/timeline/holders", params={"post": BASE + "id/post/intmk-chair", "lang": "en"}
    )
    assert len(bars(holders.text)) == 2
    assert '<th scope="col">Holder</th>' in holders.text
    events = await ld_client.get("/timeline/body", params={"body": BASE + "id/body/intmk"})
    ((href, tooltip),) = bars(events.text)
    assert href == "/id/meeting/intmk-test-2023#evidence"
    assert "2023-04-24 – 2023-04-25" in tooltip


async def test_timelines_inside_resource_pages(ld_client):
    post = (await ld_client.get("/id/post/intmk-chair.html")).text
    assert 'class="timeline-section"' in post
    assert "/timeline/holders?post=" in post
    body = (await ld_client.get("/id/body/intmk.html")).text
    assert "/timeline/chairs?body=" in body
    assert "/timeline/body?body=" in body
    land = (await ld_client.get("/id/land/hessen.html")).text
    assert 'class="timeline-section"' not in land


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/timeline/chairs?body=not-an-iri", 400),
        ("/timeline/chairs", 400),
        ("/timeline/chairs?body=https://w3id.org/integrationsgraph/id/body/none", 404),
        ("/timeline/nonsense?body=https://w3id.org/integrationsgraph/id/body/intmk", 404),
    ],
)
async def test_timeline_errors_in_the_common_shape(ld_client, path, status):
    response = await ld_client.get(path, headers={"Accept": "application/json"})
    assert response.status_code == status
    assert response.json()["error"]["status"] == status


def test_unknown_bounds_reach_the_neighbouring_hand_over_at_most_a_year():
    spans = [
        (date(2020, 10, 1), date(2021, 10, 1)),
        (date(2021, 10, 1), None),  # successor begins 2022-07-01: drawn up to it
        (None, date(2024, 7, 1)),  # nothing ended within the year before: one year back
        (date(2022, 7, 1), date(2023, 7, 1)),
        (None, None),
    ]
    assert fill_unknown_bounds(spans) == [
        (date(2020, 10, 1), date(2021, 10, 1), True, True),
        (date(2021, 10, 1), date(2022, 7, 1), True, False),
        (date(2023, 7, 2), date(2024, 7, 1), False, True),  # 365 days back (2024 is a leap year)
        (date(2022, 7, 1), date(2023, 7, 1), True, True),
        None,
    ]


def test_render_places_bars_by_date_and_draws_nothing_for_no_rows():
    assert render([], "empty") == ""
    rows = [Row("A", [Bar(date(2010, 1, 1), date(2011, 1, 1), "/a", "a")]),
            Row("B", [Bar(date(2011, 1, 1), date(2012, 1, 1), "/b", "b", start_known=False)])]  # fmt: skip
    svg = render(rows, "two")
    xs = [float(x) for x in re.findall(r'<rect class="bar[^"]*" x="([0-9.]+)"', svg)]
    assert xs[0] < xs[1]
    assert svg.count('class="bar open"') == 1
    assert svg.count('class="row-label"') == 2
