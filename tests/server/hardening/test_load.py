"""Load: 64 concurrent clients for 60 s on loopback; no errors but deliberate 503s; memory stays flat."""

from __future__ import annotations

import asyncio
import os
import random
import time
from collections import Counter

import httpx
import pytest

CLIENTS = 64
DURATION_SECONDS = 60.0
WARM_UP_SECONDS = 10.0
KNOWS = "<http://example.org/knows>"
LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"


def rss_bytes(pid: int) -> int:
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    return 0


def server_memory(pool) -> int:
    """Resident memory of this process (the server's thread lives here) and of the query workers."""
    return rss_bytes(os.getpid()) + sum(rss_bytes(worker.process.pid) for worker in list(pool._live))


def a_query(rng: random.Random) -> str:
    """A mix like the named queries': look-ups with varied parameters, repeated ones, aggregations."""
    person = f"<http://example.org/person/{rng.randrange(3000)}>"
    return rng.choice([
        f"SELECT ?label WHERE {{ {person} {LABEL} ?label }}",
        f"SELECT ?friend ?label WHERE {{ {person} {KNOWS} ?friend . ?friend {LABEL} ?label }}",
        f"ASK {{ {person} {KNOWS}/{KNOWS} ?x }}",
        f"CONSTRUCT {{ {person} ?p ?o }} WHERE {{ {person} ?p ?o }}",
        "SELECT (COUNT(*) AS ?people) WHERE { ?person " + KNOWS + " ?other }",
        f'SELECT ?person WHERE {{ ?person {LABEL} ?label FILTER(STRSTARTS(?label, "Person 1")) }} LIMIT 20',
    ])  # fmt: skip


async def client(base_url: str, seed: int, until: float, statuses: Counter) -> None:
    rng = random.Random(seed)
    async with httpx.AsyncClient(base_url=base_url, timeout=30) as http:
        while time.monotonic() < until:
            try:
                response = await http.get("/sparql", params={"query": a_query(rng)})
                statuses[response.status_code] += 1
            except httpx.TransportError as error:
                statuses[type(error).__name__] += 1


async def run_load(base_url: str, pool) -> tuple[Counter, int, int]:
    statuses: Counter = Counter()
    started = time.monotonic()
    until = started + DURATION_SECONDS
    clients = (client(base_url, seed, until, statuses) for seed in range(CLIENTS))
    task = asyncio.ensure_future(asyncio.gather(*clients))
    await asyncio.sleep(WARM_UP_SECONDS)
    warm = server_memory(pool)
    await task
    return statuses, warm, server_memory(pool)


@pytest.mark.slow
def test_64_clients_for_60_seconds(start_server, make_pool_app, make_chain_store) -> None:
    app = make_pool_app(make_chain_store(), query_timeout=10.0)
    with start_server(app) as base_url:
        statuses, warm, end = asyncio.run(run_load(base_url, app.state.backend))
    answered = statuses[200]
    assert set(statuses) <= {200, 503}, statuses
    assert answered > 1000, statuses  # it did serve under load
    # Stable memory: growth after warm-up bounded (the response cache alone may hold 64 MiB).
    assert end - warm < 96 * 1024 * 1024, (warm, end)
