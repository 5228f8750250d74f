"""Other SPARQL engines as real peers: `oxigraph serve` and Virtuoso Open Source 7, on free loopback ports.

`running_oxigraph(location)` and `running_virtuoso(directory)` start one, wait until it answers a query,
yield its base URL and always stop it. A missing Virtuoso (`virtuoso-t`, Debian virtuoso-opensource, installed
by scripts/install-test-prerequisites.sh) fails the test in CI (CI=true) and skips it elsewhere.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

READY_TIMEOUT_SECONDS = 120.0  # Virtuoso starts in seconds when idle, but took over 30 s on a loaded machine
STOP_TIMEOUT_SECONDS = 30.0
# A fresh Virtuoso database's administrator; its Graph Store with login is /sparql-graph-crud-auth.
VIRTUOSO_USER = VIRTUOSO_PASSWORD = "dba"
# Virtuoso's row cap sits above the endpoint's max_result_rows (100000), so the endpoint does the cutting.
VIRTUOSO_INI = """\
[Database]
DatabaseFile = {db}/virtuoso.db
ErrorLogFile = {db}/virtuoso.log
LockFile = {db}/virtuoso.lck
TransactionFile = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
DirsAllowed = {db}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {db}
ServerThreads = 8

[SPARQL]
ResultSetMaxRows = {max_rows}
MaxQueryExecutionTime = 120
"""


def wait_until(ready: Callable[[], bool], what: str, timeout: float = READY_TIMEOUT_SECONDS) -> None:
    """Poll `ready` until it holds; fail naming `what` after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not ready():
        if time.monotonic() > deadline:
            pytest.fail(f"{what} not ready after {timeout} s")
        time.sleep(0.02)


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


def virtuoso_binary() -> str:
    found = shutil.which("virtuoso-t")
    if found is None:
        reason = (
            "virtuoso-t is missing: scripts/install-test-prerequisites.sh installs it (virtuoso-opensource)"
        )
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    return found


@contextlib.contextmanager
def _running(command: list[str], ready_url: str, what: str, log: Path, **popen) -> Iterator[None]:
    """Run `command` until the block ends; ready when `ready_url` answers 200. Its output goes to `log`."""
    with log.open("wb") as output:
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, **popen)

    def ready() -> bool:
        if process.poll() is not None:
            return True
        try:
            return httpx.get(ready_url, timeout=1.0).status_code == 200
        except httpx.TransportError:
            return False

    try:
        wait_until(ready, what)
        if process.poll() is not None:
            pytest.fail(f"{what} exited with {process.returncode}: {log.read_text(errors='replace')[-2000:]}")
        yield
    finally:
        process.terminate()
        try:
            process.wait(timeout=STOP_TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextlib.contextmanager
def running_oxigraph(location: Path, *extra_args: str) -> Iterator[str]:
    """`oxigraph serve` on a free loopback port over the store at `location`; yields its base URL."""
    port = free_port()  # oxigraph has no port 0 report, so a port is picked just before it binds
    base_url = f"http://127.0.0.1:{port}"
    command = [
        oxigraph_binary(),
        "serve",
        "--location",
        str(location),
        "--bind",
        f"127.0.0.1:{port}",
        *extra_args,
    ]
    log = Path(f"{location}.log")
    with _running(
        command,
        base_url + "/query?query=ASK%7B%7D",
        "oxigraph serve",
        log,
        env={**os.environ, "RUST_LOG": "warn"},
    ):
        yield base_url


@contextlib.contextmanager
def running_virtuoso(directory: Path, max_rows: int = 1_000_000) -> Iterator[str]:
    """Virtuoso (`virtuoso-t +foreground`) with a new database in `directory`, its SQL and HTTP servers on
    free loopback ports, answering at most `max_rows` rows; yields the HTTP base URL (`/sparql`,
    `/sparql-graph-crud-auth`)."""
    binary = virtuoso_binary()
    directory.mkdir(parents=True, exist_ok=True)
    http_port, sql_port = free_port(), free_port()
    config = directory / "virtuoso.ini"
    settings = {"db": directory, "sql_port": sql_port, "http_port": http_port, "max_rows": max_rows}
    config.write_text(VIRTUOSO_INI.format(**settings))
    base_url = f"http://127.0.0.1:{http_port}"
    command = [binary, "+foreground", "+configfile", str(config)]
    with _running(
        command, base_url + "/sparql?query=ASK%7B%7D", "virtuoso", directory / "output.log", cwd=directory
    ):
        yield base_url
