"""Bounded concurrency with a queue, size limits, and row limits that always say when they cut."""

from __future__ import annotations

import concurrent.futures
import json
import socket
import time

import httpx
import pyoxigraph as ox
import pytest

from tests.server.hardening.metrics_reading import metric

CROSS = (
    "SELECT (COUNT(*) AS ?count) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n ?o . ?p ?q ?r }"
)
ALL = "SELECT ?s ?o WHERE { ?s <http://example.org/knows> ?o }"


@pytest.fixture(scope="module")
def small_server(start_server, make_pool_app, make_chain_store):
    """One worker, no queue, 5-row results, small request limits."""
    app = make_pool_app(
        make_chain_store(20), query_workers=1, max_queued_queries=0, query_timeout=3.0, max_result_rows=5,
        max_query_length=2000, max_body_bytes=4000, max_header_bytes=3000,
    )  # fmt: skip
    with start_server(app) as base_url:
        yield base_url


def query(base_url: str, text: str, accept: str = "application/sparql-results+json") -> httpx.Response:
    return httpx.post(base_url + "/sparql", data={"query": text}, headers={"Accept": accept}, timeout=30)


def test_full_queue_is_a_503_with_retry_after(small_server) -> None:
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as executor:
        busy = executor.submit(query, small_server, CROSS)
        # Probe only once the slow query is in the server: a probe sent first would take the worker itself.
        started = time.monotonic()
        while metric(small_server, "integrationsgraph_queries_in_flight") < 1:
            assert not busy.done(), busy.result()
            assert time.monotonic() - started < 10
        response = None
        probes = 0
        while not busy.done():  # until the slow query holds the only worker, answers may still be 200
            probes += 1  # a new text each time: a cached answer needs no worker
            response = query(small_server, f"ASK {{}} # probe {probes}")
            if response.status_code == 503:
                break
        assert response is not None
        assert response.status_code == 503
        assert int(response.headers["Retry-After"]) >= 1
        assert response.json()["error"]["title"] == "Server busy"
        assert busy.result().status_code == 504
    # The stopped worker is replaced: soon the server answers again (503 only while it starts).
    started = time.monotonic()
    while (status := query(small_server, "ASK {} # after").status_code) == 503:
        assert time.monotonic() - started < 10
    assert status == 200


def test_long_query_body_and_headers_are_refused(small_server) -> None:
    long_query = "ASK {}" + " " * 2100
    response = query(small_server, long_query)
    assert response.status_code == 413
    assert response.json()["error"]["title"] == "Query too long"
    big_body = "query=ASK%7B%7D&" + "x" * 5000
    response = httpx.post(
        small_server + "/sparql", content=big_body, timeout=30,
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )  # fmt: skip
    assert response.status_code == 413
    assert response.json()["error"]["title"] == "Request body too large"
    response = httpx.get(small_server + "/sparql", params={"query": "ASK {}"}, headers={"X-Big": "y" * 4000})
    assert response.status_code == 431
    assert response.json()["error"]["status"] == 431


def test_chunked_body_over_the_limit_is_refused(small_server) -> None:
    def chunks():
        yield b"ASK {}"
        for _ in range(10):
            yield b" " * 1000

    headers = {"Content-Type": "application/sparql-query"}
    response = httpx.post(small_server + "/sparql", content=chunks(), headers=headers, timeout=30)
    assert response.status_code == 413


def test_cut_json_results_say_so_in_header_and_body(small_server) -> None:
    response = query(small_server, ALL)
    assert response.status_code == 200
    assert response.headers["X-Result-Truncated"] == "true"
    assert response.headers["X-Result-Row-Limit"] == "5"
    body = json.loads(response.content)
    assert body["truncated"] is True
    assert body["rowLimit"] == 5
    assert len(body["results"]["bindings"]) == 5
    parsed = ox.parse_query_results(response.content, format=ox.QueryResultsFormat.JSON)
    assert len(list(parsed)) == 5  # SPARQL JSON clients ignore the extra member


def test_uncut_results_say_nothing(small_server) -> None:
    response = query(small_server, ALL + " LIMIT 5")
    assert response.status_code == 200
    assert "X-Result-Truncated" not in response.headers
    assert "truncated" not in response.json()


def test_cut_xml_results_and_turtle_carry_a_comment(small_server) -> None:
    response = query(small_server, ALL, "application/sparql-results+xml")
    assert response.headers["X-Result-Truncated"] == "true"
    assert b"<!-- truncated" in response.content
    assert len(list(ox.parse_query_results(response.content, format=ox.QueryResultsFormat.XML))) == 5
    response = query(small_server, "CONSTRUCT WHERE { ?s ?p ?o }", "text/turtle")
    assert response.headers["X-Result-Truncated"] == "true"
    assert response.text.startswith("# truncated")
    assert len(list(ox.parse(response.content, format=ox.RdfFormat.TURTLE))) == 5


@pytest.mark.parametrize("accept", ["text/csv", "text/tab-separated-values"])
def test_formats_that_cannot_say_they_were_cut_are_refused(small_server, accept) -> None:
    response = query(small_server, ALL, accept)
    assert response.status_code == 413
    error = response.json()["error"]
    assert error["title"] == "Result too large"
    assert "LIMIT" in error["detail"]
    assert query(small_server, ALL + " LIMIT 5", accept).status_code == 200


def test_a_cut_json_ld_graph_is_refused(small_server) -> None:
    response = query(small_server, "CONSTRUCT WHERE { ?s ?p ?o }", "application/ld+json")
    assert response.status_code == 413


def test_long_get_query_within_the_limit_is_answered(small_server) -> None:
    text = "ASK { VALUES ?n { " + " ".join(str(number) for number in range(400)) + " } }"
    assert len(text) < 2000
    response = httpx.get(small_server + "/sparql", params={"query": text}, timeout=30)
    assert response.status_code == 200


def test_slowloris_headers_do_not_block_other_clients(small_server) -> None:
    host, port = small_server.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port))) as idle:
        idle.sendall(b"GET /sparql HTTP/1.1\r\nHost: x\r\n")  # never finishes its headers
        assert query(small_server, "ASK {}").status_code == 200
