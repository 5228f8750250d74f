"""Fixtures for the hardening tests: real servers whose queries run in worker processes."""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterator

import pyoxigraph as ox
import pytest
from starlette.applications import Starlette

from integrationsgraph.server.app import create_app
from integrationsgraph.server.serving import pool_options
from integrationsgraph.settings import Settings
from integrationsgraph.sparql.pool import WorkerPoolBackend

EX = "http://example.org/"


def chain_store(people: int = 3000) -> ox.Store:
    """A graph big enough for pathological queries to run for minutes: people who know the next one."""
    store = ox.Store()
    graph = ox.NamedNode(EX + "graph/people")
    knows, label = ox.NamedNode(EX + "knows"), ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    quads = []
    for number in range(people):
        person = ox.NamedNode(f"{EX}person/{number}")
        quads.append(ox.Quad(person, knows, ox.NamedNode(f"{EX}person/{(number + 1) % people}"), graph))
        quads.append(ox.Quad(person, label, ox.Literal(f"Person {number}"), graph))
    store.extend(quads)
    return store


def pool_app(store: ox.Store, **settings) -> Starlette:
    """The app over `store`, its queries in a pool of worker processes, with these settings."""
    resolved = Settings(**settings)
    backend = WorkerPoolBackend.from_store(store, "test pool", version="test-data", **pool_options(resolved))
    return create_app(resolved, backend=backend)


@pytest.fixture(scope="module")
def chain_server(start_server) -> Iterator[str]:
    """A server over `chain_store` with a 2 s deadline and 2 workers (shared by a module's tests).

    Its timeout floor is 0.2 s, so that tests can lower the deadline below a second.
    """
    with start_server(pool_app(chain_store(), query_timeout=2.0, min_query_timeout=0.2)) as base_url:
        yield base_url


class LoopbackListener:
    """A TCP listener on a free loopback port that counts the connections it accepts (and closes them)."""

    def __init__(self) -> None:
        self.socket = socket.create_server(("127.0.0.1", 0))
        self.socket.settimeout(0.05)
        self.port = self.socket.getsockname()[1]
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, name="loopback-listener", daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/sparql"

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                connection, _ = self.socket.accept()
            except TimeoutError:
                continue
            self.connections += 1
            connection.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        self.socket.close()


@pytest.fixture
def loopback_listener() -> Iterator[LoopbackListener]:
    listener = LoopbackListener()
    try:
        yield listener
    finally:
        listener.close()


@pytest.fixture(scope="session")
def make_pool_app() -> Callable[..., Starlette]:
    """`make_pool_app(store, **settings)`: see `pool_app`."""
    return pool_app


@pytest.fixture(scope="session")
def make_chain_store() -> Callable[..., ox.Store]:
    """`make_chain_store(people)`: see `chain_store`."""
    return chain_store
