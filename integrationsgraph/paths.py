"""Where the project's inputs and outputs live, relative to the checkout."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY_DIR = PROJECT_ROOT / "ontology"
DATA_DIR = PROJECT_ROOT / "data"
QUERIES_DIR = PROJECT_ROOT / "queries"
BUILD_DIR = PROJECT_ROOT / "build"


def shared_dir() -> Path:
    """The third-party material beside the checkout; INTEGRATIONSGRAPH_SHARED overrides it."""
    override = os.environ.get("INTEGRATIONSGRAPH_SHARED")
    return Path(override) if override else PROJECT_ROOT.parent / "shared"
