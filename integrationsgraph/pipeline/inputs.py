"""Finding the build's input files and hashing them into the release name."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from integrationsgraph.errors import InputError

ONTOLOGY_FILES = ("integrationsgraph.ttl", "schemes.ttl")
SHAPES_FILE = "shapes.ttl"
# The output also depends on the code that makes it: a new reasoner is a new release.
TOOLS = ("integrationsgraph", "pyoxigraph", "owlrl", "pyshacl", "rdflib")


@dataclass(frozen=True)
class InputFiles:
    """Every file a build reads, grouped by what it becomes."""

    ontology: tuple[Path, ...]
    shapes: Path
    entities: tuple[Path, ...]
    sources: tuple[Path, ...]
    rules: tuple[Path, ...]
    checks: tuple[Path, ...]

    def labelled(self) -> list[tuple[str, Path]]:
        """(label, path) of every input; the label is location-independent, e.g. `data/sources/x.trig`."""
        groups = (
            ("ontology", (*self.ontology, self.shapes)),
            ("data/entities", self.entities),
            ("data/sources", self.sources),
            ("rules", self.rules),
            ("queries", self.checks),
        )
        return sorted((f"{folder}/{path.name}", path) for folder, paths in groups for path in paths)


def _require_dir(path: Path, what: str) -> Path:
    if not path.is_dir():
        raise InputError(f"{path}: {what} directory does not exist")
    return path


def discover_inputs(ontology_dir: Path, data_dir: Path, rules_dir: Path, queries_dir: Path) -> InputFiles:
    """The input files under the given folders, sorted; InputError names a missing folder or file."""
    _require_dir(ontology_dir, "ontology")
    ontology = tuple(ontology_dir / name for name in ONTOLOGY_FILES)
    shapes = ontology_dir / SHAPES_FILE
    for path in (*ontology, shapes):
        if not path.is_file():
            raise InputError(f"{path}: required ontology file is missing")
    entities_dir = _require_dir(data_dir / "entities", "entities")
    sources_dir = _require_dir(data_dir / "sources", "sources")
    rules = tuple(sorted(rules_dir.glob("*.rq"))) if rules_dir.is_dir() else ()
    checks = tuple(sorted(queries_dir.glob("*-violation.rq"))) if queries_dir.is_dir() else ()
    return InputFiles(
        ontology=ontology,
        shapes=shapes,
        entities=tuple(sorted(entities_dir.glob("*.ttl"))),
        sources=tuple(sorted(sources_dir.glob("*.trig"))),
        rules=rules,
        checks=checks,
    )


def read_bytes(path: Path) -> bytes:
    """The file's bytes; an unreadable file is an InputError naming it."""
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from exc


def tool_versions() -> dict[str, str]:
    return {name: version(name) for name in TOOLS}


def input_hash(files: InputFiles) -> str:
    """sha256 over the sorted (label, content) of every input and the versions of the tools."""
    digest = hashlib.sha256()
    for label, path in files.labelled():
        content = read_bytes(path)
        digest.update(f"{label}\0{len(content)}\0".encode())
        digest.update(content)
    for name, number in sorted(tool_versions().items()):
        digest.update(f"tool\0{name}\0{number}\0".encode())
    return digest.hexdigest()
