"""Fixtures for the review page: a temporary copy of data/ and a shared tree with the real texts (linked,
never copied) plus one synthetic press text, so a test can curate, save and build without touching the
repository's data/."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from starlette.applications import Starlette

from integrationsgraph.paths import DATA_DIR, ONTOLOGY_DIR, shared_dir
from integrationsgraph.review.review_app import create_review_app
from integrationsgraph.review.workspace import Workspace
from integrationsgraph.sources import SOURCE_FOLDERS
from tests.review.synthetic import SYNTHETIC_STEM, SYNTHETIC_TEXT


@pytest.fixture
def review_shared(tmp_path: Path) -> Path:
    """../shared's folders, each text linked, with the synthetic text added to press/."""
    real = shared_dir()
    if not real.is_dir():
        pytest.fail(f"{real}: the source texts are missing (the review tests read them)")
    tree = tmp_path / "shared"
    for folder in SOURCE_FOLDERS:
        (tree / folder).mkdir(parents=True)
        for text in (real / folder).glob("*.txt"):
            (tree / folder / text.name).symlink_to(text)
    (tree / "press" / f"{SYNTHETIC_STEM}.txt").write_text(SYNTHETIC_TEXT, encoding="utf-8")
    return tree


@pytest.fixture
def review_data(tmp_path: Path) -> Path:
    """A copy of the repository's data/ that tests may write into."""
    copy = tmp_path / "data"
    shutil.copytree(DATA_DIR, copy)
    (copy / "curation-log.json").unlink(missing_ok=True)
    return copy


@pytest.fixture
def workspace(review_data: Path, review_shared: Path) -> Workspace:
    return Workspace(review_data, ONTOLOGY_DIR, review_shared)


@pytest.fixture
def review_app(workspace: Workspace) -> Starlette:
    return create_review_app(workspace)


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
async def review_client(review_app: Starlette) -> AsyncIterator[httpx.AsyncClient]:
    """The app in process, addressed as the browser addresses it (127.0.0.1)."""
    transport = httpx.ASGITransport(app=review_app)
    async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1:8010") as client:
        yield client
