"""Starting the three servers on free loopback ports, and measuring their memory."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
RDFLIB_ENDPOINT_VENV = ROOT / "bench" / "out" / "endpoint" / "rdflib-endpoint-venv"
RDFLIB_ENDPOINT_PIN = "rdflib-endpoint==0.6.3"


@dataclass(frozen=True)
class Running:
    name: str
    base_url: str
    query_path: str
    pid: int


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        found += [int(child) for child in task.read_text().split()]
    return found


def tree_rss_mib(pid: int) -> float:
    """Resident memory of a process and all its descendants (the query workers), in MiB."""
    total, pending = 0, [pid]
    while pending:
        current = pending.pop()
        with contextlib.suppress(OSError):
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
            pending += _children(current)
    return round(total / 1024, 1)


def ensure_rdflib_endpoint() -> Path:
    """rdflib-endpoint in its own virtualenv, so its pins never touch the project's."""
    command = RDFLIB_ENDPOINT_VENV / "bin" / "rdflib-endpoint"
    if not command.exists():
        subprocess.run([sys.executable, "-m", "venv", str(RDFLIB_ENDPOINT_VENV)], check=True)
        pip = RDFLIB_ENDPOINT_VENV / "bin" / "pip"
        subprocess.run([str(pip), "install", "-q", RDFLIB_ENDPOINT_PIN, "uvicorn"], check=True)
    return command


@contextlib.contextmanager
def running(
    name: str, command: list[str], query_path: str, port: int, ready_seconds: float
) -> Iterator[Running]:
    log = open(ROOT / "bench" / "out" / "endpoint" / f"{name}.log", "wb")  # noqa: SIM115
    environment = {**os.environ, "RUST_LOG": "warn"}
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=environment)
    base_url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + ready_seconds
        while True:
            if process.poll() is not None:
                log_name = f"bench/out/endpoint/{name}.log"
                raise RuntimeError(f"{name} exited with {process.returncode}; see {log_name}")
            with contextlib.suppress(httpx.TransportError):
                probe = httpx.get(f"{base_url}{query_path}", params={"query": "ASK {}"}, timeout=5)
                if probe.status_code == 200:
                    break
            if time.monotonic() > deadline:
                raise RuntimeError(f"{name} not ready after {ready_seconds} s")
            time.sleep(0.2)
        yield Running(name, base_url, query_path, process.pid)
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def _serve_command(port: int) -> list[str]:
    return [str(BIN / "integrationsgraph"), "serve", "--port", str(port), "--log-level", "warning",
            "--reload-interval", "0"]  # fmt: skip


def ours(dataset, port: int, extra_flags: tuple[str, ...] = ()):
    """Our server with its defaults (or `extra_flags`): each worker process holds a copy of the graph."""
    command = [*_serve_command(port), *extra_flags]
    if dataset.build_dir is not None:
        command += ["--no-build", "--build-dir", str(dataset.build_dir)]
    else:
        command += ["--data", str(dataset.nquads)]
    return running("integrationsgraph", command, "/sparql", port, 900)


def ours_on_disk(dataset, port: int):
    """Our server with `--worker-store disk`: the workers read the store in place, as oxigraph does."""
    build_dir = dataset.build_dir or _stand_in_build(dataset)
    command = [*_serve_command(port), "--no-build", "--build-dir", str(build_dir), "--worker-store", "disk"]
    return running("integrationsgraph-disk", command, "/sparql", port, 900)


def _stand_in_build(dataset) -> Path:
    """A build directory whose current release is the dataset's store (data that was never built)."""
    release = ROOT / "bench" / "out" / "endpoint" / f"{dataset.name}-build" / "releases" / dataset.name
    release.mkdir(parents=True, exist_ok=True)
    if not (release / "store").exists():
        (release / "store").symlink_to(dataset.store.resolve(), target_is_directory=True)
    current = release.parent.parent / "current"
    if not current.exists():
        current.symlink_to(release, target_is_directory=True)
    return release.parent.parent


def oxigraph(dataset, port: int):
    command = [str(BIN / "oxigraph"), "serve-read-only", "--location", str(dataset.store),
               "--bind", f"127.0.0.1:{port}", "--union-default-graph"]  # fmt: skip
    return running("oxigraph", command, "/query", port, 300)


def rdflib_endpoint(dataset, port: int):
    command = [str(ensure_rdflib_endpoint()), "serve", str(dataset.nquads), "--host", "127.0.0.1",
               "--port", str(port)]  # fmt: skip
    return running("rdflib-endpoint", command, "/", port, 1800)


SERVERS = {
    "integrationsgraph": ours, "integrationsgraph-disk": ours_on_disk, "oxigraph": oxigraph,
    "rdflib-endpoint": rdflib_endpoint,
}  # fmt: skip
