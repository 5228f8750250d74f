"""Named queries over HTTP, in process: the list, runs in each format, and every error status."""

from __future__ import annotations

import csv
import io

import httpx
import pytest

from integrationsgraph.settings import Settings

pytestmark = pytest.mark.anyio

BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
INTMK = "https://w3id.org/integrationsgraph/id/body/intmk"


async def test_list_as_json_has_every_query_with_parameters_and_links(pages_client):
    response = await pages_client.get("/queries", headers={"Accept": "application/json"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert "Accept" in {token.strip() for token in response.headers["vary"].split(",")}  # + gzip's, CORS's
    queries = {entry["name"]: entry for entry in response.json()["queries"]}
    assert sorted(queries) == ["bodies", "founded-since", "is-body", "members-of"]
    members_of = queries["members-of"]
    assert members_of["summary"] == "Who is a member of a body."
    assert members_of["url"] == "http://testserver/queries/members-of"
    assert (
        members_of["example_url"]
        == "http://testserver/queries/members-of?body=https%3A%2F%2Fw3id.org%2Fintegrationsgraph%2Fid%2Fbody%2Fintmk"
    )
    assert members_of["parameters"] == [
        {"name": "body", "type": "iri", "required": True, "example": INTMK, "description": "the body"}
    ]
    # Each example link runs as advertised.
    run = await pages_client.get(members_of["example_url"].removeprefix("http://testserver"))
    assert run.status_code == 200


async def test_list_as_html_for_browsers_and_by_format(pages_client):
    for request in (
        pages_client.get("/queries", headers={"Accept": BROWSER_ACCEPT}),
        pages_client.get("/queries?format=html", headers={"Accept": "application/json"}),
    ):
        response = await request
        assert response.status_code == 200
        assert response.headers["content-type"] == "text/html; charset=utf-8"
        page = response.text
        assert '<section class="query-entry" id="members-of">' in page
        example = f'<span class="hint">z. B. <code>{INTMK}</code></span>'
        assert f"<li><code>body</code>: the body {example}</li>" in page
        assert '<h2><a href="/queries/members-of">members-of</a></h2>' in page  # the question's form
        assert 'href="/queries/founded-since?since=2000-01-01&amp;format=csv"' in page
        assert 'href="/?example=members-of"' in page
    as_json = await pages_client.get("/queries?format=json", headers={"Accept": BROWSER_ACCEPT})
    assert as_json.headers["content-type"] == "application/json"


async def test_run_as_sparql_json_results(pages_client):
    response = await pages_client.get(f"/queries/members-of?body={INTMK}")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/sparql-results+json; charset=utf-8"
    document = response.json()
    assert document["head"]["vars"] == ["member", "label"]
    assert [row["label"] for row in document["results"]["bindings"]] == [
        {"type": "literal", "value": "Bayern", "xml:lang": "de"},
        {"type": "literal", "value": "Hessen", "xml:lang": "de"},
    ]


async def test_run_as_csv_by_accept_and_by_format(pages_client):
    url = "/queries/founded-since?since=2000-01-01"
    by_accept = await pages_client.get(url, headers={"Accept": "text/csv"})
    by_format = await pages_client.get(url + "&format=csv")
    for response in (by_accept, by_format):
        assert response.status_code == 200
        assert response.headers["content-type"] == "text/csv; charset=utf-8"
        assert list(csv.reader(io.StringIO(response.text))) == [["body", "founded"], [INTMK, "2006-04-01"]]


async def test_prefixed_name_parameter_and_ask(pages_client):
    response = await pages_client.get("/queries/is-body?resource=land:he")
    assert response.json() == {"head": {}, "boolean": False}
    response = await pages_client.get("/queries/is-body?resource=body:asmk")
    assert response.json() == {"head": {}, "boolean": True}


async def test_run_as_html_table_with_linked_iris_and_a_form(pages_client):
    url = "/queries/members-of?body=body:intmk"
    response = await pages_client.get(url, headers={"Accept": BROWSER_ACCEPT})
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    page = response.text
    assert '<p class="status">2 Zeile(n)</p>' in page  # German unless asked otherwise
    # an IRI reads as its label, linked to this server's page; the query's label column is folded in
    assert '<a href="/id/land/he" title="https://w3id.org/integrationsgraph/id/land/he">Hessen</a>' in page
    assert "@de" not in page.partition('<table class="results')[2]
    assert 'name="body" type="search" value="body:intmk"' in page  # the form shows what ran
    assert 'href="/queries/members-of?body=body%3Aintmk&amp;format=json"' in page
    assert 'href="/queries/members-of?body=body%3Aintmk&amp;raw=1"' in page
    assert f"org:organization &lt;{INTMK}&gt; ;" in page  # the bound query text


async def test_raw_answer_keeps_the_terms_and_links_locally(pages_client):
    response = await pages_client.get(
        "/queries/members-of?body=body:intmk&raw=1&lang=en", headers={"Accept": BROWSER_ACCEPT}
    )
    page = response.text
    link = '<a href="/id/land/he?lang=en" title="https://w3id.org/integrationsgraph/id/land/he">land:he</a>'
    assert link in page
    assert '<span class="literal">Hessen</span><span class="annotation">@de</span>' in page
    assert '<p class="status">2 row(s)</p>' in page


async def test_lang_is_a_page_parameter_and_carried_by_links(pages_client):
    response = await pages_client.get("/queries/members-of?body=body:intmk&lang=en&format=json")
    assert response.status_code == 200
    response = await pages_client.get("/queries/bodies?lang=en", headers={"Accept": BROWSER_ACCEPT})
    assert response.status_code == 200
    page = response.text
    assert '<html lang="en">' in page
    assert 'href="/id/body/intmk?lang=en"' in page
    assert 'href="/queries?lang=en"' in page  # navigation keeps the switch
    assert '<input type="hidden" name="lang" value="en">' in page  # and so does the search form
    response = await pages_client.get("/queries/bodies?lang=fr")
    assert response.status_code == 400
    assert "parameter lang: 'fr' is not one of de, en" in response.json()["error"]["detail"]


async def test_entity_parameter_by_name(pages_client):
    by_name = await pages_client.get("/queries/members-of?body=integrationsministerkonferenz")
    by_iri = await pages_client.get(f"/queries/members-of?body={INTMK}")
    assert by_name.status_code == 200
    assert by_name.json() == by_iri.json()
    assert len(by_name.json()["results"]["bindings"]) == 2


async def test_without_parameters_a_browser_gets_the_form(pages_client):
    response = await pages_client.get("/queries/founded-since", headers={"Accept": BROWSER_ACCEPT})
    assert response.status_code == 200
    page = response.text
    assert 'name="since" type="date"' in page
    assert "answer-heading" not in page  # nothing asked yet, no answer


async def test_empty_answer_says_what_it_means(pages_client):
    response = await pages_client.get(
        "/queries/founded-since?since=2030-01-01&lang=en", headers={"Accept": BROWSER_ACCEPT}
    )
    assert "No answer: the graph holds no fact for these values." in response.text


@pytest.mark.parametrize(
    ("url", "named"),
    [
        ("/queries/members-of", "missing required parameter(s): body"),
        ("/queries/members-of?body=", "missing required parameter(s): body"),
        ("/queries/members-of?body=intmk", "parameter body: no entity is named 'intmk'"),
        ("/queries/members-of?body=-x", "parameter body: no entity is named '-x'"),
        ("/queries/founded-since?since=2023-02-30", "parameter since: '2023-02-30' is not a valid date"),
        ("/queries/bodies?label=x", "unknown parameter 'label'"),
        (f"/queries/members-of?body={INTMK}&body={INTMK}", "parameter body is given more than once"),
        ("/queries/bodies?format=xml", "parameter format: 'xml' is not one of json, csv, html"),
    ],
)
async def test_bad_parameters_are_400_naming_the_parameter(pages_client, url, named):
    response = await pages_client.get(url)
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/json"
    error = response.json()["error"]
    assert error["status"] == 400
    assert named in error["detail"]


async def test_bad_parameter_from_a_browser_gets_the_form_with_what_was_typed(pages_client):
    url = "/queries/founded-since?since=2023-02-30&lang=en"
    response = await pages_client.get(url, headers={"Accept": BROWSER_ACCEPT})
    assert response.status_code == 400
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert "parameter since: &#39;2023-02-30&#39; is not a valid date" in response.text
    assert 'name="since" type="date" value="2023-02-30"' in response.text


async def test_unknown_query_is_404_and_unacceptable_type_406(pages_client):
    response = await pages_client.get("/queries/no-such-query")
    assert response.status_code == 404
    assert "no named query 'no-such-query'" in response.json()["error"]["detail"]
    response = await pages_client.get("/queries/bodies", headers={"Accept": "image/png"})
    assert response.status_code == 406
    assert response.json()["error"]["available"] == [
        "application/sparql-results+json",
        "text/csv",
        "text/html",
        "application/json",
    ]
    response = await pages_client.get("/queries", headers={"Accept": "text/csv"})
    assert response.status_code == 406


async def test_list_links_use_the_public_url_behind_a_proxy(build_pages_app):
    app = build_pages_app(Settings(public_url="https://example.org/integrationsgraph/"))
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://internal:8000") as client:
        listing = (await client.get("/queries?format=json")).json()["queries"]
    assert listing[0]["url"] == "https://example.org/integrationsgraph/queries/bodies"
