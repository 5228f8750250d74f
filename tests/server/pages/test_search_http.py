"""`/search`: suggestions as JSON for the box, a results page without scripts, the index built once."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.anyio

BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


async def test_suggestions_as_json_link_to_this_servers_pages(pages_client):
    response = await pages_client.get("/search", params={"q": "hessen", "format": "json", "lang": "en"})
    assert response.status_code == 200
    assert response.json() == {
        "q": "hessen",
        "results": [
            {
                "iri": "https://w3id.org/integrationsgraph/id/land/he",
                "key": "land:he",
                "label": "Hessen",
                "matched": None,
                "types": ["Land"],
                "href": "/id/land/he?lang=en",
            }
        ],
    }


async def test_results_page_without_scripts(pages_client):
    response = await pages_client.get("/search?q=ministerkonf", headers={"Accept": BROWSER_ACCEPT})
    assert response.status_code == 200
    page = response.text
    assert '<a href="/id/body/intmk">Integrationsministerkonferenz</a>' in page
    assert 'name="q" type="search" value="ministerkonf"' in page  # the box keeps what was typed
    response = await pages_client.get("/search?q=zzz&lang=en", headers={"Accept": BROWSER_ACCEPT})
    assert "Nothing found for &#39;zzz&#39;" in response.text


async def test_the_index_is_built_once_per_backend(pages_client):
    await pages_client.get("/search?q=a&format=json")
    app = pages_client._transport.app
    first = app.state.label_index
    await pages_client.get("/search?q=b&format=json")
    assert app.state.label_index is first
    app.state.backend = app.state.backend.__class__(app.state.backend.store)  # a new build is served
    await pages_client.get("/search?q=c&format=json")
    assert app.state.label_index is not first


async def test_error_pages_are_pages_of_the_site_and_keep_the_query(pages_client):
    query = "SELECT * WHERE { ?s ?p }"
    response = await pages_client.get(
        "/sparql", params={"query": query, "lang": "en"}, headers={"Accept": BROWSER_ACCEPT}
    )
    assert response.status_code == 400
    page = response.text
    assert '<html lang="en">' in page
    assert '<link rel="stylesheet" href="/static/style.css">' in page
    assert "<h1>400 Query syntax error</h1>" in page
    assert (
        'href="/?query=SELECT+%2A+WHERE+%7B+%3Fs+%3Fp+%7D&amp;lang=en">Back to the editor, with the query</a>'
        in page
    )
    response = await pages_client.get("/no/such/page", headers={"Accept": BROWSER_ACCEPT})
    assert response.status_code == 404
    assert "Fehler 404" in response.text  # German unless asked otherwise
