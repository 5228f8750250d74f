"""Fixtures for the endpoint tests: a real uvicorn server on a free loopback port, and `oxigraph serve`."""

from __future__ import annotations

import contextlib
import os
import re
import subprocess
import threading
from collections.abc import Callable, Iterator

import pyoxigraph as ox
import pytest
import uvicorn
from starlette.applications import Starlette

from integrationsgraph.server.app import create_app
from integrationsgraph.server.http.http_server import server_config
from integrationsgraph.settings import Settings
from integrationsgraph.sparql.backends import EmbeddedBackend
from tests.remote_stores import READY_TIMEOUT_SECONDS, running_oxigraph, wait_until


@contextlib.contextmanager
def running_server(app: Starlette) -> Iterator[str]:
    """Serve `app` with uvicorn in a thread on a free loopback port; yields the base URL; always stops."""
    # The configuration `serve` uses (h11, timeouts, no uvicorn proxy headers), on a free loopback port.
    # An app without settings (the curators' review page) runs with the defaults.
    settings = getattr(app.state, "settings", None) or Settings()
    config = server_config(app, settings, host="127.0.0.1", port=0, log_level="warning")
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


@contextlib.contextmanager
def serving_process(command: list[str]) -> Iterator[str]:
    """Run a serving command with `--port 0` as a real process; yields its base URL; always stops it."""
    process = subprocess.Popen(
        [*command, "--port", "0"],
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    # its log read on once it is ready, so that a full pipe never stops the server mid-answer (a
    # crawl's thousands of requests log more than the pipe holds)
    reader = threading.Thread(target=process.stderr.read, name="serving-log", daemon=True)
    try:
        base_url = None
        for line in process.stderr:  # uvicorn reports the port it bound once it is ready
            found = re.search(r"running on (http://127\.0\.0\.1:\d+)", line)
            if found:
                base_url = found.group(1)
                break
        assert base_url, f"{' '.join(command)} exited before it was ready"
        reader.start()
        yield base_url
    finally:
        process.terminate()
        process.wait(timeout=30)
        if reader.is_alive():
            reader.join(timeout=30)  # the pipe ends with the process
        process.stderr.close()


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


@pytest.fixture(scope="session")
def start_server() -> Callable[[Starlette], contextlib.AbstractContextManager[str]]:
    """`with start_server(app) as base_url:` runs `app` on a free loopback port (see `running_server`)."""
    return running_server


@pytest.fixture(scope="module")
def real_server(
    built_release, start_server: Callable[[Starlette], contextlib.AbstractContextManager[str]]
) -> Iterator[str]:
    """The real app over the session's build of the real data, served on a free loopback port."""
    build_dir = built_release.release_dir.parent.parent
    with start_server(create_app(Settings(build_dir=build_dir))) as base_url:
        yield base_url


@pytest.fixture(scope="session")
def start_oxigraph() -> Callable[..., contextlib.AbstractContextManager[str]]:
    """`with start_oxigraph(location, *args) as base_url:` runs `oxigraph serve` (see `running_oxigraph`)."""
    return running_oxigraph


@pytest.fixture(scope="session")
def make_sample_store() -> Callable[[], ox.Store]:
    """`make_sample_store()` gives a fresh copy of the sample store (for module-scoped fixtures)."""
    return sample_store
