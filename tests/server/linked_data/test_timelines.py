"""Timelines over the small test graph: rows, bars from the resolved tenures (certain part solid, possible
part faded, an unknown bound dashed), links to the evidence."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from datetime import date
from pathlib import Path

import httpx
import pytest

from integrationsgraph.datafiles import load_files
from integrationsgraph.server.app import create_app
from integrationsgraph.server.pages.localization import words
from integrationsgraph.server.views.timeline_data import _in_date_order, describe, placed
from integrationsgraph.server.views.timeline_svg import Bar, Row, render
from integrationsgraph.settings import Settings
from integrationsgraph.sparql.backends import EmbeddedBackend
from integrationsgraph.tenure_windows import Tenure

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
    # the days as chair-at gives them: `until` is the last day held (the hand-over 2022-10-01 is the next)
    assert found["/id/holding/intmk-chair-2021-bayern#evidence"].startswith(
        "Bayern: sicher 2021-10-01 – 2022-09-30 · möglich 2021-10-01 – 2022-09-30"
    )
    hessen = found["/id/holding/intmk-chair-2022-hessen#evidence"]
    assert hessen.startswith("Hessen: sicher 2022-10-01 – 2022-10-01 · möglich 2022-10-01 – ? (")
    assert "Erika Muster: sicher 2022-10-01" in hessen  # the person exercising it, with her own tenure
    assert "Ende offen oder unbekannt" in hessen
    assert "test-release-2022.txt" in hessen
    assert "letzte Tag im Amt" in response.text  # the end convention is stated on the page
    assert '<rect class="bar open possible"' in response.text  # the unknown end is drawn as such
    assert response.text.count('<rect class="bar certain"') == 2


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


def test_a_tenure_is_placed_by_its_possible_part_and_unknown_bounds_as_stubs():
    stated = Tenure(date(2020, 10, 1), date(2020, 10, 1), date(2021, 10, 1), date(2021, 10, 1))
    assert placed(stated) == (date(2020, 10, 1), date(2021, 10, 1), True, True)
    # a rotation bound the latest end, a meeting the earliest: faded between, solid before
    rotation = Tenure(date(2016, 10, 1), date(2016, 10, 1), date(2017, 3, 18), date(2017, 10, 1))
    assert placed(rotation) == (date(2016, 10, 1), date(2017, 10, 1), True, True)
    assert rotation.certain == (date(2016, 10, 1), date(2017, 3, 18))
    open_end = Tenure(date(2024, 1, 18), date(2024, 9, 23), date(2024, 9, 24), None)
    assert placed(open_end) == (date(2024, 1, 18), date(2025, 9, 24), True, False)  # a dashed year
    only_end = Tenure(None, None, date(2009, 10, 1), date(2009, 10, 1))
    assert placed(only_end) == (date(2008, 10, 1), date(2009, 10, 1), False, True)
    assert placed(Tenure()) is None


def test_a_tenure_is_described_in_the_days_chair_at_gives():
    t = words("en")
    rotation = Tenure(date(2016, 10, 1), date(2016, 10, 1), date(2017, 3, 18), date(2017, 10, 1))
    assert describe(rotation, t) == "certain 2016-10-01 – 2017-03-17 · possible 2016-10-01 – 2017-09-30"
    unsure = Tenure(date(2011, 10, 1), date(2012, 3, 1), date(2012, 3, 1), None, contested=True)
    assert describe(unsure, t) == "possible 2011-10-01 – ? (open or unknown end) · contested"


def test_render_places_bars_by_date_and_draws_nothing_for_no_rows():
    assert render([], "empty") == ""
    rows = [Row("A", [Bar(date(2010, 1, 1), date(2011, 1, 1), "/a", "a")]),
            Row("B", [Bar(date(2011, 1, 1), date(2012, 1, 1), "/b", "b", start_known=False)])]  # fmt: skip
    svg = render(rows, "two")
    xs = [float(x) for x in re.findall(r'<rect class="bar[^"]*" x="([0-9.]+)"', svg)]
    assert xs[0] < xs[1]
    assert svg.count('class="bar open"') == 1
    assert svg.count('class="row-label"') == 2
    certain = (date(2016, 10, 1), date(2017, 3, 18))
    tenure = Bar(
        date(2016, 10, 1), date(2017, 10, 1), "/c", "c", certain=certain, is_tenure=True, contested=True
    )
    svg = render([Row("C", [tenure])], "tenure")
    (possible_width,) = re.findall(
        r'<rect class="bar possible contested" x="[0-9.]+" y="[0-9]+" width="([0-9.]+)"', svg
    )
    (certain_width,) = re.findall(r'<rect class="bar certain" x="[0-9.]+" y="[0-9]+" width="([0-9.]+)"', svg)
    assert 0 < float(certain_width) < float(possible_width)


def test_each_rows_bars_are_listed_in_date_order():
    # the table under the picture lists a row's bars in their order (Niedersachsen chaired twice)
    later = Bar(date(2024, 7, 1), date(2025, 7, 1), "/id/holding/b", "b")
    earlier = Bar(date(2008, 10, 1), date(2009, 10, 1), "/id/holding/a", "a")
    between = Bar(date(2010, 10, 1), date(2011, 10, 1), "/id/holding/c", "c")
    rows = _in_date_order([Row("Niedersachsen", [later, earlier]), Row("Rheinland-Pfalz", [between])])
    assert [row.label for row in rows] == ["Niedersachsen", "Rheinland-Pfalz"]
    assert rows[0].bars == [earlier, later]


@pytest.fixture
async def body_events_client(ld_build_dir) -> AsyncIterator[httpx.AsyncClient]:
    """The app over `fixtures/body-events.trig`: meetings of one body dated differently by sources."""
    backend = EmbeddedBackend(load_files([Path(__file__).parent / "fixtures" / "body-events.trig"]))
    transport = httpx.ASGITransport(app=create_app(Settings(build_dir=ld_build_dir), backend=backend))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        yield client


async def test_body_events_show_a_date_once_as_the_sources_write_it(body_events_client):
    page = await body_events_client.get("/timeline/body", params={"body": BASE + "id/body/testkonferenz"})
    assert page.status_code == 200
    table = re.findall(r'<a href="(/id/meeting/[^"]+)" title="[^"]*">([^<]*)</a>', page.text)
    # a meeting only known to have begun in 2011 reads "2011" (not "2011 – 2011-01-01", a day no source
    # gives); of three sources the one to the day gives the dates, its end included
    assert table == [
        ("/id/meeting/testkonferenz-2011#evidence", "2011"),
        ("/id/meeting/testkonferenz-2012#evidence", "2012-03-21 – 2012-03-22"),
    ]
    found = dict(bars(page.text))
    assert found["/id/meeting/testkonferenz-2011#evidence"].startswith("Testkonferenz 2011: 2011\n")
    # the bars run from the first to the last day the sources allow: both whole years, of equal width
    widths = re.findall(r'<rect class="bar[^"]*" x="[0-9.]+" y="[0-9]+" width="([0-9.]+)"', page.text)
    assert len(widths) == 2
    assert float(widths[0]) == pytest.approx(float(widths[1]), rel=0.01)
    assert float(widths[0]) > 100
