"""Bounded memory: answers cut at a byte limit, a memory limit per query, recycled workers, slow readers."""

from __future__ import annotations

import json
import socket
import time
from urllib.parse import quote, urlsplit

import httpx
import pyoxigraph as ox

from tests.server.conftest import wait_until
from tests.server.hardening.metrics_reading import metric

# The reproduction: about 100 bytes of query, ten patterns, a result of hundreds of MB.
CROSS_10 = (
    "SELECT*{?a ?b ?c.?d ?e ?f.?g ?h ?i.?j ?k ?l.?m ?n ?o.?p ?q ?r.?s ?t ?u.?v ?w ?x.?y ?z ?A.?B ?C ?D}"
)
SORTED_CROSS = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?c ?f ?i"
MIB = 1024 * 1024


def get(base_url: str, text: str, accept: str = "application/sparql-results+json") -> httpx.Response:
    return httpx.get(base_url + "/sparql", params={"query": text}, headers={"Accept": accept}, timeout=120)


def test_a_ten_pattern_cross_product_is_cut_at_the_byte_limit_and_says_so(
    start_server, make_pool_app, make_chain_store
) -> None:
    with start_server(make_pool_app(make_chain_store(), query_timeout=60.0)) as base_url:
        response = get(base_url, CROSS_10)
    limit = 16 * MIB  # the default max_result_bytes
    assert len(CROSS_10) < 100
    assert response.status_code == 200
    assert response.headers["X-Result-Truncated"] == "true"
    assert response.headers["X-Result-Byte-Limit"] == str(limit)
    assert "X-Result-Row-Limit" not in response.headers
    assert len(response.content) <= limit + 200  # the answer, and the note that says it was cut
    body = json.loads(response.content)
    assert (body["truncated"], body["byteLimit"]) == (True, limit)
    assert 0 < len(body["results"]["bindings"]) < 100_000  # cut by bytes, well before the row limit


def test_a_small_byte_limit_cuts_every_format_that_can_say_so(
    start_server, make_pool_app, make_chain_store
) -> None:
    all_people = "SELECT ?s ?o WHERE { ?s <http://example.org/knows> ?o }"
    with start_server(make_pool_app(make_chain_store(), max_result_bytes=5000)) as base_url:
        as_json = get(base_url, all_people)
        as_xml = get(base_url, all_people, "application/sparql-results+xml")
        as_csv = get(base_url, all_people, "text/csv")
        turtle = get(base_url, "CONSTRUCT WHERE { ?s ?p ?o }", "text/turtle")
        small = get(base_url, all_people + " LIMIT 3")
    assert len(as_json.content) <= 5000 + 100
    assert json.loads(as_json.content)["byteLimit"] == 5000
    assert as_xml.text.rstrip().endswith("<!-- truncated: the server's byte limit of 5000 cut this result; "
                                         "add LIMIT and OFFSET to page -->")  # fmt: skip
    assert len(list(ox.parse_query_results(as_xml.content, format=ox.QueryResultsFormat.XML))) > 0
    # A graph: cut at whole triples, a comment on top, every triple kept intact.
    assert turtle.headers["X-Result-Byte-Limit"] == "5000"
    assert turtle.text.startswith("# truncated: the server's byte limit of 5000 cut this result")
    assert 0 < len(list(ox.parse(turtle.content, format=ox.RdfFormat.TURTLE))) < 6000
    assert len(turtle.content) <= 5000 + 100
    assert as_csv.status_code == 413
    assert "more than 5000 bytes" in as_csv.json()["error"]["detail"]
    assert small.status_code == 200
    assert "X-Result-Truncated" not in small.headers


def test_a_query_over_its_memory_limit_fails_and_the_next_query_works(
    start_server, make_pool_app, make_chain_store
) -> None:
    app = make_pool_app(make_chain_store(), query_timeout=120.0, query_memory_bytes=64 * MIB, query_workers=1)
    pool = app.state.backend
    with start_server(app) as base_url:
        (serving,) = pool._idle
        response = get(base_url, SORTED_CROSS)
        after = get(base_url, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        memory_refusals = metric(base_url, "integrationsgraph_query_rejections_total", reason="memory")
        wait_until(lambda: serving not in pool._live, "the stopped worker gone from the pool")
    assert response.status_code == 507
    error = response.json()["error"]
    assert error["title"] == "Query needs too much memory"
    assert error["limit"] == 64 * MIB
    assert "64 MiB" in error["detail"]
    assert after.status_code == 200
    assert after.json()["results"]["bindings"][0]["n"]["value"] == "6000"
    assert memory_refusals == 1
    assert serving.process.returncode is not None  # the worker that held the query was stopped


def test_a_worker_is_recycled_after_a_large_answer_and_kept_after_a_small_one(
    start_server, make_pool_app, make_chain_store
) -> None:
    app = make_pool_app(make_chain_store(), query_workers=1, worker_recycle_bytes=4 * MIB, query_timeout=60.0)
    pool = app.state.backend

    def worker_pid() -> int:
        wait_until(lambda: len(pool._idle) == 1, "an idle worker")
        return pool._idle[0].process.pid

    with start_server(app) as base_url:
        first = worker_pid()
        assert get(base_url, "ASK { ?s ?p ?o }").status_code == 200
        kept = worker_pid()
        assert get(base_url, CROSS_10).status_code == 200  # 16 MiB of answer passed through the worker
        recycled = worker_pid()
    assert kept == first
    assert recycled != first


def test_a_client_that_never_reads_is_dropped_and_its_answer_freed(
    start_server, make_pool_app, make_chain_store
) -> None:
    app = make_pool_app(make_chain_store(), write_timeout=1.0, query_timeout=60.0)
    with start_server(app) as base_url:
        address = urlsplit(base_url)
        reader = socket.socket()
        reader.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)  # a small window, never emptied
        reader.connect((address.hostname, address.port))
        path = "/sparql?query=" + quote(CROSS_10, safe="")
        accept = "Accept: application/sparql-results+json"
        reader.sendall(f"GET {path} HTTP/1.1\r\nHost: {address.netloc}\r\n{accept}\r\n\r\n".encode())
        wait_until(
            lambda: metric(base_url, "integrationsgraph_slow_readers_dropped_total") >= 1,
            "the slow reader dropped", timeout=120,
        )  # fmt: skip
        received, reset = _read_all(reader)
        healthy = httpx.get(base_url + "/healthz", timeout=30).status_code
    # Far less than the 16 MiB answer arrived (a reset may also discard what the kernel still held).
    assert len(received) < 8 * MIB
    assert reset  # the connection was reset, not left open with the answer waiting in the server
    assert healthy == 200


def _read_all(sock: socket.socket) -> tuple[bytes, bool]:
    """Everything the socket still delivers, and whether it ended in a reset rather than a clean close."""
    sock.settimeout(30)
    chunks = []
    started = time.monotonic()
    try:
        while time.monotonic() - started < 60:
            chunk = sock.recv(1 << 16)
            if not chunk:
                return b"".join(chunks), False
            chunks.append(chunk)
    except ConnectionResetError:
        return b"".join(chunks), True
    finally:
        sock.close()
    return b"".join(chunks), False
