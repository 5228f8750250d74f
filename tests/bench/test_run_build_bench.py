"""The benchmark runner's verdicts on the targets and its markdown tables."""

from __future__ import annotations

import pytest

from bench.run_build_bench import _sizes, _verdicts, markdown
from integrationsgraph.errors import UsageError


def _run(size: int, wall: float, peak_mib: float, exit_code: int = 0) -> dict:
    return {
        "size": size,
        "sources": size // 250,
        "wall_seconds": wall,
        "maxrss_mib": peak_mib / 2,
        "tree_peak_mib": peak_mib,
        "exit_code": exit_code,
        "stages": {"validate": wall / 2},
        "stage_peak_mib": {"validate": peak_mib},
    }


def test_verdicts_judge_time_and_memory_targets():
    runs = {100_000: _run(100_000, 59.0, 900), 1_000_000: _run(1_000_000, 1000.0, 5000)}
    verdicts = {(v["size"], v["target"]): v["met"] for v in _verdicts(runs)}
    assert verdicts == {
        (100_000, "build < 60 s"): True,
        (1_000_000, "build < 900 s"): False,
        (1_000_000, "peak memory < 6 GiB"): True,
    }


def test_a_failed_build_meets_no_target():
    verdicts = _verdicts({100_000: _run(100_000, 10.0, 100, exit_code=1)})
    assert [v["met"] for v in verdicts] == [False]


def test_markdown_quotes_the_ratio_to_the_peer():
    results = {
        "builds": [_run(10_000, 20.0, 100)],
        "peer": [
            {
                "size": 10_000,
                "exit_code": 0,
                "wall_seconds": 40.0,
                "maxrss_mib": 70.0,
                "load_seconds": 2.0,
                "expand_seconds": 37.0,
            }
        ],
        "targets": [],
    }
    table = markdown(results)
    assert "| 10,000 | 2.0 | 37.0 | 40.0 | 70 | 20.0 | 0.50 |" in table
    assert "| 10,000 | 40 | 20.0 | – | – | – | 10.0 |" in table
    assert "| 10,000 | – | – | 100 | – |" in table


def test_sizes_are_parsed_sorted_and_checked():
    assert _sizes("100000,10000, 10000") == [10_000, 100_000]
    with pytest.raises(UsageError, match="sizes"):
        _sizes("10k")
