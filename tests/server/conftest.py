"""Fixtures for the endpoint tests: a real uvicorn server on a free loopback port, and `oxigraph serve`."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
import uvicorn
from starlette.applications import Starlette

from integrationsgraph.server.app import create_app
from integrationsgraph.server.backends import EmbeddedBackend
from integrationsgraph.server.http_server import server_config
from integrationsgraph.server.settings import Settings

READY_TIMEOUT_SECONDS = 30.0


def wait_until(ready: Callable[[], bool], what: str, timeout: float = READY_TIMEOUT_SECONDS) -> None:
    """Poll `ready` until it holds; fail naming `what` after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not ready():
        if time.monotonic() > deadline:
            pytest.fail(f"{what} not ready after {timeout} s")
        time.sleep(0.02)


@contextlib.contextmanager
def running_server(app: Starlette) -> Iterator[str]:
    """Serve `app` with uvicorn in a thread on a free loopback port; yields the base URL; always stops."""
    # The configuration `serve` uses (h11, timeouts, no uvicorn proxy headers), on a free loopback port.
    config = server_config(app, app.state.settings, host="127.0.0.1", port=0, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="uvicorn-under-test", daemon=True)
    thread.start()
    try:
        wait_until(lambda: server.started or not thread.is_alive(), "uvicorn")
        if not server.started:
            pytest.fail("uvicorn stopped before it was ready")
        port = server.servers[0].sockets[0].getsockname()[1]
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=READY_TIMEOUT_SECONDS)


def sample_store() -> ox.Store:
    """Two tiny named graphs: people (with a blank node and a language tag) and places."""
    store = ox.Store()
    store.load(
        input=b"""
        @prefix ex: <http://example.org/> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        ex:alice a ex:Person ; rdfs:label "Alice"@en ; ex:age 42 ; ex:knows ex:bob .
        ex:bob a ex:Person ; rdfs:label "Bob" ; ex:address [ ex:city "Berlin" ] .
        """,
        format=ox.RdfFormat.TURTLE,
        to_graph=ox.NamedNode("http://example.org/graph/people"),
    )
    store.load(
        input=b'<http://example.org/berlin> <http://www.w3.org/2000/01/rdf-schema#label> "Berlin"@de .\n',
        format=ox.RdfFormat.N_TRIPLES,
        to_graph=ox.NamedNode("http://example.org/graph/places"),
    )
    return store


@pytest.fixture
def sample_app() -> Starlette:
    """The app over `sample_store`, in process (use with starlette's TestClient)."""
    return create_app(Settings(), backend=EmbeddedBackend(sample_store()))


@pytest.fixture
def sample_server(sample_app: Starlette) -> Iterator[str]:
    """The base URL of a real server answering over `sample_store`."""
    with running_server(sample_app) as base_url:
        yield base_url


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def oxigraph_binary() -> str:
    """The `oxigraph` command of the test extras, next to this Python interpreter."""
    candidate = Path(sys.executable).parent / "oxigraph"
    found = str(candidate) if candidate.exists() else shutil.which("oxigraph")
    if found is None:
        pytest.fail("the oxigraph command (PyPI package oxigraph, in the test extras) is not installed")
    return found


@contextlib.contextmanager
def running_oxigraph(location: Path, *extra_args: str) -> Iterator[str]:
    """`oxigraph serve` on a free loopback port over the store at `location`; yields its base URL."""
    port = free_port()  # oxigraph has no port 0 report, so a port is picked just before it binds
    process = subprocess.Popen(
        [oxigraph_binary(), "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}", *extra_args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, "RUST_LOG": "warn"},
    )
    base_url = f"http://127.0.0.1:{port}"

    def ready() -> bool:
        if process.poll() is not None:
            return True
        try:
            return httpx.get(base_url + "/query?query=ASK%7B%7D", timeout=1.0).status_code == 200
        except httpx.TransportError:
            return False

    try:
        wait_until(ready, "oxigraph serve")
        if process.poll() is not None:
            pytest.fail(f"oxigraph serve exited: {process.stderr.read().decode(errors='replace')}")
        yield base_url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        process.stderr.close()


@pytest.fixture(scope="session")
def start_server() -> Callable[[Starlette], contextlib.AbstractContextManager[str]]:
    """`with start_server(app) as base_url:` runs `app` on a free loopback port (see `running_server`)."""
    return running_server


@pytest.fixture(scope="session")
def start_oxigraph() -> Callable[..., contextlib.AbstractContextManager[str]]:
    """`with start_oxigraph(location, *args) as base_url:` runs `oxigraph serve` (see `running_oxigraph`)."""
    return running_oxigraph


@pytest.fixture(scope="session")
def make_sample_store() -> Callable[[], ox.Store]:
    """`make_sample_store()` gives a fresh copy of the sample store (for module-scoped fixtures)."""
    return sample_store
