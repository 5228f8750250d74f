"""The query workers' sandbox: with the guard turned off, it alone stops the fetch a query asks for.

The bypass below once got past the guard (rdflib cannot read `LATERAL`, and the token scan that took
over read `\\#` as a comment); Oxigraph runs it. Each way of sending a query is tried against a listener
on a free loopback port, which must see no connection, while the client gets a clear 400.
"""

from __future__ import annotations

import asyncio
import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterator

import httpx
import pytest
from starlette.applications import Starlette

from integrationsgraph.server import serving
from integrationsgraph.server.app import create_app
from integrationsgraph.settings import Settings
from integrationsgraph.sparql import sandbox
from integrationsgraph.sparql.pool import StoreSource, WorkerPoolBackend

REFUSED_TITLE = "Federated query refused"
BYPASS = (
    "PREFIX ex: <http://e/> SELECT * WHERE { BIND(ex:a\\# AS ?x) LATERAL { SERVICE <{url}> { ?s ?p ?o } } }"
)
BYPASS_CONSTRUCT = (
    "PREFIX ex: <http://e/> CONSTRUCT { ?s ?p ?o } WHERE { BIND(ex:a\\# AS ?x) "
    "LATERAL { SERVICE <{url}> { ?s ?p ?o } } }"
)
WAYS = ("GET", "POST form", "POST direct", "export")
TURTLE = '@prefix ex: <http://example.org/> .\nex:a ex:p "one" .\n'

# Runs the rest of its command line with a seccomp filter that forbids installing another one: the
# situation of a container whose own profile does not allow seccomp, where the sandbox cannot be had.
NO_SECCOMP = """
import errno, os, sys
import pyseccomp
rules = pyseccomp.SyscallFilter(pyseccomp.ALLOW)
rules.add_rule(pyseccomp.ERRNO(errno.EPERM), "seccomp")
rules.add_rule(pyseccomp.ERRNO(errno.EPERM), "prctl", pyseccomp.Arg(0, pyseccomp.EQ, 22))  # PR_SET_SECCOMP
rules.load()
os.execv(sys.executable, [sys.executable, *sys.argv[1:]])
"""


def exfil_url(listener, host: str = "127.0.0.1") -> str:
    return f"http://{host}:{listener.port}/exfil"


def send(base_url: str, way: str, url: str) -> httpx.Response:
    """The bypass, aimed at `url`, sent one of the four ways a client can make the server run a query."""
    query = BYPASS.replace("{url}", url)
    if way == "GET":
        return httpx.get(base_url + "/sparql", params={"query": query}, timeout=30)
    if way == "POST form":
        return httpx.post(base_url + "/sparql", data={"query": query}, timeout=30)
    if way == "POST direct":
        headers = {"Content-Type": "application/sparql-query"}
        return httpx.post(base_url + "/sparql", content=query.encode(), headers=headers, timeout=30)
    construct = BYPASS_CONSTRUCT.replace("{url}", url)
    params = {"format": "graphml", "scope": "construct", "query": construct}
    return httpx.get(base_url + "/export", params=params, timeout=30)


def assert_refused(response: httpx.Response) -> dict:
    assert response.status_code == 400, response.text
    assert response.headers["content-type"].startswith("application/json")
    error = response.json()["error"]
    assert (error["status"], error["title"]) == (400, REFUSED_TITLE)
    return error


def pool_app(make_sample_store: Callable, *, sandbox_on: bool, guard_on: bool) -> Starlette:
    backend = WorkerPoolBackend.from_store(
        make_sample_store(), "sandbox test pool", workers=2, default_timeout=10.0,
        sandbox=sandbox_on, federation_guard=guard_on,
    )  # fmt: skip
    return create_app(Settings(), backend=backend)


@pytest.fixture(scope="module")
def unguarded(start_server, make_sample_store) -> Iterator[tuple[str, Starlette]]:
    """Sandboxed workers, the guard off: only the sandbox stands between a query and the network."""
    app = pool_app(make_sample_store, sandbox_on=True, guard_on=False)
    with start_server(app) as base_url:
        yield base_url, app


@pytest.fixture(scope="module")
def guarded(start_server, make_sample_store) -> Iterator[str]:
    """The server as `serve` runs it: sandboxed workers and the guard."""
    with start_server(pool_app(make_sample_store, sandbox_on=True, guard_on=True)) as base_url:
        yield base_url


def test_control_without_sandbox_or_guard_the_bypass_reaches_the_listener(
    start_server, make_sample_store, loopback_listener
) -> None:
    """So the tests below can fail: an unsandboxed, unguarded worker really connects."""
    app = pool_app(make_sample_store, sandbox_on=False, guard_on=False)
    with start_server(app) as base_url:
        send(base_url, "POST form", exfil_url(loopback_listener))
    assert loopback_listener.connections >= 1


def test_every_query_worker_runs_under_a_seccomp_filter(unguarded) -> None:
    _, app = unguarded
    pids = [worker.process.pid for worker in app.state.backend._live]
    assert len(pids) == 2
    assert [sandbox.seccomp_mode(pid) for pid in pids] == ["2", "2"]  # 2: a filter is installed


@pytest.mark.parametrize("way", WAYS)
def test_with_the_guard_off_the_sandbox_alone_stops_the_fetch(unguarded, loopback_listener, way) -> None:
    base_url, _ = unguarded
    error = assert_refused(send(base_url, way, exfil_url(loopback_listener)))
    assert "may not open network connections" in error["detail"]
    assert loopback_listener.connections == 0


def test_with_the_guard_off_a_name_to_look_up_is_stopped_too(unguarded, loopback_listener) -> None:
    base_url, _ = unguarded
    error = assert_refused(send(base_url, "POST form", exfil_url(loopback_listener, host="localhost")))
    assert "may not open network connections" in error["detail"]
    assert loopback_listener.connections == 0


def test_the_workers_still_answer_after_refusing(unguarded) -> None:
    base_url, _ = unguarded
    response = httpx.post(base_url + "/sparql", data={"query": "SELECT * WHERE { ?s ?p ?o }"}, timeout=30)
    assert response.status_code == 200
    assert len(response.json()["results"]["bindings"]) > 3


@pytest.mark.parametrize("way", WAYS)
def test_with_the_guard_on_the_bypass_is_refused_before_it_runs(guarded, loopback_listener, way) -> None:
    error = assert_refused(send(guarded, way, exfil_url(loopback_listener)))
    assert "cannot be checked for a SERVICE clause" in error["detail"]
    assert loopback_listener.connections == 0


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { \\u0053\\u0045\\u0052\\u0056\\u0049\\u0043\\u0045 <{url}> { ?s ?p ?o } }",
        "SELECT * WHERE { \\U00000053ERVICE <{url}> { ?s ?p ?o } }",
        "PREFIX ex: <http://e/> SELECT * WHERE { BIND(ex:a\\# AS ?x) LATERAL { \\u0053ERVICE <{url}> {} } }",
    ],
)
def test_escaped_service_keywords_are_refused(guarded, loopback_listener, query) -> None:
    response = httpx.post(
        guarded + "/sparql", data={"query": query.replace("{url}", exfil_url(loopback_listener))}, timeout=30
    )
    assert_refused(response)
    assert loopback_listener.connections == 0


@pytest.mark.parametrize("update", ["\\u004cOAD <{url}>", "\\U0000006coad <{url}> INTO GRAPH <http://e/g>"])
def test_escaped_load_keywords_are_refused(guarded, loopback_listener, update) -> None:
    response = httpx.post(
        guarded + "/sparql",
        content=update.replace("{url}", exfil_url(loopback_listener)).encode(),
        headers={"Content-Type": "application/sparql-update"},
        timeout=30,
    )
    error = assert_refused(response)
    assert "LOAD" in error["detail"]
    assert loopback_listener.connections == 0


def test_a_bad_escape_in_a_query_that_mentions_service_is_a_400(guarded) -> None:
    query = "SELECT * WHERE { ?s ?p ?o } # service \\U00110000"
    response = httpx.get(guarded + "/sparql", params={"query": query}, timeout=30)
    error = assert_refused(response)
    assert "not a character" in error["detail"]


def test_the_sandbox_check_command_reports_it_installed() -> None:
    checked = subprocess.run(
        [sys.executable, "-m", "integrationsgraph.sparql.sandbox"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stderr
    assert "sandbox installed: socket() refused" in checked.stdout


def test_serve_refuses_to_start_when_the_sandbox_cannot_be_installed(tmp_path) -> None:
    data = tmp_path / "a.ttl"
    data.write_text(TURTLE)
    command = ["-m", "integrationsgraph", "serve", "--data", str(data), "--port", "0"]
    started = subprocess.run(
        [sys.executable, "-c", NO_SECCOMP, *command], capture_output=True, text=True, timeout=120, check=False
    )
    assert started.returncode == 2, started.stderr
    assert "query workers cannot be sandboxed" in started.stderr
    assert "--worker-sandbox off" in started.stderr
    assert "running on" not in started.stderr


def test_a_pool_whose_workers_cannot_be_sandboxed_does_not_start(tmp_path) -> None:
    """Without serve's check (an app made in code), each worker refuses to run unsandboxed."""
    dump = tmp_path / "data.nq"
    dump.write_text("<http://e/s> <http://e/p> <http://e/o> .\n")
    script = (
        "import asyncio, sys\n"
        "from pathlib import Path\n"
        "from integrationsgraph.sparql.pool import StoreSource, WorkerPoolBackend\n"
        "pool = WorkerPoolBackend(StoreSource('nquads', Path(sys.argv[1])), 'test', workers=1)\n"
        "try:\n"
        "    asyncio.run(pool.start())\n"
        "except Exception as error:\n"
        "    print(type(error).__name__, error)\n"
        "    sys.exit(3)\n"
    )
    started = subprocess.run(
        [sys.executable, "-c", NO_SECCOMP, "-c", script, str(dump)],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert started.returncode == 3, started.stdout + started.stderr
    assert "InputError a query worker did not start" in started.stdout
    assert "the kernel refused the seccomp filter" in started.stdout


def test_with_worker_sandbox_off_serve_starts_unsandboxed_and_says_so(tmp_path) -> None:
    data = tmp_path / "a.ttl"
    data.write_text(TURTLE)
    command = [
        "-m",
        "integrationsgraph",
        "serve",
        "--data",
        str(data),
        "--port",
        "0",
        "--worker-sandbox",
        "off",
    ]
    process = subprocess.Popen(
        [sys.executable, "-c", NO_SECCOMP, *command],
        stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )  # fmt: skip
    try:
        seen, base_url = [], None
        for line in process.stderr:  # uvicorn reports the port it bound once it is ready
            seen.append(line)
            found = re.search(r"running on (http://127\.0\.0\.1:\d+)", line)
            if found:
                base_url = found.group(1)
                break
        assert base_url, "".join(seen)
        assert any("worker_sandbox is off" in line for line in seen)
        response = httpx.get(base_url + "/sparql", params={"query": "SELECT ?o { ?s ?p ?o }"}, timeout=30)
        assert response.json()["results"]["bindings"][0]["o"]["value"] == "one"
    finally:
        process.terminate()
        process.wait(timeout=30)
        process.stderr.close()


def test_a_socket_refusal_is_recognised_as_one() -> None:
    assert sandbox.is_network_refusal(PermissionError("Permission denied (os error 13)"))
    assert sandbox.is_network_refusal(OSError(f"{sandbox.NAME_LOOKUP_FAILURE}: Temporary failure"))
    assert not sandbox.is_network_refusal(OSError("IO error: No space left on device"))
    assert not sandbox.is_network_refusal(ValueError("Permission denied"))


def test_a_sandboxed_worker_opens_its_store_and_answers(tmp_path) -> None:
    """The store is opened before the filter is installed; queries are answered after it."""
    dump = tmp_path / "data.nq"
    dump.write_text("<http://e/s> <http://e/p> <http://e/o> .\n")

    async def scenario() -> str:
        pool = WorkerPoolBackend(StoreSource("nquads", dump), "test", workers=1)
        try:
            return (await pool.query("SELECT ?o WHERE { ?s ?p ?o }")).rows()[0]["o"].value
        finally:
            await pool.close()

    assert asyncio.run(scenario()) == "http://e/o"


@pytest.mark.parametrize(("setting", "sandboxed"), [("on", True), ("off", False)])
def test_serve_evaluates_in_pools_sandboxed_as_the_setting_says(tmp_path, setting, sandboxed) -> None:
    """Every query of a served build or of --data files runs in the pool (pages and exports included)."""
    data = tmp_path / "a.ttl"
    data.write_text(TURTLE)
    backend = serving.open_backend(Settings(data=(data,), worker_sandbox=setting))
    assert isinstance(backend, WorkerPoolBackend)
    assert (backend.sandbox, backend.federation_guard) == (sandboxed, True)
