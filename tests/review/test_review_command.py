"""`integrationsgraph review` as a command: its usage errors, and the real process serving on a free
loopback port, reached at the address it prints."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import httpx

from integrationsgraph.cli import main
from integrationsgraph.errors import EXIT_USAGE
from tests.review.synthetic import SYNTHETIC_STEM


def test_an_unknown_document_or_port_is_a_usage_error(review_data: Path, capsys):
    assert main(["review", "--data-dir", str(review_data), "--port", "70000"]) == EXIT_USAGE
    assert "--port 70000" in capsys.readouterr().err
    assert main(["review", "--data-dir", str(review_data), "no-such-text.txt"]) == EXIT_USAGE
    assert "no-such-text.txt: no such text" in capsys.readouterr().err
    assert main(["review", "--data-dir", str(review_data / "missing")]) == EXIT_USAGE
    assert "missing/entities" in capsys.readouterr().err


def test_the_command_serves_the_document_on_loopback(review_data: Path, review_shared: Path):
    process = subprocess.Popen(
        [sys.executable, "-m", "integrationsgraph", "review", "--port", "0", "--data-dir", str(review_data),
         SYNTHETIC_STEM],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "INTEGRATIONSGRAPH_SHARED": str(review_shared)},
    )  # fmt: skip
    try:
        line = process.stdout.readline()  # printed once the socket listens
        assert line.startswith("Review page: http://127.0.0.1:"), line + process.stderr.read()
        url = line.split()[2]
        assert url.endswith(f"/documents/{SYNTHETIC_STEM}")
        page = httpx.get(url, timeout=30)
        assert page.status_code == 200
        assert f'data-stem="{SYNTHETIC_STEM}"' in page.text
    finally:
        process.terminate()
        process.wait(timeout=30)
        process.stdout.close()
        process.stderr.close()
