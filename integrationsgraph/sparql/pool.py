"""A Backend evaluating queries in a pool of worker processes, so a query past its deadline can be stopped.

pyoxigraph's `Store.query` has no timeout and cannot be cancelled. Each worker (`worker.py`) opens the
store itself and answers one query at a time; a query that outlives its deadline, or whose client went
away (the awaiting task is cancelled), has its worker killed, which frees everything the query held, and
a fresh worker is started in its place. Requests wait for a free worker in a bounded queue: when the
queue is full, or the wait alone outlasts the deadline, the answer is `ServerBusy` (503 with Retry-After).

Memory: a worker's resident memory is watched while it evaluates; a query that adds more than
`query_memory_bytes` to it has its worker killed and fails with `QueryMemoryExceeded` (507). A worker
that has grown by more than `recycle_bytes` since it started (a large answer leaves memory behind) is
replaced after it answers. Answers are cut at `max_rows` rows and `max_bytes` bytes (`evaluation.py`).

Sharing (`fairness.py` says who the client is and whether it has been cheap): at most
`max_client_queries` of one client's queries run at once, and `cheap_lane_workers` workers take only
queries of clients in good standing, for at most `cheap_seconds` each. A query that runs longer there is
stopped and started again on the other workers within its deadline, and its client loses its standing.
Of the alternatives, this needs no estimate of a query's cost before it runs (pyoxigraph gives none)
and no preemption of the general workers: an expensive client can hold those, never the cheap lane,
so cheap queries wait at most `cheap_seconds` behind an expensive one that slipped in. One estimate is
made all the same, for clients without a history (`fairness.Standing.has_history`): a cross product
of full scans (`query_cost.py`) does not start on the cheap lane, so newcomers arriving together with
such queries (a cold start) cannot hold it for `cheap_seconds` each, and no worker is stopped for them.

A worker found dead while idle (killed, crashed) is replaced and the query goes to another worker.
`spare_workers` processes wait with the store open and take a killed worker's place at once, so that a
stopped query does not leave the pool a worker short while a new one starts (under a second for the
curated graph, minutes for a large one).

Each worker is reached over a Unix socket pair; the blocking send and receive run in a thread (one per
busy worker), so the pool works on whatever event loop calls it and never blocks it. Each worker is
sandboxed (`sandbox.py`: it cannot create sockets, so no query can make it fetch anything) unless
`sandbox=False`; a worker that cannot install its sandbox fails to start, and so does the pool.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import logging
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import weakref
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import anyio
import pyoxigraph as ox

from integrationsgraph.errors import InputError
from integrationsgraph.sparql.backends import (
    Backend,
    BackendUnavailable,
    QueryMemoryExceeded,
    QueryRequest,
    QueryResult,
    QueryTimeout,
    ServerBusy,
    evaluation_request,
    syntax_error_from_message,
)
from integrationsgraph.sparql.evaluation import EvaluationRequest
from integrationsgraph.sparql.fairness import Standing, current_client
from integrationsgraph.sparql.guards import FederationRefused
from integrationsgraph.sparql.query_cost import is_cross_product_of_full_scans
from integrationsgraph.sparql.worker import receive_frame, send_frame

log = logging.getLogger("integrationsgraph.server")

PAGE_BYTES = os.sysconf("SC_PAGE_SIZE")
# How often busy workers' memory is read: a query allocating fast overshoots its limit by what it can
# allocate in this time.
MEMORY_POLL_SECONDS = 0.02
# Dead idle workers skipped for one query before giving up (each is replaced in the background).
DEAD_WORKER_RETRIES = 3


@dataclass(frozen=True)
class StoreSource:
    """What each worker opens: `memory`/`disk` + an on-disk store, or `nquads` + a dump file."""

    kind: str
    path: Path


class _NotSent(Exception):
    """The request could not be sent: the worker had exited while idle (so it is safe to retry)."""


class _StoppedDuringQuery(Exception):
    """The worker exited after it was sent the query (a crash, a kill, the memory limit)."""


class _Worker:
    """One worker process and the server's end of its socket; `ask` and `spawn` block (call from a thread)."""

    def __init__(self, process: subprocess.Popen, sock: socket.socket):
        self.process = process
        self.sock = sock
        self.resting_rss = 0  # resident bytes once the store is open: what queries are measured against
        self.over_memory = False  # set when the pool killed it for the memory limit

    @classmethod
    def spawn(cls, source: StoreSource, sandbox: bool = True) -> _Worker:
        ours, theirs = socket.socketpair()
        command = [sys.executable, "-m", "integrationsgraph.sparql.worker", str(theirs.fileno()), source.kind]
        # Its own session: a Ctrl-C at the terminal reaches the server, which then stops the workers.
        process = subprocess.Popen(
            [*command, str(source.path), "on" if sandbox else "off"],
            pass_fds=(theirs.fileno(),), start_new_session=True,
        )  # fmt: skip
        theirs.close()
        worker = cls(process, ours)
        message = receive_frame(ours)
        if not (isinstance(message, tuple) and message[0] == "ready"):
            worker.stop()
            detail = message[1] if isinstance(message, tuple) else f"could not open {source.path}: it exited"
            raise BackendUnavailable(f"a query worker did not start: {detail}")
        worker.resting_rss = worker.rss()
        return worker

    def rss(self) -> int:
        """Resident memory in bytes (0 once the process is gone)."""
        try:
            with open(f"/proc/{self.process.pid}/statm", encoding="ascii") as statm:
                return int(statm.read().split()[1]) * PAGE_BYTES
        except (OSError, IndexError, ValueError):
            return 0

    def growth(self) -> int:
        return self.rss() - self.resting_rss

    def ask(self, request: EvaluationRequest) -> tuple:
        try:
            send_frame(self.sock, request)
        except OSError:  # the worker is gone: it never saw the query
            raise _NotSent from None
        try:
            reply = receive_frame(self.sock)
        except OSError:
            reply = None
        if reply is None:
            raise _StoppedDuringQuery
        return reply

    def stop(self) -> None:
        """Kill the process (a query in it stops at once) and release the socket."""
        self.process.kill()
        with contextlib.suppress(OSError):
            self.sock.shutdown(socket.SHUT_RDWR)  # wakes a thread still waiting for the answer
        self.process.wait()
        self.sock.close()


@dataclass
class _Lease:
    """A worker handed to one query of `client`, on the `general` or the `cheap` lane."""

    worker: _Worker
    lane: str
    client: str


@dataclass
class _Waiter:
    future: asyncio.Future
    client: str
    cheap: bool  # in good standing: may take a cheap-lane worker


class WorkerPoolBackend(Backend):
    """`workers` processes over `source`; at most `max_queued` requests wait for one (see module docstring).

    `default_timeout` applies when `query` is given none (the named-query and resource routes);
    `max_rows` and `max_bytes` cap every answer (`QueryResult.truncated`); `version` identifies the data
    for ETags. `query_memory_bytes`, `recycle_bytes`, `max_client_queries` (None: no limit),
    `cheap_lane_workers`, `cheap_seconds` and `spare_workers` are described in the module docstring.
    `sandbox=False` runs the workers unsandboxed (the operator's `worker_sandbox off`);
    `federation_guard=False` skips the guard, only for tests that prove the sandbox alone.
    `prefixes` are declared before every query is parsed (the CLI's `sparql`).
    """

    def __init__(
        self,
        source: StoreSource,
        label: str,
        *,
        workers: int = 2,
        max_queued: int = 64,
        default_timeout: float = 10.0,
        max_rows: int | None = None,
        max_bytes: int | None = None,
        query_memory_bytes: int | None = None,
        recycle_bytes: int | None = None,
        max_client_queries: int | None = None,
        cheap_lane_workers: int = 0,
        cheap_seconds: float = 1.0,
        spare_workers: int = 0,
        version: str | None = None,
        owned_dir: Path | None = None,
        sandbox: bool = True,
        federation_guard: bool = True,
        prefixes: Mapping[str, str] | None = None,
    ):
        self.source = source
        self.label = label
        self.workers = workers
        self.max_queued = max_queued
        self.default_timeout = default_timeout
        self.max_rows = max_rows
        self.max_bytes = max_bytes
        self.query_memory_bytes = query_memory_bytes
        self.recycle_bytes = recycle_bytes
        self.max_client_queries = max_client_queries
        self.cheap_lane = min(cheap_lane_workers, workers - 1)  # at least one worker for everyone
        self.cheap_seconds = cheap_seconds
        self.spare_workers = spare_workers
        self.version = version
        self.sandbox = sandbox
        self.federation_guard = federation_guard
        self.prefixes = tuple((prefixes or {}).items())
        self.in_flight = 0
        self.timeouts = 0  # queries stopped at their deadline (for /metrics)
        self.standing = Standing()
        self._idle: list[_Worker] = []
        self._live: set[_Worker] = set()
        self._busy: dict[_Worker, _Lease] = {}
        self._spares: list[_Worker] = []  # store open, not serving: the next replacement
        self._running = collections.Counter()  # busy workers per lane
        self._per_client = collections.Counter()  # busy workers per client
        self._waiters: collections.deque[_Waiter] = collections.deque()
        self._threads = anyio.CapacityLimiter(workers)
        self._respawns: set[asyncio.Task] = set()
        self._memory_watch: asyncio.Task | None = None
        self._started = False
        self._closed = False
        self._closing = threading.Lock()  # orders a starting worker's registration against close()
        # Stops the workers and removes the dump even when the app is dropped without its lifespan.
        self._finalizer = weakref.finalize(self, _stop_all, self._live, owned_dir)

    @classmethod
    def from_store(cls, store: ox.Store, label: str, **options) -> WorkerPoolBackend:
        """A pool over a copy of an in-memory store (dumped once as N-Quads, loaded by each worker)."""
        directory = Path(tempfile.mkdtemp(prefix="integrationsgraph-data-"))
        dump = directory / "data.nq"
        store.dump(str(dump), format=ox.RdfFormat.N_QUADS)
        return cls(StoreSource("nquads", dump), label, owned_dir=directory, **options)

    async def start(self) -> None:
        """Start every worker and wait until each has opened the store (idempotent)."""
        if self._started:
            return
        self._started = True
        starting = (self._add_worker() for _ in range(self.workers + self.spare_workers))
        outcomes = await asyncio.gather(*starting, return_exceptions=True)
        failures = [outcome for outcome in outcomes if isinstance(outcome, BaseException)]
        if failures:
            await self.close()
            if isinstance(failures[0], BackendUnavailable):
                raise InputError(str(failures[0]))
            raise failures[0]
        if self.query_memory_bytes is not None:
            self._memory_watch = asyncio.get_running_loop().create_task(self._watch_memory())

    def _spawn(self) -> _Worker | None:
        """A new worker, already in `_live` (so `close` stops it), or None when the pool closed meanwhile.

        Runs in a thread that a closing pool cannot interrupt: the worker is registered here, not by the
        awaiting task, which `close` may cancel while the process starts.
        """
        worker = _Worker.spawn(self.source, self.sandbox)
        with self._closing:
            if not self._closed:
                self._live.add(worker)
                return worker
        worker.stop()
        return None

    async def _add_worker(self) -> None:
        worker = await anyio.to_thread.run_sync(self._spawn)
        if worker is None:
            return
        if len(self._idle) + len(self._busy) >= self.workers:
            self._spares.append(worker)
            return
        self._idle.append(worker)
        self._dispatch()

    async def answer(self, query: QueryRequest) -> QueryResult:
        await self.start()
        seconds = self.default_timeout if query.timeout is None else query.timeout
        deadline = time.monotonic() + seconds
        guard = query.refuse_federation and self.federation_guard
        request = evaluation_request(
            query, self.max_rows, self.max_bytes, refuse_federation=guard, prefixes=self.prefixes
        )
        self.in_flight += 1
        try:
            reply = await self._evaluate(request, current_client.get(), deadline, seconds)
        finally:
            self.in_flight -= 1
        status, value = reply
        if status == "ok":
            return QueryResult.of(value)
        if status == "syntax":
            raise syntax_error_from_message(value)
        if status == "refused":
            raise FederationRefused(value)
        raise RuntimeError(f"the query worker failed:\n{value}")

    async def _evaluate(
        self, request: EvaluationRequest, client: str, deadline: float, seconds: float
    ) -> tuple:
        cheap = await self._may_use_cheap_lane(client, request.text)
        dead_workers = 0
        while True:
            lease = await self._acquire(client, cheap, deadline)
            stop_at = deadline
            if lease.lane == "cheap":
                stop_at = min(deadline, time.monotonic() + self.cheap_seconds)
            started = time.monotonic()
            keep = False  # a worker whose query did not end normally is killed and replaced
            try:
                with anyio.fail_after(max(stop_at - time.monotonic(), 0)):
                    reply = await anyio.to_thread.run_sync(
                        lease.worker.ask, request, abandon_on_cancel=True, limiter=self._threads
                    )
                keep = True
            except TimeoutError:
                self.standing.mark_expensive(client)
                if stop_at < deadline:  # too long for the cheap lane, not out of time: start it again
                    cheap = False
                    continue
                self.timeouts += 1
                raise QueryTimeout(seconds) from None
            except _NotSent:
                dead_workers += 1
                if dead_workers <= DEAD_WORKER_RETRIES:
                    continue
                raise BackendUnavailable("the query workers keep exiting before they take a query") from None
            except _StoppedDuringQuery:
                if lease.worker.over_memory:
                    self.standing.mark_expensive(client)
                    raise QueryMemoryExceeded(self.query_memory_bytes) from None
                # The process id is for the operator's log, not for the client.
                log.warning(
                    "query worker %d exited during a query (status %s)",
                    lease.worker.process.pid, lease.worker.process.poll(),
                )  # fmt: skip
                raise BackendUnavailable(
                    "the query worker stopped during the query (it crashed or was killed)"
                ) from None
            finally:
                self._finish(lease, keep)
            if time.monotonic() - started > self.cheap_seconds:
                self.standing.mark_expensive(client)
            else:
                self.standing.mark_cheap(client)
            return reply

    async def _may_use_cheap_lane(self, client: str, text: str) -> bool:
        """In good standing, and, for a client without a history, not a cross product of full scans."""
        if not self.standing.is_cheap(client):
            return False
        if not self.cheap_lane or self.standing.has_history(client):
            return True
        # A linear scan of at most `query_cost.MAX_JUDGED_CHARACTERS`, off the event loop all the same.
        return not await anyio.to_thread.run_sync(is_cross_product_of_full_scans, text)

    def _lane_for(self, client: str, cheap: bool) -> str | None:
        """The lane a query of `client` may start on now, or None when it has to wait."""
        if self.max_client_queries is not None and self._per_client[client] >= self.max_client_queries:
            return None
        if self._running["general"] < self.workers - self.cheap_lane:
            return "general"
        if cheap and self._running["cheap"] < self.cheap_lane:
            return "cheap"
        return None

    def _take(self, client: str, cheap: bool) -> _Lease | None:
        lane = self._lane_for(client, cheap)
        if lane is None:
            return None
        while self._idle:
            worker = self._idle.pop()
            if worker.process.poll() is not None:
                self._replace(worker)  # died while idle: never handed out
                continue
            self._busy[worker] = lease = _Lease(worker, lane, client)
            self._running[lane] += 1
            self._per_client[client] += 1
            return lease
        return None

    async def _acquire(self, client: str, cheap: bool, deadline: float) -> _Lease:
        lease = self._take(client, cheap)
        if lease is not None:
            return lease
        if len(self._waiters) >= self.max_queued:
            raise ServerBusy(
                f"all {self.workers} query workers are busy and {len(self._waiters)} queries are waiting"
            )
        waiter = _Waiter(asyncio.get_running_loop().create_future(), client, cheap)
        self._waiters.append(waiter)
        try:
            with anyio.fail_after(max(deadline - time.monotonic(), 0)):
                lease = await waiter.future
            return lease
        except TimeoutError:
            raise ServerBusy(self._busy_reason(client)) from None
        finally:
            if lease is None:
                if waiter in self._waiters:
                    self._waiters.remove(waiter)
                future = waiter.future
                if future.done() and not future.cancelled() and future.exception() is None:
                    self._finish(future.result(), keep=True)  # handed to us just as we gave up: pass it on
                else:
                    future.cancel()

    def _busy_reason(self, client: str) -> str:
        running = self._per_client[client]
        if self.max_client_queries is not None and running >= self.max_client_queries:
            return (
                f"{running} queries from your address were still running at the query's deadline; "
                f"at most {self.max_client_queries} run at once per client"
            )
        return "no query worker became free before the query's deadline"

    def _finish(self, lease: _Lease, keep: bool) -> None:
        """Take the worker back: idle again, or replaced when its query failed or it grew too large."""
        worker = lease.worker
        del self._busy[worker]
        self._running[lease.lane] -= 1
        self._per_client[lease.client] -= 1
        if self._per_client[lease.client] <= 0:
            del self._per_client[lease.client]
        if keep and self.recycle_bytes is not None and worker.growth() > self.recycle_bytes:
            keep = False  # a large answer left memory behind: a fresh worker starts small again
            log.info("recycling a query worker that grew by %d MiB", worker.growth() // (1024 * 1024))
        if keep:
            self._idle.append(worker)
            self._dispatch()
        else:
            self._replace(worker)
            self._dispatch()  # another idle worker may fit a waiter the finished lease was blocking

    def _dispatch(self) -> None:
        """Hand idle workers to the first waiters that may take one (per-client and lane limits)."""
        for waiter in list(self._waiters):
            if not self._idle:
                return
            if waiter.future.done():
                self._waiters.remove(waiter)
                continue
            lease = self._take(waiter.client, waiter.cheap)
            if lease is not None:
                self._waiters.remove(waiter)
                waiter.future.set_result(lease)

    async def _watch_memory(self) -> None:
        """Kill a busy worker whose query took it past its memory limit (the query then fails with 507)."""
        while not self._closed:
            await asyncio.sleep(MEMORY_POLL_SECONDS)
            for worker in list(self._busy):
                if not worker.over_memory and worker.growth() > self.query_memory_bytes:
                    worker.over_memory = True
                    worker.process.kill()  # the thread waiting for its answer sees the socket close

    def _replace(self, worker: _Worker) -> None:
        """Stop `worker`; a spare takes its place now, and a new process is started (to serve or wait)."""
        if self._spares:
            self._idle.append(self._spares.pop())
        task = asyncio.get_running_loop().create_task(self._stop_and_respawn(worker))
        self._respawns.add(task)
        task.add_done_callback(self._respawns.discard)

    async def _stop_and_respawn(self, worker: _Worker) -> None:
        await anyio.to_thread.run_sync(worker.stop)
        # Only now: if `close` cancels this task first, the worker is still in `_live` and stopped there.
        self._live.discard(worker)
        if self._closed:
            return
        try:
            await self._add_worker()
        except BackendUnavailable as error:
            log.error("could not replace a stopped query worker: %s", error)

    async def close(self) -> None:
        """Stop every worker; requests still waiting get ServerBusy (idempotent)."""
        with self._closing:
            self._closed = True
        if self._memory_watch is not None:
            self._memory_watch.cancel()
        for task in list(self._respawns):
            task.cancel()
        for waiter in self._waiters:
            if not waiter.future.done():
                waiter.future.set_exception(ServerBusy("the server is shutting down"))
        self._waiters.clear()
        self._idle.clear()
        self._spares.clear()
        await anyio.to_thread.run_sync(self._finalizer)

    async def drain_and_close(self, poll_seconds: float = 0.05) -> None:
        """Let the requests already running finish (a replaced build), then close."""
        while self.in_flight:
            await asyncio.sleep(poll_seconds)
        await self.close()


def _stop_all(workers: set[_Worker], owned_dir: Path | None) -> None:
    while workers:
        workers.pop().stop()
    if owned_dir is not None:
        shutil.rmtree(owned_dir, ignore_errors=True)
