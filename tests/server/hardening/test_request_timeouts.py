"""Slow clients (slow-loris heads, bodies that never come) are cut off at the header and body deadlines,
and what the HTTP layer refuses before the app (long URLs, broken requests) comes in the error shape."""

from __future__ import annotations

import http.client
import json
import socket
import time
from collections.abc import Iterator
from urllib.parse import urlencode

import httpx
import pytest

from integrationsgraph.server.app import create_app
from integrationsgraph.settings import Settings
from integrationsgraph.sparql.backends import EmbeddedBackend
from tests.server.conftest import sample_store

DEADLINE = 0.5  # seconds for the head and for the body in these servers
GIVE_UP = 30.0  # a test fails when the server has not acted by then (never a timing assertion)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def strict_server(start_server) -> Iterator[str]:
    settings = Settings(header_timeout=DEADLINE, body_timeout=DEADLINE, max_query_length=1000)
    with start_server(create_app(settings, backend=EmbeddedBackend(sample_store()))) as base_url:
        yield base_url


def connect(base_url: str) -> socket.socket:
    host, port = base_url.removeprefix("http://").split(":")
    return socket.create_connection((host, int(port)), timeout=GIVE_UP)


def read_until_closed(connection: socket.socket) -> bytes:
    """Everything the server sends until it closes the connection (fails after GIVE_UP seconds)."""
    received = b""
    while chunk := connection.recv(65536):
        received += chunk
    return received


def error_of(raw: bytes) -> tuple[int, dict[str, str], dict]:
    head, _, body = raw.partition(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    headers = {
        name.lower(): value.strip() for name, _, value in (line.partition(":") for line in header_lines)
    }
    return int(status_line.split()[1]), headers, json.loads(body)["error"]


def test_a_head_that_never_ends_is_answered_408_and_closed(strict_server) -> None:
    with connect(strict_server) as connection:
        connection.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ")  # and nothing more
        status, headers, error = error_of(read_until_closed(connection))
    assert status == 408
    assert error["title"] == "Request timeout"
    assert headers["connection"] == "close"
    assert headers["cache-control"] == "no-store"


def test_a_trickled_head_does_not_keep_the_connection(strict_server) -> None:
    """Slow-loris: a byte now and then never completes the head; the deadline counts from the start."""
    with connect(strict_server) as connection:
        connection.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
        connection.settimeout(0.05)
        started = time.monotonic()
        closed = False
        while not closed:
            assert time.monotonic() - started < GIVE_UP, "the trickling client was never cut off"
            try:
                connection.sendall(b"X-A: b\r\n")
                closed = connection.recv(65536) == b""
            except TimeoutError:
                continue
            except (BrokenPipeError, ConnectionResetError):
                closed = True


def test_a_connection_that_sends_nothing_is_closed(strict_server) -> None:
    with connect(strict_server) as connection:
        assert read_until_closed(connection) == b""


def test_a_body_that_never_comes_is_answered_408_and_closed(strict_server) -> None:
    with connect(strict_server) as connection:
        connection.sendall(
            b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
            b"Content-Length: 999999\r\n\r\nASK {}"
        )
        status, headers, error = error_of(read_until_closed(connection))
    assert status == 408
    assert error["title"] == "Request timeout"
    assert error["timeout"] == DEADLINE
    assert headers["connection"] == "close"


def test_the_head_deadline_does_not_cut_a_slow_answer(start_server, make_pool_app, make_chain_store) -> None:
    """The deadlines are for reading the request: a query that runs longer still gets its answer."""
    app = make_pool_app(
        make_chain_store(200), query_timeout=2.0, header_timeout=DEADLINE, body_timeout=DEADLINE
    )
    cross = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    with start_server(app) as base_url, httpx.Client(base_url=base_url, timeout=GIVE_UP) as client:
        slow = client.post("/sparql", data={"query": cross})
        assert slow.status_code == 504  # the query's own deadline, answered on the same connection
        assert client.get("/healthz").status_code == 200  # and the connection is still good


def long_get(base_url: str, query: str) -> tuple[int, dict]:
    """GET /sparql?query=… with the standard library's client (httpx refuses URLs over 64 KB itself)."""
    host, port = base_url.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=GIVE_UP)
    try:
        connection.request(
            "GET", "/sparql?" + urlencode({"query": query}), headers={"Accept": "application/json"}
        )
        response = connection.getresponse()
        return response.status, json.loads(response.read())
    finally:
        connection.close()


def test_a_long_get_url_reaches_the_endpoint(sample_server) -> None:
    """A GET query of 70,000 characters (uvicorn's httptools refused anything over ~64 KB in plain text)."""
    status, answer = long_get(sample_server, "ASK {} #" + "x" * 70_000)
    assert status == 200, answer
    assert answer["boolean"] is True


def test_a_url_past_the_limit_is_refused_in_the_error_shape(strict_server) -> None:
    status, answer = long_get(strict_server, "ASK {} #" + "x" * 1500)
    assert (status, answer["error"]["title"]) == (413, "Query too long")
    # Past the head limit: h11 refuses it (a head that big never arrives in one read, so it is always seen).
    status, answer = long_get(strict_server, "ASK {} #" + "x" * 400_000)
    assert (status, answer["error"]["status"]) == (414, 414)
    assert "POST" in answer["error"]["detail"]
    for size in (40_000, 400_000):  # refused by the app's header limit, or already by h11's
        huge_header = httpx.get(strict_server + "/healthz", headers={"X-Big": "y" * size}, timeout=GIVE_UP)
        assert huge_header.status_code == 431
        assert huge_header.json()["error"]["status"] == 431


def test_a_request_that_is_not_http_gets_the_error_shape(strict_server) -> None:
    with connect(strict_server) as connection:
        connection.sendall(b"HELLO THERE\r\n\r\n")
        status, headers, error = error_of(read_until_closed(connection))
    assert (status, error["status"], error["title"]) == (400, 400, "Bad request")
    assert headers["content-type"] == "application/json"


def test_timeouts_are_settings() -> None:
    assert (Settings().header_timeout, Settings().body_timeout) == (10.0, 30.0)
    env = {"INTEGRATIONSGRAPH_HEADER_TIMEOUT": "2.5", "INTEGRATIONSGRAPH_BODY_TIMEOUT": "60"}
    resolved = Settings.resolve({}, env)
    assert (resolved.header_timeout, resolved.body_timeout) == (2.5, 60.0)
