"""The endpoint load script runs end to end: a real server, a few clients of both kinds, a report."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest

from bench.endpoint import load

EX = "http://example.org/"


def small_dump(path) -> None:
    store = ox.Store()
    graph, knows = ox.NamedNode(EX + "graph"), ox.NamedNode(EX + "knows")
    for number in range(200):
        person, friend = ox.NamedNode(f"{EX}person/{number}"), ox.NamedNode(f"{EX}person/{number + 1}")
        store.add(ox.Quad(person, knows, friend, graph))
    store.dump(str(path), format=ox.RdfFormat.N_QUADS)


@pytest.mark.slow
def test_the_load_script_measures_both_kinds_of_client_and_memory(tmp_path, capsys) -> None:
    dump = tmp_path / "data.nq"
    small_dump(dump)
    out = tmp_path / "load.json"
    arguments = [
        "--clients",
        "4",
        "--duration",
        "3",
        "--expensive-share",
        "0.25",
        "--rate",
        "5",
        "--warm-up",
        "1",
    ]
    assert load.main([*arguments, "--data", str(dump), "--mix-size", "50", "--out", str(out)]) == 0
    result = json.loads(out.read_text())
    assert (result["cheap"]["clients"], result["expensive"]["clients"]) == (3, 1)
    assert result["cheap"]["requests"] > 0
    assert result["cheap"]["p99_ms"] >= result["cheap"]["p50_ms"] > 0
    assert result["cheap"]["p99_after_warm_up_ms"] is not None  # requests were sent after the warm-up
    assert sum(result["cheap"]["statuses"].values()) == result["cheap"]["requests"]
    assert result["expensive"]["statuses"]  # the cross-product client was answered (or refused) too
    by_second = result["cheap"]["by_second"]
    assert sum(second["requests"] for second in by_second) == result["cheap"]["requests"]
    assert max(second["max_ms"] for second in by_second) == result["cheap"]["max_ms"]
    assert result["memory"]["peak_mib"] >= result["memory"]["resting_mib"] > 0
    assert "| 3 cheap |" in capsys.readouterr().out
