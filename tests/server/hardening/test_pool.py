"""The worker pool on its own: both ways of holding a build, a worker that dies, settings of the limits."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
from collections.abc import AsyncIterator

import pyoxigraph as ox
import pytest

from integrationsgraph.errors import UsageError
from integrationsgraph.settings import Settings
from integrationsgraph.sparql.backends import BackendUnavailable, QueryTimeout
from integrationsgraph.sparql.pool import StoreSource, WorkerPoolBackend

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
CROSS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"  # long on 100 triples


@contextlib.asynccontextmanager
async def started(pool: WorkerPoolBackend) -> AsyncIterator[WorkerPoolBackend]:
    """The pool with its workers started, closed however the scenario ends."""
    try:
        await pool.start()
        yield pool
    finally:
        await pool.close()


def on_disk_store(directory) -> str:
    store = ox.Store(str(directory))
    store.add(
        ox.Quad(
            ox.NamedNode("http://e/s"),
            ox.NamedNode("http://e/p"),
            ox.Literal("o"),
            ox.NamedNode("http://e/g"),
        )
    )
    store.flush()
    del store
    return str(directory)


@pytest.mark.parametrize("kind", ["memory", "disk"])
def test_workers_serve_an_on_disk_store_in_memory_or_in_place(tmp_path, kind) -> None:
    async def scenario() -> int:
        pool = WorkerPoolBackend(StoreSource(kind, on_disk_store(tmp_path / "store")), "test", workers=1)
        try:
            return int((await pool.query(COUNT)).rows()[0]["n"].value)
        finally:
            await pool.close()

    assert asyncio.run(scenario()) == 1


def test_a_worker_that_died_while_idle_is_replaced_and_the_query_goes_to_another(make_chain_store) -> None:
    async def scenario() -> tuple[str, int, bool]:
        async with started(WorkerPoolBackend.from_store(make_chain_store(10), "test", workers=1)) as pool:
            (worker,) = pool._live
            os.kill(worker.process.pid, signal.SIGKILL)  # as the kernel's out-of-memory killer would
            worker.process.wait()  # dead before the query arrives, as an idle worker killed earlier is
            answer = (await pool.query(COUNT)).rows()[0]["n"].value  # waits for the replacement
            (replacement,) = pool._live
            return answer, replacement.process.pid, worker in pool._live

    answer, replacement_pid, dead_one_still_used = asyncio.run(scenario())
    assert answer == "20"
    assert replacement_pid > 0
    assert not dead_one_still_used


def test_a_worker_that_dies_during_a_query_is_a_502_without_its_process_id(make_chain_store, caplog) -> None:
    async def scenario() -> tuple[str, int, str]:
        async with started(
            WorkerPoolBackend.from_store(make_chain_store(100), "test", workers=1, default_timeout=60)
        ) as pool:
            (worker,) = pool._live
            running = asyncio.ensure_future(pool.query(CROSS))
            while not pool._busy:  # the query has reached the worker
                await asyncio.sleep(0.01)
            os.kill(worker.process.pid, signal.SIGKILL)
            with pytest.raises(BackendUnavailable) as raised:
                await running
            answer = (await pool.query(COUNT)).rows()[0]["n"].value  # the replacement answers
            return str(raised.value), worker.process.pid, answer

    message, pid, answer = asyncio.run(scenario())
    assert "stopped during the query" in message
    assert str(pid) not in message
    assert str(pid) in caplog.text  # the operator's log has it
    assert answer == "200"


def test_a_spare_worker_takes_a_stopped_workers_place_at_once(make_chain_store) -> None:
    async def scenario() -> tuple[bool, bool, bool]:
        async with started(
            WorkerPoolBackend.from_store(make_chain_store(100), "test", workers=1, spare_workers=1)
        ) as pool:
            (serving,) = pool._idle
            (spare,) = pool._spares
            with pytest.raises(QueryTimeout):
                await pool.query(CROSS, timeout=0.5)
            # Right after the 504, before any new process could have started: the spare serves.
            took_its_place = pool._idle == [spare]
            answered = (await pool.query(COUNT)).rows()[0]["n"].value == "200"
            while not pool._spares:  # a new spare is started in the background
                await asyncio.sleep(0.02)
            return took_its_place, answered, serving.process.poll() is not None

    assert asyncio.run(scenario()) == (True, True, True)


def test_a_store_that_cannot_be_opened_stops_the_start(tmp_path) -> None:
    (tmp_path / "store").mkdir()
    (tmp_path / "store" / "CURRENT").write_text("not a store", encoding="utf-8")
    pool = WorkerPoolBackend(StoreSource("memory", tmp_path / "store"), "test", workers=1)
    with pytest.raises(Exception, match="could not open"):
        asyncio.run(pool.start())


def test_limit_settings_come_from_flags_and_environment() -> None:
    settings = Settings.resolve(
        {"query_timeout": "2.5", "max_result_rows": "10"},
        {"INTEGRATIONSGRAPH_QUERY_WORKERS": "3", "INTEGRATIONSGRAPH_WORKER_STORE": "disk"},
    )
    assert (settings.query_timeout, settings.max_result_rows) == (2.5, 10)
    assert (settings.query_workers, settings.worker_store) == (3, "disk")
    assert Settings().query_timeout == 10.0


@pytest.mark.parametrize(
    ("name", "value"),
    [("query_timeout", "0"), ("query_timeout", "nan"), ("query_workers", "0"), ("worker_store", "cloud"),
     ("max_queued_queries", "-1"), ("reload_interval", "-2"), ("max_result_bytes", "100"),
     ("query_memory_bytes", "1000"), ("write_timeout", "0"), ("min_query_timeout", "-1"),
     ("max_client_queries", "0"), ("cheap_query_seconds", "0"), ("spare_workers", "-1")],
)  # fmt: skip
def test_bad_limit_settings_name_the_setting(name, value) -> None:
    with pytest.raises(UsageError, match=name):
        Settings.resolve({name: value}, {})
