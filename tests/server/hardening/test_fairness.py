"""Fairness: a per-client limit, a cheap lane expensive clients cannot hold, a floor on `timeout=`.

Clients are told apart by address: the victim connects from 127.0.0.1, the greedy client from
127.0.0.2 (all of 127.0.0.0/8 is loopback on Linux).
"""

from __future__ import annotations

import asyncio
import contextlib

import httpx
import pytest

from integrationsgraph.sparql.fairness import MAX_STANDINGS, Standing
from tests.server.hardening.metrics_reading import metric

CROSS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
# As expensive, but its patterns share ?p: not judged from its text (query_cost.py), so a newcomer's
# query takes the cheap lane and is moved off it by its running time alone.
CROSS_PER_PREDICATE = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?c . ?d ?p ?f . ?g ?p ?i . ?j ?p ?l }"
GREEDY_ADDRESS = "127.0.0.2"


def client(base_url: str, address: str = "127.0.0.1") -> httpx.AsyncClient:
    transport = httpx.AsyncHTTPTransport(local_address=address)
    return httpx.AsyncClient(base_url=base_url, transport=transport, timeout=120)


async def ask(http: httpx.AsyncClient, text: str, **parameters: str) -> httpx.Response:
    return await http.post("/sparql", data={"query": text, **parameters})


async def until(condition) -> None:
    while not condition():
        await asyncio.sleep(0.01)


async def until_busy(pool, count: int) -> None:
    """Wait until `count` workers are evaluating (the greedy queries have reached the pool)."""
    await until(lambda: len(pool._busy) >= count)


async def stop(tasks: list[asyncio.Task]) -> None:
    """Cancel the greedy requests: the clients disconnect and the server stops their queries."""
    for task in tasks:
        task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await asyncio.gather(*tasks, return_exceptions=True)


@pytest.mark.parametrize("cheap_lane_workers", [1, 0])
def test_two_expensive_queries_do_not_make_a_cheap_one_wait(
    start_server, make_pool_app, make_chain_store, cheap_lane_workers
) -> None:
    """With the cheap lane, the victim is answered while both greedy queries run; without it, it waits."""
    app = make_pool_app(
        make_chain_store(), query_workers=2, cheap_lane_workers=cheap_lane_workers, query_timeout=120.0,
        cheap_query_seconds=0.3, min_query_timeout=0.1,
    )  # fmt: skip
    pool = app.state.backend

    async def scenario() -> tuple[list[int], list[bool], bool]:
        async with client(base_url, GREEDY_ADDRESS) as greedy, client(base_url) as victim:
            attacks = [asyncio.ensure_future(ask(greedy, f"{CROSS_PER_PREDICATE} # {n}")) for n in range(2)]
            if cheap_lane_workers:
                # The second took the cheap lane, outgrew it and was stopped; its worker has been replaced.
                await until(lambda: not pool.standing.is_cheap(GREEDY_ADDRESS) and pool._idle)
            else:
                await until_busy(pool, 2)
            statuses, still_running = [], []
            for number in range(5):
                # A deadline of 1 s: without a free worker the answer is a 503 after it.
                response = await ask(victim, f"ASK {{ ?s ?p ?o }} # victim {number}", timeout="1")
                statuses.append(response.status_code)
                still_running.append(not any(attack.done() for attack in attacks))
            greedy_is_cheap = pool.standing.is_cheap(GREEDY_ADDRESS)
            await stop(attacks)
            return statuses, still_running, greedy_is_cheap

    with start_server(app) as base_url:
        statuses, still_running, greedy_is_cheap = asyncio.run(scenario())
    assert all(still_running)  # every victim answer came while both greedy queries were in the server
    if cheap_lane_workers:
        assert statuses == [200] * 5
        assert not greedy_is_cheap  # its query outgrew the cheap lane: it lost its standing
    else:
        assert 503 in statuses  # the control: both workers taken, the victim waits its whole deadline


def test_one_client_runs_at_most_max_client_queries_at_once(
    start_server, make_pool_app, make_chain_store
) -> None:
    app = make_pool_app(
        make_chain_store(), query_workers=2, cheap_lane_workers=0, max_client_queries=1, query_timeout=120.0,
        min_query_timeout=0.1,
    )  # fmt: skip
    pool = app.state.backend

    async def scenario() -> tuple[httpx.Response, httpx.Response, bool]:
        async with client(base_url, GREEDY_ADDRESS) as greedy, client(base_url) as other:
            attack = asyncio.ensure_future(ask(greedy, CROSS))
            await until_busy(pool, 1)
            second = await ask(greedy, "ASK { ?s ?p ?o } # greedy", timeout="0.5")
            others = await ask(other, "ASK { ?s ?p ?o } # other", timeout="0.5")
            running = not attack.done()
            await stop([attack])
            return second, others, running

    with start_server(app) as base_url:
        second, others, running = asyncio.run(scenario())
    assert running
    assert second.status_code == 503  # one worker was free, but not for this client's second query
    assert int(second.headers["Retry-After"]) >= 1
    assert "at most 1 run at once per client" in second.json()["error"]["detail"]
    assert others.status_code == 200  # another client got the free worker


def test_a_tiny_timeout_is_raised_to_the_floor_and_kills_no_worker(
    start_server, make_pool_app, make_chain_store
) -> None:
    app = make_pool_app(make_chain_store(), query_workers=1, query_timeout=30.0)  # floor: the default 1 s
    pool = app.state.backend
    with start_server(app) as base_url:
        pids = {worker.process.pid for worker in pool._live}
        trivial = [
            httpx.post(
                base_url + "/sparql", data={"query": f"ASK {{}} # {n}", "timeout": "0.000001"}, timeout=30
            )
            for n in range(10)
        ]
        stopped = httpx.post(base_url + "/sparql", data={"query": CROSS, "timeout": "0.000001"}, timeout=30)
        timeouts = metric(base_url, "integrationsgraph_query_timeouts_total")
        after = {worker.process.pid for worker in pool._live}
    assert [response.status_code for response in trivial] == [200] * 10
    assert stopped.status_code == 504
    assert stopped.json()["error"]["timeout"] == 1.0  # the floor, not the microsecond asked for
    assert timeouts == 1  # only the cross product was stopped
    assert len(after - pids) <= 1  # at most its worker was replaced, not one per request


def test_standing_is_lost_for_a_while_and_its_memory_is_bounded() -> None:
    now = [0.0]
    standing = Standing(seconds=60, clock=lambda: now[0])
    standing.mark_expensive("10.0.0.1")
    assert not standing.is_cheap("10.0.0.1")
    assert standing.is_cheap("10.0.0.2")
    now[0] = 61
    assert standing.is_cheap("10.0.0.1")  # regained after the standing period
    for number in range(MAX_STANDINGS + 50):  # a flood of addresses, all still within their period
        standing.mark_expensive(f"addr-{number}")
    assert len(standing._expensive_until) == MAX_STANDINGS
    assert not standing.is_cheap(f"addr-{MAX_STANDINGS + 49}")  # the newest are kept
