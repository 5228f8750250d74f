"""Pages tell browsers what they may do (CSP, framing, referrer); no answer may be sniffed into another
type. That the pages still work under the policy is checked in the Chromium tests (a blocked script or
style is a script error there)."""

from __future__ import annotations

from starlette.testclient import TestClient

HTML = {"Accept": "text/html"}


def policy(response) -> dict[str, str]:
    parts = response.headers["content-security-policy"].split(";")
    return dict(part.strip().split(" ", 1) for part in parts)


def test_pages_send_a_strict_policy(sample_app) -> None:
    client = TestClient(sample_app)
    for path in ("/", "/sparql", "/queries", "/no/such/page"):
        response = client.get(path, headers=HTML)
        assert response.headers["content-type"].startswith("text/html"), path
        directives = policy(response)
        assert directives["default-src"] == "'self'"
        assert directives["script-src"] == "'self'"  # no inline script, no eval
        assert directives["frame-ancestors"] == "'none'"
        assert directives["object-src"] == "'none'"
        assert response.headers["x-frame-options"] == "DENY"
        assert response.headers["referrer-policy"] == "same-origin"
        assert response.headers["x-content-type-options"] == "nosniff"


def test_other_answers_are_never_sniffed(sample_app) -> None:
    client = TestClient(sample_app)
    for response in (
        client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 1"}),
        client.get("/sparql", headers={"Accept": "text/turtle"}),
        client.get("/healthz"),
        client.get("/sparql", params={"query": "SELECT WHERE {"}),
    ):
        assert response.headers["x-content-type-options"] == "nosniff"
        assert "content-security-policy" not in response.headers  # a policy is for documents
