"""The endpoint under a hostile mix: most clients send named queries, a tenth send cross products.

    python -m bench.endpoint.load [--clients 64] [--duration 60] [--expensive-share 0.1] [--rate 2]
                                  [--data FILE.nq] [--serve-flags '...'] [--out FILE.json]

Starts our server (`integrationsgraph serve` with its default limits) on the current build, or on
`--data` N-Quads, and runs `--clients` clients against it for `--duration` seconds, each from its own
loopback address (127.0.1.x: the server tells clients apart by address). Cheap clients send the varied
named-query mix (no two texts alike, so no cache answers) at `--rate` requests per second each, waiting
for each answer; expensive clients send cross products back to back: a COUNT that runs to the deadline,
a ten-pattern SELECT * that the byte limit cuts, an ORDER BY that meets the memory limit.

Reported: latency percentiles of the cheap queries (all of them, and those sent after `--warm-up`
seconds: at a cold start no client has a history yet, and each expensive client's first query may hold
the cheap lane for `cheap_query_seconds`), status counts per kind of client (and whether every 503 had
Retry-After), and the peak resident memory of the server's process tree (sampled every 0.2 s) against
`--memory-bound-mib`. The JSON output also has each second's requests, p99 and maximum (`by_second`).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import pyoxigraph as ox

from bench.endpoint import mixes, run, servers

EXPENSIVE = (
    "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }",
    "SELECT*{?a ?b ?c.?d ?e ?f.?g ?h ?i.?j ?k ?l.?m ?n ?o.?p ?q ?r.?s ?t ?u.?v ?w ?x.?y ?z ?A.?B ?C ?D}",
    "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?c ?f ?i",
)
REQUEST_SECONDS = 120  # a client gives up on one answer after this (the server's deadline is 10 s)
DEFAULT_MEMORY_BOUND_MIB = 2048


@dataclass
class Tally:
    """What one kind of client saw."""

    latencies: list[float] = field(default_factory=list)
    sent_at: list[float] = field(default_factory=list)  # seconds after the load began, per latency
    statuses: Counter = field(default_factory=Counter)
    busy_without_retry_after: int = 0
    began: float = field(default_factory=time.perf_counter)


class Connection:
    """One keep-alive HTTP/1.1 connection from a fixed local address (reopened when the server closes it)."""

    def __init__(self, host: str, port: int, local_address: str):
        self.host, self.port, self.local_address = host, port, local_address
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, path: str) -> tuple[int, dict[str, str]]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(
                self.host, self.port, local_addr=(self.local_address, 0)
            )
        request = f"GET {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n"
        self.writer.write((request + "Accept: application/sparql-results+json\r\n\r\n").encode())
        head = (await self.reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
        status = int(head[0].split()[1])
        headers = {
            name.lower(): value.strip() for name, _, value in (line.partition(":") for line in head[1:])
        }
        await self.reader.readexactly(int(headers.get("content-length", "0")))
        if headers.get("connection", "").lower() == "close":
            await self.close()
        return status, headers

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            self.writer = None


def local_address(number: int) -> str:
    return f"127.0.{1 + number // 250}.{2 + number % 250}"


async def client(
    base: tuple[str, int], number: int, paths: list[str], *, rate: float | None, until: float, tally: Tally
) -> None:
    connection = Connection(*base, local_address(number))
    next_send = time.monotonic() + random.Random(number).random() / (rate or 1)  # spread the starts
    index = number
    try:
        while time.monotonic() < until:
            if rate:
                await asyncio.sleep(max(0.0, next_send - time.monotonic()))
                next_send += 1 / rate
            index += 1
            started = time.perf_counter()
            try:
                status, headers = await asyncio.wait_for(
                    connection.get(paths[index % len(paths)]), REQUEST_SECONDS
                )
            except (OSError, asyncio.IncompleteReadError, TimeoutError) as error:
                tally.statuses[type(error).__name__] += 1
                await connection.close()
                continue
            tally.latencies.append(time.perf_counter() - started)
            tally.sent_at.append(started - tally.began)
            tally.statuses[status] += 1
            if status == 503 and "retry-after" not in headers:
                tally.busy_without_retry_after += 1
    finally:
        await connection.close()


class MemorySampler:
    """Samples the resident memory of a process tree every `interval` seconds in a thread; keeps the peak."""

    def __init__(self, pid: int, interval: float = 0.2):
        self.pid, self.interval = pid, interval
        self.peak_mib = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, name="memory-sampler", daemon=True)

    def _sample(self) -> None:
        while not self._stop.is_set():
            self.peak_mib = max(self.peak_mib, servers.tree_rss_mib(self.pid))
            self._stop.wait(self.interval)

    def __enter__(self) -> MemorySampler:
        self._thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._stop.set()
        self._thread.join()


def percentile(ordered: list[float], share: float) -> float | None:
    if not ordered:
        return None
    return round(ordered[min(len(ordered) - 1, int(len(ordered) * share))] * 1000, 1)


def by_second(tally: Tally) -> list[dict]:
    """Per second of the run (by when each request was sent): requests, p99 and maximum latency."""
    seconds: dict[int, list[float]] = {}
    for at, latency in zip(tally.sent_at, tally.latencies, strict=True):
        seconds.setdefault(int(at), []).append(latency)
    return [
        {"second": second, "requests": len(latencies), "p99_ms": percentile(sorted(latencies), 0.99),
         "max_ms": percentile(sorted(latencies), 1.0)}
        for second, latencies in sorted(seconds.items())
    ]  # fmt: skip


def summary(tally: Tally, clients: int, warm_up: float) -> dict:
    ordered = sorted(tally.latencies)
    warm = sorted(
        latency for at, latency in zip(tally.sent_at, tally.latencies, strict=True) if at >= warm_up
    )
    return {
        "clients": clients,
        "requests": len(ordered),
        "p50_ms": percentile(ordered, 0.50),
        "p99_ms": percentile(ordered, 0.99),
        "p99_after_warm_up_ms": percentile(warm, 0.99),
        "max_ms": percentile(ordered, 1.0),
        "mean_ms": round(statistics.fmean(ordered) * 1000, 1) if ordered else None,
        "statuses": {str(key): value for key, value in sorted(tally.statuses.items(), key=str)},
        "503_without_retry_after": tally.busy_without_retry_after,
        "by_second": by_second(tally),
    }


async def load(base_url: str, arguments: argparse.Namespace, cheap_paths: list[str]) -> tuple[Tally, Tally]:
    host, port = base_url.removeprefix("http://").split(":")
    expensive_count = round(arguments.clients * arguments.expensive_share)
    # A unique comment per request: no expensive answer comes from the cache either.
    texts = (f"{EXPENSIVE[number % len(EXPENSIVE)]} # {number}" for number in range(10_000))
    expensive_paths = [f"/sparql?query={quote(text, safe='')}" for text in texts]
    cheap, expensive = Tally(), Tally()
    until = time.monotonic() + arguments.duration
    tasks = [
        client((host, int(port)), number, expensive_paths, rate=None, until=until, tally=expensive)
        if number < expensive_count
        else client((host, int(port)), number, cheap_paths, rate=arguments.rate, until=until, tally=cheap)
        for number in range(arguments.clients)
    ]
    await asyncio.gather(*tasks)
    return cheap, expensive


def mix_store(dataset: run.Dataset) -> ox.Store:
    store = ox.Store()
    if dataset.build_dir is not None:
        store.bulk_extend(ox.Store.read_only(str(dataset.store)))
    else:
        store.bulk_load(path=str(dataset.nquads), format=ox.RdfFormat.N_QUADS)
    return store


def measure(arguments: argparse.Namespace) -> dict:
    if arguments.data is not None:
        dataset = run.Dataset(arguments.data.stem, arguments.data, arguments.data, None)
    else:
        dataset = run.curated()
    store = mix_store(dataset)
    cheap_paths = mixes.request_paths("/sparql", mixes.varied_mix(store, arguments.mix_size))
    del store
    run.OUT.mkdir(parents=True, exist_ok=True)  # the server's log goes there
    flags = tuple(arguments.serve_flags.split())
    with servers.ours(dataset, servers.free_port(), flags) as running, MemorySampler(running.pid) as sampler:
        resting_mib = servers.tree_rss_mib(running.pid)
        cheap, expensive = asyncio.run(load(running.base_url, arguments, cheap_paths))
    expensive_clients = round(arguments.clients * arguments.expensive_share)
    return {
        "dataset": dataset.name,
        "duration_s": arguments.duration,
        "rate_per_cheap_client": arguments.rate,
        "serve_flags": arguments.serve_flags,
        "warm_up_s": arguments.warm_up,
        "cheap": summary(cheap, arguments.clients - expensive_clients, arguments.warm_up),
        "expensive": summary(expensive, expensive_clients, arguments.warm_up),
        "memory": {
            "resting_mib": resting_mib,
            "peak_mib": sampler.peak_mib,
            "bound_mib": arguments.memory_bound_mib,
            "within_bound": sampler.peak_mib <= arguments.memory_bound_mib,
        },
    }


def markdown(result: dict) -> str:
    lines = [
        f"| clients | requests | p50 ms | p99 ms | p99 ms after {result['warm_up_s']:g} s | max ms "
        "| statuses | 503 without Retry-After |",
        "|---|---:|---:|---:|---:|---:|---|---:|",
    ]
    for kind in ("cheap", "expensive"):
        row = result[kind]
        statuses = ", ".join(f"{status}: {count}" for status, count in row["statuses"].items())
        lines.append(
            f"| {row['clients']} {kind} | {row['requests']} | {row['p50_ms']} | {row['p99_ms']} | "
            f"{row['p99_after_warm_up_ms']} | {row['max_ms']} | {statuses} | "
            f"{row['503_without_retry_after']} |"
        )
    memory = result["memory"]
    lines.append("")
    lines.append(
        f"Server memory (all processes): {memory['resting_mib']} MiB at rest, peak {memory['peak_mib']} MiB; "
        f"bound {memory['bound_mib']} MiB: {'within' if memory['within_bound'] else 'OVER'}."
    )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.endpoint.load", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--clients", type=int, default=64)
    parser.add_argument("--duration", type=float, default=60.0, help="seconds (default 60)")
    parser.add_argument("--expensive-share", type=float, default=0.1, help="share of cross-product clients")
    parser.add_argument("--rate", type=float, default=1.0, help="requests per second per cheap client")
    parser.add_argument(
        "--warm-up", type=float, default=10.0, help="seconds left out of the second p99 (default 10)"
    )
    parser.add_argument("--data", type=Path, help="N-Quads to serve instead of the current build")
    parser.add_argument(
        "--mix-size", type=int, default=5000, help="distinct named-query texts (default 5000)"
    )
    parser.add_argument("--memory-bound-mib", type=float, default=DEFAULT_MEMORY_BOUND_MIB)
    parser.add_argument("--serve-flags", default="", help="more flags for `integrationsgraph serve`, quoted")
    parser.add_argument("--out", type=Path, default=run.OUT / "load.json")
    arguments = parser.parse_args(argv)
    result = measure(arguments)
    arguments.out.parent.mkdir(parents=True, exist_ok=True)
    arguments.out.write_text(json.dumps(result, indent=2) + "\n")
    print(markdown(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
