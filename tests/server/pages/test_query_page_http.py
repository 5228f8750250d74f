"""The query page and its static files, in process: where it is served, what it embeds, what it links."""

from __future__ import annotations

import json
import re

import httpx
import pyoxigraph as ox
import pytest

from integrationsgraph.queries.catalog import load_catalog, parse_named_query
from integrationsgraph.server.app import create_app
from integrationsgraph.server.pages.rendering import DEFAULT_QUERY, STATIC_DIR, example_text
from integrationsgraph.settings import Settings
from integrationsgraph.sparql.backends import EmbeddedBackend

BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


def embedded_json(page: str, element_id: str):
    found = re.search(rf'<script type="application/json" id="{element_id}">(.*?)</script>', page, re.S)
    assert found, f"no #{element_id} in the page"
    return json.loads(found.group(1))


@pytest.mark.anyio
@pytest.mark.parametrize("path", ["/", "/sparql"])
async def test_page_is_served_at_root_and_to_browsers_at_the_endpoint(pages_client, path):
    response = await pages_client.get(path, headers={"Accept": BROWSER_ACCEPT})
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    page = response.text
    assert '<textarea id="query"' in page
    assert 'data-endpoint="/sparql"' in page
    # Without scripts, Run submits the form to the endpoint itself.
    assert '<form id="query-form" method="get" action="/sparql">' in page
    assert "PREFIX rdfs: &lt;http://www.w3.org/2000/01/rdf-schema#&gt;" in page  # the default query, escaped
    examples = embedded_json(page, "examples")
    assert sorted(examples) == ["bodies", "founded-since", "is-body", "members-of"]
    assert "<https://w3id.org/integrationsgraph/id/body/intmk>" in examples["members-of"]
    assert embedded_json(page, "prefixes")["body"] == "https://w3id.org/integrationsgraph/id/body/"


@pytest.mark.anyio
async def test_endpoint_without_a_query_still_describes_itself_to_rdf_clients(pages_client):
    response = await pages_client.get("/sparql", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/turtle")


@pytest.mark.anyio
async def test_query_and_example_parameters_fill_the_editor(pages_client):
    response = await pages_client.get("/", params={"query": "ASK { ?s ?p </script> }"})
    assert "<textarea" in response.text
    assert "ASK { ?s ?p &lt;/script&gt; }</textarea>" in response.text
    response = await pages_client.get("/", params={"example": "founded-since"})
    xsd_date = "&lt;http://www.w3.org/2001/XMLSchema#date&gt;"
    assert f"FILTER(?founded &gt;= &#34;2000-01-01&#34;^^{xsd_date})" in response.text


@pytest.mark.anyio
async def test_page_loads_nothing_from_elsewhere(pages_client):
    page = (await pages_client.get("/")).text
    sources = re.findall(r'<(?:script|link|img)[^>]*(?:src|href)="([^"]*)"', page)
    assert sources == [
        "/static/favicon.svg",
        "/static/style.css",
        "/static/search.js",
        "/static/sortable.js",
        "/static/query-page.js",
    ]
    for source in sources:
        response = await pages_client.get(source)
        assert response.status_code == 200
    modules = [path.name for path in STATIC_DIR.glob("*.js")]
    for module in modules:
        text = (STATIC_DIR / module).read_text(encoding="utf-8")
        assert not re.search(r"https?://(?!www\.w3\.org/)", text), f"{module} refers to a remote address"
        for imported in re.findall(r'from "\./([^"]+)"', text):
            assert imported in modules, f"{module} imports missing {imported}"


@pytest.mark.anyio
async def test_static_files_have_their_types(pages_client):
    javascript = await pages_client.get("/static/highlight.js")
    assert javascript.headers["content-type"].startswith("text/javascript")
    css = await pages_client.get("/static/style.css")
    assert css.headers["content-type"].startswith("text/css")
    assert (await pages_client.get("/static/nothing.js")).status_code == 404


def test_example_text_keeps_tokens_when_a_required_parameter_has_no_example():
    query = parse_named_query(
        '# name: q\n# summary: s\n# param: body iri "the body"\nSELECT * { ?x ?p $body }\n', "q.rq"
    )
    assert example_text(query).endswith("SELECT * { ?x ?p $body }\n")


def test_default_query_runs_on_an_empty_store():
    assert list(ox.Store().query(DEFAULT_QUERY)) == []


@pytest.mark.anyio
async def test_installed_named_queries_are_listed_and_their_examples_run():
    """The real catalogue in queries/: every query appears on the page and runs with its examples."""
    installed = load_catalog()
    app = create_app(Settings(), backend=EmbeddedBackend(ox.Store()))
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        page = (await client.get("/")).text
        assert sorted(embedded_json(page, "examples")) == sorted(installed)
        listing = (await client.get("/queries?format=json")).json()["queries"]
        assert [entry["name"] for entry in listing] == sorted(installed)
        for entry in listing:
            response = await client.get(entry["example_url"].removeprefix("http://testserver"))
            assert response.status_code == 200, (entry["name"], response.text)
            assert response.json()["head"]["vars"]
