"""A new build is picked up without dropping a request; a build that cannot be served changes nothing."""

from __future__ import annotations

import concurrent.futures
import logging
import os
import threading
import time
from pathlib import Path

import httpx
import pyoxigraph as ox

from integrationsgraph.server.app import create_app
from integrationsgraph.settings import Settings

LABEL_QUERY = "SELECT ?label WHERE { <http://example.org/thing> ?p ?label } # request "


def make_release(build_dir: Path, name: str, label: str) -> Path:
    """A release as the build writes it: an on-disk store (and a report) under releases/NAME."""
    release = build_dir / "releases" / name
    release.mkdir(parents=True)
    store = ox.Store(str(release / "store"))
    store.add(
        ox.Quad(
            ox.NamedNode("http://example.org/thing"), ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
            ox.Literal(label), ox.NamedNode("http://example.org/graph"),
        )
    )  # fmt: skip
    store.flush()
    del store  # closes it
    (release / "report.json").write_text("{}", encoding="utf-8")
    return release


def point_current(build_dir: Path, release: Path) -> None:
    """Replace build/current atomically, as the build does (a new link renamed over the old one)."""
    link = build_dir / "current.new"
    link.symlink_to(release.relative_to(build_dir), target_is_directory=True)
    os.replace(link, build_dir / "current")


def label(base_url: str, number: int) -> tuple[int, str | None]:
    response = httpx.get(base_url + "/sparql", params={"query": LABEL_QUERY + str(number)}, timeout=30)
    if response.status_code != 200:
        return response.status_code, response.text
    return 200, response.json()["results"]["bindings"][0]["label"]["value"]


def test_a_new_build_is_swapped_in_without_dropping_a_request(tmp_path, start_server) -> None:
    point_current(tmp_path, make_release(tmp_path, "a" * 64, "first build"))
    app = create_app(Settings(build_dir=tmp_path, reload_interval=0.05, query_workers=1))
    with start_server(app) as base_url:
        first_pool = app.state.backend
        assert label(base_url, 0) == (200, "first build")
        answers: list[tuple[int, str | None]] = []
        stop = threading.Event()

        def load() -> None:
            number = 0
            while not stop.is_set():
                number += 1
                answers.append(label(base_url, number))

        with concurrent.futures.ThreadPoolExecutor(max_workers=4) as executor:
            clients = [executor.submit(load) for _ in range(4)]
            point_current(tmp_path, make_release(tmp_path, "b" * 64, "second build"))
            started = time.monotonic()
            while app.state.backend is first_pool or len(answers) < 50:
                assert time.monotonic() - started < 30, "the new build was not picked up"
                time.sleep(0.02)
            stop.set()
            for client in clients:
                client.result()
        assert all(status == 200 for status, _ in answers), [a for a in answers if a[0] != 200][:3]
        assert label(base_url, -1) == (200, "second build")
        # The old pool finishes its requests, then stops its workers.
        started = time.monotonic()
        while first_pool._live:
            assert time.monotonic() - started < 30
            time.sleep(0.02)


def test_a_release_that_cannot_be_served_leaves_the_old_one(tmp_path, start_server, caplog) -> None:
    point_current(tmp_path, make_release(tmp_path, "a" * 64, "first build"))
    make_release(tmp_path, "c" * 64, "never pointed at")  # a build that stopped before the swap
    app = create_app(Settings(build_dir=tmp_path, reload_interval=0.05, query_workers=1))
    with start_server(app) as base_url, caplog.at_level(logging.ERROR, "integrationsgraph.server"):
        serving = app.state.backend
        broken = tmp_path / "releases" / ("d" * 64)
        (broken / "store").mkdir(parents=True)
        (broken / "store" / "CURRENT").write_text("not a store", encoding="utf-8")
        point_current(tmp_path, broken)
        started = time.monotonic()
        while not any("cannot be served" in record.getMessage() for record in caplog.records):
            assert time.monotonic() - started < 30, "the broken release was never looked at"
            time.sleep(0.02)
        assert app.state.backend is serving
        assert label(base_url, 1) == (200, "first build")
