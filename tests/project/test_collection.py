"""Every test file under tests/ is collected: a folder name pytest skips by default cannot hide tests."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parents[1]
ROOT = TESTS.parent

pytestmark = pytest.mark.slow


def test_every_test_file_under_tests_is_collected():
    collected = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert collected.returncode == 0, collected.stdout[-3000:] + collected.stderr[-3000:]
    files = {line.split("::", 1)[0] for line in collected.stdout.splitlines() if "::" in line}
    on_disk = {str(path.relative_to(ROOT)) for path in TESTS.rglob("test_*.py")}
    assert on_disk, "no test files found on disk"
    assert on_disk - files == set()
