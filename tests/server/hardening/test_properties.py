"""Property: whatever the query, headers and body, the endpoint never answers 500 and never hangs."""

from __future__ import annotations

import time

import httpx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

DEADLINE = 2.0  # chain_server's query_timeout
TOKENS = [
    "SELECT",
    "ASK",
    "CONSTRUCT",
    "DESCRIBE",
    "WHERE",
    "{",
    "}",
    "(",
    ")",
    "?s",
    "?p",
    "?o",
    "*",
    ".",
    ";",
    ",",
    "OPTIONAL",
    "UNION",
    "MINUS",
    "FILTER",
    "GRAPH",
    "SERVICE",
    "LOAD",
    "VALUES",
    "BIND",
    "AS",
    "LIMIT",
    "OFFSET",
    "ORDER BY",
    "GROUP BY",
    "COUNT(*)",
    "<http://example.org/knows>",
    "<http://example.org/person/1>",
    '"text"',
    "'''long'''",
    "42",
    "1.5e3",
    "a",
    "PREFIX ex: <http://example.org/>",
    "ex:knows",
    "#",
    "\n",
    "|",
    "/",
    "^",
    "+",
    "?",
    "!",
    "REGEX(?o, 'a')",
    "EXISTS",
    "NOT",
    "LATERAL",
    "<<",
    ">>",
    "\\u0053",
    "\u00e9",
]
ACCEPTS = [
    "application/sparql-results+json",
    "application/sparql-results+xml",
    "text/csv",
    "text/tab-separated-values",
    "text/turtle",
    "application/ld+json",
    "text/html",
    "*/*",
    "image/png",
    "text/*;q=0.5, */*;q=0.1",
    "",
]
CONTENT_TYPES = [
    "application/x-www-form-urlencoded",
    "application/sparql-query",
    "application/sparql-update",
    "application/sparql-query; charset=latin-1",
    "text/plain",
    "multipart/form-data",
    "",
]
# Header values h11 will send: printable ASCII without leading or trailing blanks.
_printable = st.text(st.characters(min_codepoint=32, max_codepoint=126), max_size=30).map(str.strip)

queries = st.one_of(
    st.lists(st.sampled_from(TOKENS), max_size=25).map(" ".join),
    st.text(max_size=200),
)


@st.composite
def requests(draw) -> dict:
    headers = {"Accept": draw(st.sampled_from(ACCEPTS) | _printable)}
    if draw(st.booleans()):
        headers["X-Timeout"] = draw(st.sampled_from(["0.1", "1", "abc", "-3", "1e9", ""]) | _printable)
    if draw(st.booleans()):
        headers["If-None-Match"] = draw(st.sampled_from(['"x"', "*", 'W/"y"']) | _printable)
    method = draw(st.sampled_from(["GET", "POST"]))
    request: dict = {"method": method, "headers": headers}
    if method == "GET":
        request["params"] = {"query": draw(queries)} if draw(st.booleans()) else {"update": draw(queries)}
    else:
        headers["Content-Type"] = draw(st.sampled_from(CONTENT_TYPES) | _printable)
        body = draw(st.one_of(queries.map(str.encode), st.binary(max_size=200)))
        if headers["Content-Type"].startswith("application/x-www-form"):
            body = b"query=" + body if draw(st.booleans()) else body
        request["content"] = body
    return request


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(request=requests())
def test_never_a_500_never_a_hang(chain_server, request) -> None:
    started = time.monotonic()
    response = httpx.request(url=chain_server + "/sparql", timeout=DEADLINE + 10, **request)
    elapsed = time.monotonic() - started
    assert response.status_code < 500 or response.status_code in (503, 504), (request, response.text)
    assert elapsed < DEADLINE + 5
    if response.status_code >= 400:
        media_type = response.headers["content-type"]
        assert media_type.startswith("text/html") or "error" in response.json(), response.text
