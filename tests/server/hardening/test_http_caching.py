"""HTTP for an immutable graph: ETag and 304, Cache-Control, Vary, gzip, CORS, /healthz, /metrics, logs."""

from __future__ import annotations

import gzip
import json
import logging
import re

import httpx
import pytest
from starlette.testclient import TestClient

from integrationsgraph.server.app import create_app
from integrationsgraph.settings import Settings
from integrationsgraph.sparql.backends import EmbeddedBackend
from tests.server.hardening.metrics_reading import metric

QUERY = "SELECT ?s ?o WHERE { ?s <http://example.org/knows> ?o } ORDER BY ?s LIMIT 50"


def get(base_url: str, text: str = QUERY, **headers: str) -> httpx.Response:
    headers = {"Accept-Encoding": "identity", **headers}
    return httpx.get(base_url + "/sparql", params={"query": text}, headers=headers, timeout=30)


def test_strong_etag_cache_control_vary_and_304(chain_server) -> None:
    first = get(chain_server)
    assert first.status_code == 200
    tag = first.headers["ETag"]
    assert re.fullmatch(r'"[0-9a-f]{40}"', tag)  # strong: no W/
    assert first.headers["Cache-Control"] == "public, max-age=300"
    vary = {token.strip() for token in first.headers["Vary"].split(",")}
    assert {"Accept", "Accept-Encoding"} <= vary
    again = get(chain_server)
    assert again.headers["ETag"] == tag
    assert get(chain_server, Accept="text/csv").headers["ETag"] != tag  # the format is part of it
    assert get(chain_server, QUERY + " # other").headers["ETag"] != tag  # and the query
    not_modified = get(chain_server, **{"If-None-Match": tag})
    assert not_modified.status_code == 304
    assert not_modified.content == b""
    assert not_modified.headers["ETag"] == tag
    assert get(chain_server, **{"If-None-Match": '"something-else"'}).status_code == 200


def test_if_none_match_star_is_304_only_for_a_query_that_has_an_answer(chain_server) -> None:
    fresh = QUERY + " # star"  # not answered before: the server has to evaluate it to know
    answered = get(chain_server, fresh, **{"If-None-Match": "*"})
    assert answered.status_code == 304
    assert answered.content == b""
    assert answered.headers["ETag"] == get(chain_server, fresh).headers["ETag"]
    assert get(chain_server, fresh, **{"If-None-Match": '"other", *'}).status_code == 304  # from the cache
    failing = get(chain_server, "SELECT * WHERE { ?s ?p }", **{"If-None-Match": "*"})
    assert failing.status_code == 400
    assert failing.json()["error"]["status"] == 400


def test_repeated_queries_come_from_the_response_cache(chain_server) -> None:
    text = QUERY + " # cache test"
    hits = metric(chain_server, "integrationsgraph_response_cache_total", outcome="hit")
    first, second = get(chain_server, text), get(chain_server, text)
    assert first.content == second.content
    assert metric(chain_server, "integrationsgraph_response_cache_total", outcome="hit") == hits + 1


def test_gzip_with_its_own_etag(chain_server) -> None:
    plain = get(chain_server)
    response = httpx.get(
        chain_server + "/sparql", params={"query": QUERY}, headers={"Accept-Encoding": "gzip"}, timeout=30
    )
    assert response.headers["Content-Encoding"] == "gzip"
    assert response.headers["ETag"] == plain.headers["ETag"][:-1] + '-gzip"'
    assert response.content == plain.content  # httpx decoded it
    with httpx.stream(
        "GET", chain_server + "/sparql", params={"query": QUERY}, headers={"Accept-Encoding": "gzip"}
    ) as stream:
        assert gzip.decompress(b"".join(stream.iter_raw())) == plain.content
    conditional = get(chain_server, **{"If-None-Match": response.headers["ETag"], "Accept-Encoding": "gzip"})
    assert conditional.status_code == 304


def test_cors_for_any_origin_without_credentials(chain_server) -> None:
    response = get(chain_server, Origin="https://example.net")
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response.headers
    assert "ETag" in response.headers["Access-Control-Expose-Headers"]
    preflight = httpx.options(
        chain_server + "/sparql",
        headers={
            "Origin": "https://example.net", "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )  # fmt: skip
    assert preflight.status_code == 200
    assert preflight.headers["Access-Control-Allow-Origin"] == "*"
    assert "POST" in preflight.headers["Access-Control-Allow-Methods"]


def test_healthz_answers_while_workers_are_busy(chain_server) -> None:
    response = httpx.get(chain_server + "/healthz", timeout=30)
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_metrics_count_requests_timeouts_rejections_and_latency(chain_server) -> None:
    before = metric(chain_server, "integrationsgraph_query_timeouts_total")
    get(chain_server, "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } # metrics", **{"X-Timeout": "0.2"})
    httpx.get(chain_server + "/sparql", params={"query": "ASK { SERVICE <http://10.0.0.1/> {} }"})
    assert metric(chain_server, "integrationsgraph_query_timeouts_total") == before + 1
    assert metric(chain_server, "integrationsgraph_query_rejections_total", reason="federation") >= 1
    assert metric(chain_server, "integrationsgraph_http_requests_total", route="/sparql", status="200") >= 1
    assert metric(chain_server, "integrationsgraph_http_requests_total", route="/sparql", status="504") >= 1
    assert metric(chain_server, "integrationsgraph_http_request_duration_seconds_count", route="/sparql") >= 2
    response = httpx.get(chain_server + "/metrics")
    assert response.headers["content-type"].startswith("text/plain; version=0.0.4")


def test_one_json_log_line_per_query(sample_app, caplog) -> None:
    with TestClient(sample_app) as client, caplog.at_level(logging.INFO, "integrationsgraph.server.queries"):
        client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
        client.get("/sparql", params={"query": "SELECT * WHERE {"})
    lines = [json.loads(record.getMessage()) for record in caplog.records if record.name.endswith("queries")]
    assert [line["status"] for line in lines] == [200, 400]
    assert lines[0]["rows"] > 0
    assert lines[0]["client"]
    assert all(line["duration_ms"] >= 0 for line in lines)
    assert set(lines[0]) >= {"key", "status", "duration_ms", "rows", "truncated", "cache", "client"}


@pytest.mark.parametrize("version", [None, "v1"])
def test_etags_only_when_the_data_has_a_version(make_sample_store, version) -> None:
    app = create_app(Settings(), backend=EmbeddedBackend(make_sample_store(), version=version))
    with TestClient(app) as client:
        response = client.get("/sparql", params={"query": "ASK {}"})
    assert ("ETag" in response.headers) == (version is not None)
