"""A Backend evaluating queries in a pool of worker processes, so a query past its deadline can be stopped.

pyoxigraph's `Store.query` has no timeout and cannot be cancelled. Each worker (`worker.py`) opens the
store itself and answers one query at a time; a query that outlives its deadline, or whose client went
away (the awaiting task is cancelled), has its worker killed, which frees everything the query held, and
a fresh worker is started in its place. Requests wait for a free worker in a bounded queue: when the
queue is full, or the wait alone outlasts the deadline, the answer is `ServerBusy` (503 with Retry-After).

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
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import weakref
from dataclasses import dataclass
from pathlib import Path

import anyio
import pyoxigraph as ox

from integrationsgraph.errors import InputError
from integrationsgraph.server.backends import (
    DEFAULT_FORMATS,
    NO_DATASET,
    BackendUnavailable,
    Dataset,
    PreferredFormats,
    QueryResult,
    QueryTimeout,
    ServerBusy,
    evaluation_request,
    syntax_error_from_message,
)
from integrationsgraph.server.evaluation import EvaluationRequest
from integrationsgraph.server.guards import FederationRefused
from integrationsgraph.server.worker import receive_frame, send_frame

log = logging.getLogger("integrationsgraph.server")


@dataclass(frozen=True)
class StoreSource:
    """What each worker opens: `memory`/`disk` + an on-disk store, or `nquads` + a dump file."""

    kind: str
    path: Path


class _Worker:
    """One worker process and the server's end of its socket; `ask` and `spawn` block (call from a thread)."""

    def __init__(self, process: subprocess.Popen, sock: socket.socket):
        self.process = process
        self.sock = sock

    @classmethod
    def spawn(cls, source: StoreSource, sandbox: bool = True) -> _Worker:
        ours, theirs = socket.socketpair()
        command = [sys.executable, "-m", "integrationsgraph.server.worker", str(theirs.fileno()), source.kind]
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
        return worker

    def ask(self, request: EvaluationRequest) -> tuple:
        try:
            send_frame(self.sock, request)
            reply = receive_frame(self.sock)
        except OSError as error:  # the worker died before or while answering (killed, out of memory)
            raise BackendUnavailable(f"the query worker (pid {self.process.pid}) is gone: {error}") from None
        if reply is None:
            raise BackendUnavailable(f"the query worker (pid {self.process.pid}) exited during the query")
        return reply

    def stop(self) -> None:
        """Kill the process (a query in it stops at once) and release the socket."""
        self.process.kill()
        with contextlib.suppress(OSError):
            self.sock.shutdown(socket.SHUT_RDWR)  # wakes a thread still waiting for the answer
        self.process.wait()
        self.sock.close()


class WorkerPoolBackend:
    """`workers` processes over `source`; at most `max_queued` requests wait for one (see module docstring).

    `default_timeout` applies when `query` is given none (the named-query and resource routes);
    `max_rows` caps every answer (`QueryResult.truncated`); `version` identifies the data for ETags.
    `sandbox=False` runs the workers unsandboxed (the operator's `worker_sandbox off`);
    `federation_guard=False` skips the guard, only for tests that prove the sandbox alone.
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
        version: str | None = None,
        owned_dir: Path | None = None,
        sandbox: bool = True,
        federation_guard: bool = True,
    ):
        self.source = source
        self.label = label
        self.workers = workers
        self.max_queued = max_queued
        self.default_timeout = default_timeout
        self.max_rows = max_rows
        self.version = version
        self.sandbox = sandbox
        self.federation_guard = federation_guard
        self.in_flight = 0
        self.timeouts = 0  # queries stopped at their deadline (for /metrics)
        self._idle: list[_Worker] = []
        self._live: set[_Worker] = set()
        self._waiters: collections.deque[asyncio.Future] = collections.deque()
        self._threads = anyio.CapacityLimiter(workers)
        self._respawns: set[asyncio.Task] = set()
        self._started = False
        self._closed = False
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
        starting = (self._add_worker() for _ in range(self.workers))
        outcomes = await asyncio.gather(*starting, return_exceptions=True)
        failures = [outcome for outcome in outcomes if isinstance(outcome, BaseException)]
        if failures:
            await self.close()
            if isinstance(failures[0], BackendUnavailable):
                raise InputError(str(failures[0]))
            raise failures[0]

    async def _add_worker(self) -> None:
        worker = await anyio.to_thread.run_sync(_Worker.spawn, self.source, self.sandbox)
        if self._closed:
            await anyio.to_thread.run_sync(worker.stop)
            return
        self._live.add(worker)
        self._release(worker)

    async def query(
        self,
        text: str,
        dataset: Dataset = NO_DATASET,
        formats: PreferredFormats = DEFAULT_FORMATS,
        base_iri: str | None = None,
        timeout: float | None = None,
        *,
        refuse_federation: bool = False,
    ) -> QueryResult:
        await self.start()
        seconds = self.default_timeout if timeout is None else timeout
        deadline = time.monotonic() + seconds
        guard = refuse_federation and self.federation_guard
        request = evaluation_request(text, dataset, formats, base_iri, self.max_rows, refuse_federation=guard)
        self.in_flight += 1
        try:
            worker = await self._acquire(deadline)
            reply = await self._ask(worker, request, deadline, seconds)
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

    async def _acquire(self, deadline: float) -> _Worker:
        if self._idle:
            return self._idle.pop()
        if len(self._waiters) >= self.max_queued:
            raise ServerBusy(
                f"all {self.workers} query workers are busy and {len(self._waiters)} queries are waiting"
            )
        waiter: asyncio.Future[_Worker] = asyncio.get_running_loop().create_future()
        self._waiters.append(waiter)
        worker = None
        try:
            with anyio.fail_after(max(deadline - time.monotonic(), 0)):
                worker = await waiter
            return worker
        except TimeoutError:
            raise ServerBusy("no query worker became free before the query's deadline") from None
        finally:
            if worker is None:
                if waiter in self._waiters:
                    self._waiters.remove(waiter)
                if waiter.done() and not waiter.cancelled() and waiter.exception() is None:
                    self._release(waiter.result())  # handed to us just as we gave up: pass it on
                else:
                    waiter.cancel()

    async def _ask(
        self, worker: _Worker, request: EvaluationRequest, deadline: float, seconds: float
    ) -> tuple:
        answered = False
        try:
            with anyio.fail_after(max(deadline - time.monotonic(), 0)):
                reply = await anyio.to_thread.run_sync(
                    worker.ask, request, abandon_on_cancel=True, limiter=self._threads
                )
            answered = True
            return reply
        except TimeoutError:
            self.timeouts += 1
            raise QueryTimeout(seconds) from None
        finally:
            if answered:
                self._release(worker)
            else:
                self._replace(worker)  # timed out, client gone, or worker died: kill it, start another

    def _release(self, worker: _Worker) -> None:
        while self._waiters:
            waiter = self._waiters.popleft()
            if not waiter.done():
                waiter.set_result(worker)
                return
        self._idle.append(worker)

    def _replace(self, worker: _Worker) -> None:
        self._live.discard(worker)
        task = asyncio.get_running_loop().create_task(self._stop_and_respawn(worker))
        self._respawns.add(task)
        task.add_done_callback(self._respawns.discard)

    async def _stop_and_respawn(self, worker: _Worker) -> None:
        await anyio.to_thread.run_sync(worker.stop)
        if self._closed:
            return
        try:
            await self._add_worker()
        except BackendUnavailable as error:
            log.error("could not replace a stopped query worker: %s", error)

    async def close(self) -> None:
        """Stop every worker; requests still waiting get ServerBusy (idempotent)."""
        self._closed = True
        for task in list(self._respawns):
            task.cancel()
        for waiter in self._waiters:
            if not waiter.done():
                waiter.set_exception(ServerBusy("the server is shutting down"))
        self._waiters.clear()
        self._idle.clear()
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
