"""The h11/httptools comparison's table: each implementation's best round per load, and their ratio."""

from __future__ import annotations

from bench.http_implementation import markdown


def row(round_number: int, implementation: str, load: str, throughput: float, p99: float) -> dict:
    return {"round": round_number, "implementation": implementation, "load": load,
            "throughput": throughput, "p99_ms": p99}  # fmt: skip


def test_the_table_keeps_each_best_round_and_their_ratio() -> None:
    report = {"results": [
        row(1, "h11", "healthz", 1000.0, 9.0), row(1, "httptools", "healthz", 4000.0, 3.0),
        row(2, "httptools", "healthz", 2000.0, 2.0), row(2, "h11", "healthz", 1500.0, 8.0),
    ]}  # fmt: skip
    lines = markdown(report).splitlines()
    assert lines[2] == "| healthz | 1500.0 | 4000.0 | 0.38 | 8.0 | 3.0 |"
    assert len(lines) == 3
