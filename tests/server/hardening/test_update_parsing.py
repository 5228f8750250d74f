"""Updates are parsed (to tell 400 from 403) like guarded queries: one parse at a time, within a budget.

rdflib's parser must not run in two threads at once (guards.py), and it can take minutes on a short text.
"""

from __future__ import annotations

import threading

import httpx
import pytest

from integrationsgraph.sparql import guards

# rdflib needs about 1 ms per `+ 1` term: far beyond the parse budget.
SLOW_UPDATE = "INSERT { <http://e/s> <http://e/p> ?x } WHERE { BIND((1" + " + 1" * 4_900 + ") AS ?x) }"


class RecordingLock:
    """A lock that records which threads held it."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.holders: list[int] = []

    def __enter__(self) -> RecordingLock:
        self.lock.acquire()
        self.holders.append(threading.get_ident())
        return self

    def __exit__(self, *exc_info) -> None:
        self.lock.release()


def test_an_update_is_parsed_under_the_parsers_lock(sample_server, monkeypatch) -> None:
    recording = RecordingLock()
    monkeypatch.setattr(guards, "_PARSING", recording)
    response = httpx.post(sample_server + "/sparql", data={"update": "CLEAR ALL"}, timeout=60)
    assert response.status_code == 403
    assert len(recording.holders) == 1
    assert recording.holders[0] != threading.get_ident()  # parsed in the server, off this thread


# The budget's exception can first arrive while a gc callback runs in the parsing thread (pytest's own),
# where CPython drops it with an "Exception ignored" warning; the budget raises it again (time_budget.py).
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_an_update_too_slow_to_parse_is_a_400_when_its_budget_runs_out(sample_server) -> None:
    response = httpx.post(sample_server + "/sparql", data={"update": SLOW_UPDATE}, timeout=120)
    assert response.status_code == 400, response.text
    error = response.json()["error"]
    assert error["title"] == "Update syntax error"
    assert f"takes over {guards.PARSE_SECONDS:g} s to read" in error["detail"]
    # The parser is free again: the next update is read and refused as read-only.
    assert httpx.post(sample_server + "/sparql", data={"update": "CLEAR ALL"}, timeout=60).status_code == 403
