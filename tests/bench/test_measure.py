"""Measuring a subprocess: exit code, wall time, peak memory, and the kill after a timeout."""

from __future__ import annotations

import sys

from bench.measure import run_measured


def test_measures_peak_memory_and_output():
    script = "data = bytearray(200 * 1024 * 1024); print('done')"
    measured = run_measured([sys.executable, "-c", script])
    assert measured.exit_code == 0
    assert measured.stdout == "done\n"
    assert measured.maxrss_kib > 200 * 1024
    assert measured.wall_seconds > 0
    assert measured.cpu_seconds > 0


def test_reports_the_exit_code_and_stderr():
    measured = run_measured([sys.executable, "-c", "import sys; sys.exit('broken')"])
    assert measured.exit_code == 1
    assert "broken" in measured.stderr


def test_kills_a_run_past_its_timeout():
    measured = run_measured([sys.executable, "-c", "import time; time.sleep(30)"], timeout=0.5)
    assert measured.exit_code is None
    assert measured.wall_seconds < 10
