"""The cold start: newcomers' cross products of full scans never start on the cheap lane.

At a cold start no client has a history, so before `query_cost.py` every expensive newcomer's first
query could hold the cheap lane for `cheap_query_seconds`. The server tests set `cheap_query_seconds`
to 60 s, far beyond the victim's 1-s deadline: had a newcomer's cross product taken the cheap lane, the
victim would have got a 503 after its deadline instead of its answer.
"""

from __future__ import annotations

import asyncio

import pytest

from integrationsgraph.sparql.fairness import Standing
from integrationsgraph.sparql.query_cost import MAX_JUDGED_CHARACTERS, is_cross_product_of_full_scans
from tests.server.hardening.test_fairness import CROSS, ask, client, stop, until

NEWCOMERS = ("127.0.0.2", "127.0.0.3", "127.0.0.4")


def lanes_of(pool, address: str) -> list[str]:
    return [lease.lane for lease in list(pool._busy.values()) if lease.client == address]


def test_newcomers_cross_products_wait_for_a_general_worker_and_a_cheap_query_is_answered(
    start_server, make_pool_app, make_chain_store
) -> None:
    app = make_pool_app(
        make_chain_store(), query_workers=2, cheap_lane_workers=1, spare_workers=1, query_timeout=120.0,
        cheap_query_seconds=60.0, min_query_timeout=0.1,
    )  # fmt: skip
    pool = app.state.backend

    async def scenario() -> dict:
        clients = [client(base_url, address) for address in NEWCOMERS]
        async with client(base_url) as victim:
            attacks = [
                asyncio.ensure_future(ask(http, f"{CROSS} # {address}"))
                for http, address in zip(clients, NEWCOMERS, strict=True)
            ]
            # One runs on the general worker; the others wait for it (the cheap lane would take one).
            settled = until(lambda: len(pool._busy) == 1 and len(pool._waiters) == len(NEWCOMERS) - 1)
            await asyncio.wait_for(settled, 60)  # a bound, so that a regression fails instead of hanging
            pids = {worker.process.pid for worker in pool._live}
            statuses = []
            for number in range(5):
                response = await ask(victim, f"ASK {{ ?s ?p ?o }} # victim {number}", timeout="1")
                statuses.append(response.status_code)
            seen = {
                "statuses": statuses,
                "lanes": [lanes_of(pool, address) for address in NEWCOMERS],
                "waiting": len(pool._waiters),
                "attacks_running": not any(attack.done() for attack in attacks),
                "workers_replaced": bool({worker.process.pid for worker in pool._live} - pids),
                "victim_has_history": pool.standing.has_history("127.0.0.1"),
            }
            await stop(attacks)
            for http in clients:
                await http.aclose()
            return seen

    with start_server(app) as base_url:
        seen = asyncio.run(scenario())
    assert seen["statuses"] == [200] * 5  # the cheap lane stayed free for the victim
    assert sorted(lane for lanes in seen["lanes"] for lane in lanes) == ["general"]
    assert seen["waiting"] == len(NEWCOMERS) - 1
    assert seen["attacks_running"]
    assert not seen["workers_replaced"]  # no cross product was started on the cheap lane and stopped there
    assert seen["victim_has_history"]  # its answers were cheap: from now on it is judged by them alone


def test_a_client_with_a_history_is_judged_by_what_its_queries_do(
    start_server, make_pool_app, make_chain_store
) -> None:
    """A client whose queries were cheap keeps the cheap lane for a cross product until it outgrows it."""
    app = make_pool_app(
        make_chain_store(), query_workers=2, cheap_lane_workers=1, query_timeout=120.0,
        cheap_query_seconds=60.0, min_query_timeout=0.1,
    )  # fmt: skip
    pool = app.state.backend
    regular = "127.0.0.5"

    async def scenario() -> tuple[int, list[str]]:
        async with client(base_url, NEWCOMERS[0]) as newcomer, client(base_url, regular) as known:
            first = await ask(known, "ASK { ?s ?p ?o } # a cheap first query")
            holding = asyncio.ensure_future(ask(newcomer, CROSS))  # takes the general worker
            await until(lambda: lanes_of(pool, NEWCOMERS[0]) == ["general"])
            attack = asyncio.ensure_future(ask(known, f"{CROSS} # known"))
            await asyncio.wait_for(until(lambda: bool(lanes_of(pool, regular))), 60)
            lanes = lanes_of(pool, regular)
            await stop([holding, attack])
            return first.status_code, lanes

    with start_server(app) as base_url:
        first, lanes = asyncio.run(scenario())
    assert first == 200
    assert lanes == ["cheap"]  # not judged from its text: it had a history


@pytest.mark.parametrize(
    "text",
    [
        "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f }",
        "SELECT*{?a ?b ?c.?d ?e ?f.?g ?h ?i} # compact, with a comment",
        "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f",
        "SELECT * { ?a ?b ?c ; ?x ?y . ?d ?e ?f }",  # the second full scan after ';'
        "SELECT * { ?a ?b ?c , ?x . ?d ?e ?f }",
        "SELECT * { ?a ?b ?c . <http://e/s> <http://e/p> ?x . ?d ?e ?f }",  # a constant pattern joins nothing
        'SELECT * { ?a ?b "x"^^<http://www.w3.org/2001/XMLSchema#string> . ?c ?d ?e . ?f ?g ?h }',
        "SELECT * { GRAPH ?g { ?a ?b ?c . ?d ?e ?f } }",  # the inner group is judged on its own
        "SELECT * { ?a ?b ?c . _:x ?e ?f . _:x ?h ?i }",
        "SELECT * { $a ?b ?c . ?d ?e ?f }",
    ],
)
def test_cross_products_of_full_scans_are_recognised(text: str) -> None:
    assert is_cross_product_of_full_scans(text)


@pytest.mark.parametrize(
    "text",
    [
        "ASK { ?s ?p ?o }",
        "SELECT * { ?a ?b ?c . ?c ?e ?f }",  # joined by ?c
        "SELECT * { ?a ?p ?c . ?d ?p ?f }",  # joined by ?p
        "SELECT * { ?a ?b ?c . ?c <http://e/p> ?x . ?x ?y ?z }",  # joined through a third pattern
        "SELECT * { $a ?b ?c . ?a ?e ?f }",  # $a and ?a are one variable
        "SELECT * { { ?a ?b ?c } UNION { ?d ?e ?f } }",  # a union, not a product
        "SELECT * { ?a ?b ?c . ?d ?e ?f FILTER(?a = ?d) }",  # a filter: not plain patterns, not judged
        "SELECT * { ?a ?b ?c OPTIONAL { ?d ?e ?f } }",  # nested: not judged
        "SELECT * { ?a <http://e/p>/<http://e/q> ?c . ?d ?e ?f }",  # a path: not judged
        'SELECT * { ?a ?b "?d ?e ?f" . ?g ?h ?i }',  # the variables in the literal are text
        "SELECT * { ?a ?b ?c # . ?d ?e ?f\n }",  # so are those in the comment
        "SELECT * { ?a ?b ?c . ?d ?e ?f",  # unfinished: pyoxigraph answers it with a syntax error
        "SELECT * { <http://e/a> ?b ?c . <http://e/d> ?e ?f }",  # not full scans
    ],
)
def test_other_shapes_are_not_judged_expensive(text: str) -> None:
    assert not is_cross_product_of_full_scans(text)


def test_long_texts_are_left_to_the_cheap_lanes_time_limit() -> None:
    text = "SELECT * { ?a ?b ?c . ?d ?e ?f }"
    assert not is_cross_product_of_full_scans(text + " " * MAX_JUDGED_CHARACTERS)


def test_a_history_is_kept_for_the_standing_period_and_an_expensive_mark_wins() -> None:
    now = [0.0]
    standing = Standing(seconds=60, clock=lambda: now[0])
    assert not standing.has_history("10.0.0.1")
    standing.mark_cheap("10.0.0.1")
    assert standing.has_history("10.0.0.1")
    assert standing.is_cheap("10.0.0.1")
    standing.mark_expensive("10.0.0.2")
    standing.mark_cheap("10.0.0.2")  # a cheap answer does not end the expensive standing
    assert standing.has_history("10.0.0.2")
    assert not standing.is_cheap("10.0.0.2")
    now[0] = 61
    assert not standing.has_history("10.0.0.1")
    assert not standing.has_history("10.0.0.2")
    assert standing.is_cheap("10.0.0.2")
