"""Fixtures for the export tests: the linked-data test graph in an embedded backend."""

from __future__ import annotations

from pathlib import Path

import pytest

from integrationsgraph.datafiles import load_files
from integrationsgraph.sparql.backends import EmbeddedBackend

EXPORT_FIXTURE = Path(__file__).resolve().parents[1] / "server" / "linked_data" / "fixtures" / "ldgraph.trig"


@pytest.fixture
def export_backend() -> EmbeddedBackend:
    return EmbeddedBackend(load_files([EXPORT_FIXTURE]))


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"
