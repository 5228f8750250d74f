"""What a build reads and where it writes (kept free of heavy imports: the server reads it too)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from integrationsgraph.paths import BUILD_DIR, DATA_DIR, ONTOLOGY_DIR, PROJECT_ROOT, QUERIES_DIR, shared_dir

RULES_DIR = PROJECT_ROOT / "rules"


def existing_shared_dir() -> Path | None:
    """../shared (or INTEGRATIONSGRAPH_SHARED) when it is there; without it evidence is not checked."""
    path = shared_dir()
    return path if path.is_dir() else None


@dataclass(frozen=True)
class BuildOptions:
    ontology_dir: Path = ONTOLOGY_DIR
    data_dir: Path = DATA_DIR
    rules_dir: Path = RULES_DIR
    queries_dir: Path = QUERIES_DIR
    build_dir: Path = BUILD_DIR
    shared_dir: Path | None = field(default_factory=existing_shared_dir)
    progress: bool = False
    force: bool = False


@dataclass(frozen=True)
class BuildResult:
    release_dir: Path
    store_path: Path
    report: dict
    up_to_date: bool = False
