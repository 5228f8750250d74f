"""The guard's work is bounded and done in the query workers, under the deadline, never on the event loop.

rdflib parses about 1-2 ms per character of some expressions; a 96 KB query that mentioned "service"
once took 39.9 s on the event loop's thread pool, and parallel ones held `/healthz` for seconds. Now such
queries are refused with a 400 in the common shape (a 504 would mean the deadline came first), and
`/healthz` answers while they are being checked.
"""

from __future__ import annotations

import concurrent.futures
import time
from collections.abc import Iterator

import httpx
import pytest

from integrationsgraph.sparql import guards

DEADLINE = 10.0  # this module's query_timeout: well above the guard's own budget
REFUSED_TITLE = "Federated query refused"

HUGE_SUM = "# service\nSELECT (1" + " + 1" * 24_000 + " AS ?x) WHERE {}"  # 96 KB, under max_query_length
# Under the guard's size limit, but rdflib needs far longer than the guard's time budget to read it.
SLOW_SUM = "# service\nSELECT (1" + " + 1" * 4_900 + " AS ?x) WHERE {}"
DEEP_GROUPS = "# service\nSELECT * WHERE " + "{ " * 3_000 + "?s ?p ?o" + " }" * 3_000


@pytest.fixture(scope="module")
def server(start_server, make_pool_app, make_sample_store) -> Iterator[str]:
    with start_server(make_pool_app(make_sample_store(), query_timeout=DEADLINE)) as base_url:
        yield base_url


def post(base_url: str, query: str) -> httpx.Response:
    return httpx.post(base_url + "/sparql", data={"query": query}, timeout=60)


def assert_unchecked(response: httpx.Response, reason: str) -> None:
    assert response.status_code == 400, response.text[:500]
    error = response.json()["error"]
    assert (error["status"], error["title"]) == (400, REFUSED_TITLE)
    assert "cannot be checked for a SERVICE clause" in error["detail"]
    assert reason in error["detail"]


def test_the_sizes_used_here_are_what_they_claim() -> None:
    assert len(HUGE_SUM) > 95_000
    assert guards.MAX_CHARACTERS > len(SLOW_SUM) > guards.MAX_CHARACTERS * 0.9
    assert guards.nesting_depth(DEEP_GROUPS) == 3_000 > guards.MAX_DEPTH


def test_a_huge_query_that_mentions_service_is_refused_for_its_size(server) -> None:
    assert_unchecked(post(server, HUGE_SUM), f"over {guards.MAX_CHARACTERS}")


def test_deeply_nested_groups_that_mention_service_are_refused_for_their_depth(server) -> None:
    assert_unchecked(post(server, DEEP_GROUPS), "3000 deep")


def test_a_query_too_slow_to_parse_is_refused_when_its_budget_runs_out(server) -> None:
    assert_unchecked(post(server, SLOW_SUM), f"takes over {guards.PARSE_SECONDS:g} s to read")


def test_the_same_query_without_the_word_is_not_parsed_by_the_guard_and_runs(server) -> None:
    response = post(server, SLOW_SUM.replace("# service\n", ""))
    assert response.status_code == 200, response.text[:500]
    assert response.json()["results"]["bindings"][0]["x"]["value"] == "4901"


def test_health_answers_while_slow_guarded_queries_are_checked(server) -> None:
    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as executor:
        slow = [executor.submit(post, server, SLOW_SUM) for _ in range(4)]
        latencies = []
        while not all(future.done() for future in slow):
            started = time.monotonic()
            health = httpx.get(server + "/healthz", timeout=30)
            latencies.append(time.monotonic() - started)
            assert health.status_code == 200
        for future in slow:
            assert_unchecked(future.result(), "to read")
    assert latencies
    # The same bound as other clients' answers in test_deadline.py: far below the deadline.
    assert max(latencies) < DEADLINE / 2
