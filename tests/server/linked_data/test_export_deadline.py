"""`/export` runs off the event loop, under one deadline for all its queries, and reports a syntax error
in a CONSTRUCT scope at the line its author wrote (the PREFIX lines put before it not counted)."""

from __future__ import annotations

import asyncio
import threading

import httpx
import pytest

from integrationsgraph.datafiles import load_files
from integrationsgraph.exports import exporting as export_run
from integrationsgraph.sparql.backends import EmbeddedBackend
from tests.server.linked_data.conftest import LD_FIXTURE, make_ld_app

pytestmark = pytest.mark.anyio

HOLDING = "https://w3id.org/integrationsgraph/id/holding/intmk-chair-2022-hessen"


class RecordingBackend(EmbeddedBackend):
    """The real in-process backend, noting the deadline each query gets; optionally slow to answer."""

    def __init__(self, delay: float = 0.0):
        super().__init__(load_files([LD_FIXTURE]))
        self.delay = delay
        self.timeouts: list[float | None] = []

    async def query(self, text, *args, timeout=None, **kwargs):
        self.timeouts.append(timeout)
        await asyncio.sleep(self.delay)
        return await super().query(text, *args, timeout=timeout, **kwargs)


async def export(app, **params) -> httpx.Response:
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://testserver"
    ) as client:
        return await client.get("/export", params=params)


async def test_a_syntax_error_is_reported_at_the_author_s_line(ld_client):
    query = "CONSTRUCT { ?s ?p ?o }\nWHERE {\n  ?s ?p ?o .\n  FILTER( \n}"
    response = await ld_client.get("/export", params={"format": "dot", "scope": "construct", "query": query})
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["title"] == "Query syntax error"
    assert error["line"] == 5  # the closing brace, where the FILTER's expression is missing
    assert "error at 5:" in error["detail"]


async def test_the_export_runs_on_a_worker_thread(ld_build_dir, monkeypatch):
    """The graph building and writing (seconds for a large scope) never hold the event loop."""
    ran_on: list[int] = []
    original = export_run.write

    def recording_write(graph, format_name):
        ran_on.append(threading.get_ident())
        return original(graph, format_name)

    monkeypatch.setattr(export_run, "write", recording_write)
    response = await export(make_ld_app(ld_build_dir), format="graphml")
    assert response.status_code == 200
    assert ran_on
    assert threading.get_ident() not in ran_on  # this test's event loop runs the app in this thread


async def test_every_query_of_an_export_shares_one_deadline(ld_build_dir):
    app = make_ld_app(ld_build_dir)
    backend = app.state.backend = RecordingBackend()
    response = await export(app, format="cytoscape", entity=HOLDING, depth="3", timeout="30")
    assert response.status_code == 200
    assert len(backend.timeouts) >= 3
    assert all(0 < seconds <= 30 for seconds in backend.timeouts)
    assert backend.timeouts == sorted(backend.timeouts, reverse=True)  # what is left, never a fresh 30 s


async def test_an_export_past_its_deadline_is_a_504(ld_build_dir):
    """Each query well within the deadline, all of them together past it (before: each had its own)."""
    app = make_ld_app(ld_build_dir)
    app.state.backend = RecordingBackend(delay=0.4)
    response = await export(app, format="cytoscape", entity=HOLDING, depth="3", timeout="1")
    assert response.status_code == 504
    assert response.json()["error"]["title"] == "Query timeout"
