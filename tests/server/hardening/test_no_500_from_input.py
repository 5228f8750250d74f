"""Input that used to give a 500 (and a traceback in the log) gets a 4xx in the common error shape, or
nothing when the client has gone: bad updates, a client leaving mid-upload, a refused release."""

from __future__ import annotations

import hashlib
import logging
import os
import socket
import time
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest

from integrationsgraph.server.app import create_app
from integrationsgraph.settings import Settings
from tests.server.hardening.metrics_reading import metric

REQUESTS_TOTAL = "integrationsgraph_http_requests_total"
BAD_ESCAPE_UPDATE = 'INSERT DATA { <http://e/s> <http://e/p> "\\U00110000" }'
NESTED_UPDATE = "DELETE { ?s ?p ?o } WHERE " + "{ " * 3000 + "?s ?p ?o" + " }" * 3000


def errors_logged(caplog) -> list[logging.LogRecord]:
    return [record for record in caplog.records if record.levelno >= logging.ERROR]


@pytest.mark.slow
@pytest.mark.parametrize("update", [BAD_ESCAPE_UPDATE, NESTED_UPDATE], ids=["bad-escape", "3000-groups"])
@pytest.mark.parametrize("how", ["form", "direct"])
def test_an_update_the_parser_chokes_on_is_a_400(sample_server, caplog, update, how) -> None:
    with caplog.at_level(logging.ERROR):
        if how == "form":
            response = httpx.post(sample_server + "/sparql", data={"update": update}, timeout=60)
        else:
            headers = {"Content-Type": "application/sparql-update"}
            response = httpx.post(
                sample_server + "/sparql", content=update.encode(), headers=headers, timeout=60
            )
    assert response.status_code == 400, response.text
    error = response.json()["error"]
    assert error["title"] == "Update syntax error"
    assert error["detail"]
    assert response.headers["cache-control"] == "no-store"
    assert errors_logged(caplog) == []
    # A well-formed update is still refused as before.
    assert httpx.post(sample_server + "/sparql", data={"update": "CLEAR ALL"}).status_code == 403


@pytest.mark.slow
def test_a_client_that_leaves_while_uploading_gets_no_500(sample_server, caplog) -> None:
    host, port = sample_server.removeprefix("http://").split(":")
    label = {"route": "/sparql", "method": "POST", "status": "499"}
    with caplog.at_level(logging.INFO):
        for _ in range(3):
            with socket.create_connection((host, int(port)), timeout=10) as connection:
                connection.sendall(
                    b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
                    b"Content-Length: 5000\r\n\r\nSELECT * WHERE"
                )
        started = time.monotonic()
        while metric(sample_server, REQUESTS_TOTAL, **label) < 3:
            assert time.monotonic() - started < 30, "the server never noticed the clients leaving"
            time.sleep(0.02)
    assert metric(sample_server, REQUESTS_TOTAL, route="/sparql", method="POST", status="500") == 0
    assert errors_logged(caplog) == []
    assert not any(record.exc_info for record in caplog.records)  # no traceback flooding the log


def make_release(build_dir: Path, name: str, label: str) -> Path:
    """A release as the build writes it: an on-disk store and its TriG and N-Quads dumps."""
    release = build_dir / "releases" / name
    (release / "dumps").mkdir(parents=True)
    quad = ox.Quad(
        ox.NamedNode("http://example.org/thing"), ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
        ox.Literal(label), ox.NamedNode("http://example.org/graph"),
    )  # fmt: skip
    store = ox.Store(str(release / "store"))
    store.add(quad)
    store.flush()
    del store  # closes it
    for suffix, fmt in (("trig", ox.RdfFormat.TRIG), ("nq", ox.RdfFormat.N_QUADS)):
        (release / "dumps" / f"integrationsgraph.{suffix}").write_bytes(ox.serialize([quad], format=fmt))
    return release


def point_current(build_dir: Path, release: Path) -> None:
    link = build_dir / "current.new"
    link.symlink_to(release.relative_to(build_dir), target_is_directory=True)
    os.replace(link, build_dir / "current")


@pytest.mark.slow
def test_the_dumps_served_are_those_of_the_release_served(tmp_path, start_server, caplog) -> None:
    """A release `build/current` points at but the server refused has no say in what /dumps serves."""
    served = make_release(tmp_path, "a" * 64, "served build")
    point_current(tmp_path, served)
    app = create_app(Settings(build_dir=tmp_path, reload_interval=0.05, query_workers=1))
    with start_server(app) as base_url, caplog.at_level(logging.ERROR, "integrationsgraph.server"):
        broken = tmp_path / "releases" / ("d" * 64)
        (broken / "store").mkdir(parents=True)
        (broken / "store" / "CURRENT").write_text("not a store", encoding="utf-8")
        point_current(tmp_path, broken)  # no dumps, and a store that does not open
        started = time.monotonic()
        while not any("cannot be served" in record.getMessage() for record in caplog.records):
            assert time.monotonic() - started < 30, "the broken release was never looked at"
            time.sleep(0.02)
        nquads = httpx.get(base_url + "/dumps/integrationsgraph.nq")
        assert nquads.status_code == 200
        assert nquads.content == (served / "dumps" / "integrationsgraph.nq").read_bytes()
        turtle = httpx.get(base_url + "/dumps/integrationsgraph.ttl")  # derived on request, from `served`
        assert turtle.status_code == 200
        assert '"served build"' in turtle.text
        sums = httpx.get(base_url + "/dumps/SHA256SUMS")
        assert sums.status_code == 200
        assert hashlib.sha256(nquads.content).hexdigest() + "  integrationsgraph.nq" in sums.text
        description = httpx.get(base_url + "/dataset.ttl")
        assert description.status_code == 200
        assert hashlib.sha256(nquads.content).hexdigest() in description.text
        query = {"query": "SELECT ?l { ?s ?p ?l }"}
        assert httpx.get(base_url + "/sparql", params=query).json()["results"]["bindings"][0]["l"][
            "value"
        ] == ("served build")
    assert not any(record.exc_info for record in caplog.records)


@pytest.mark.slow
def test_error_answers_are_not_stored_by_caches(sample_server) -> None:
    for response in (
        httpx.get(sample_server + "/sparql", params={"query": "SELECT WHERE {"}),  # 400
        httpx.get(sample_server + "/no/such/page"),  # 404
        httpx.get(
            sample_server + "/sparql", params={"query": "ASK {}"}, headers={"Accept": "image/png"}
        ),  # 406
        httpx.get(sample_server + "/sparql", params={"query": "ASK {}", "timeout": "soon"}),  # 400
    ):
        assert response.status_code >= 400
        assert response.json()["error"]["status"] == response.status_code
        assert response.headers["cache-control"] == "no-store"
    ok = httpx.get(sample_server + "/sparql", params={"query": "ASK {}"})
    assert ok.status_code == 200
