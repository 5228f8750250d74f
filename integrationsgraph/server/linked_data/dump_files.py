"""The downloadable dumps of the served build: TriG and N-Quads as the build wrote them, Turtle and
JSON-LD made on first request and cached per build hash (`<build_dir>/cache/dumps/<hash>/`), each with
its sha256.

A DumpStore is fixed to the release the server serves (not whatever `build/current` points at, which may
be a release the server refused); the server makes a new one when it swaps to a new build. No release (a
server over `--data` files or `--sparql-backend`): no dumps.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from integrationsgraph.namespaces import PREFIXES

STEM = "integrationsgraph"


@dataclass(frozen=True)
class DumpFormat:
    suffix: str
    media_type: str
    label: str
    format: ox.RdfFormat
    built_by_the_build: bool


FORMATS: dict[str, DumpFormat] = {
    fmt.suffix: fmt
    for fmt in (
        DumpFormat("trig", "application/trig", "TriG", ox.RdfFormat.TRIG, True),
        DumpFormat("nq", "application/n-quads", "N-Quads", ox.RdfFormat.N_QUADS, True),
        DumpFormat("ttl", "text/turtle", "Turtle (all graphs merged)", ox.RdfFormat.TURTLE, False),
        DumpFormat("jsonld", "application/ld+json", "JSON-LD", ox.RdfFormat.JSON_LD, False),
    )
}


@dataclass(frozen=True)
class Dump:
    file_name: str
    path: Path
    format: DumpFormat
    sha256: str
    size: int


class DumpStore:
    """The dumps of one release; thread-safe, each derived file produced at most once."""

    def __init__(self, build_dir: Path, release: Path | None):
        self.build_dir = Path(build_dir)
        self.release = release
        self._lock = threading.Lock()
        self._dumps: dict[str, Dump] = {}

    @property
    def build_hash(self) -> str | None:
        return self.release.name if self.release else None

    def dump(self, suffix: str) -> Dump | None:
        """The dump in the format with this file suffix (made now if needed); None: unknown or no build."""
        if self.release is None or suffix not in FORMATS:
            return None
        with self._lock:
            if suffix not in self._dumps:
                path = self._path(FORMATS[suffix])
                self._dumps[suffix] = Dump(
                    path.name, path, FORMATS[suffix], _sha256(path), path.stat().st_size
                )
            return self._dumps[suffix]

    def all(self) -> list[Dump]:
        found = [self.dump(suffix) for suffix in FORMATS]
        return [dump for dump in found if dump is not None]

    def _path(self, fmt: DumpFormat) -> Path:
        name = f"{STEM}.{fmt.suffix}"
        if fmt.built_by_the_build:
            return self.release / "dumps" / name
        cached = self.build_dir / "cache" / "dumps" / self.release.name / name
        if not cached.exists():
            _derive(self.release / "dumps" / f"{STEM}.nq", cached, fmt.format)
        return cached


def _derive(nquads: Path, target: Path, fmt: ox.RdfFormat) -> None:
    """Convert the N-Quads dump; written to a temporary file and renamed, so readers never see half."""
    target.parent.mkdir(parents=True, exist_ok=True)
    quads = ox.parse(path=str(nquads), format=ox.RdfFormat.N_QUADS)
    if not fmt.supports_datasets:
        quads = sorted({quad.triple for quad in quads}, key=str)  # the union graph, in a stable order
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".partial-")
    try:
        with os.fdopen(handle, "wb") as output:
            ox.serialize(quads, output, format=fmt, prefixes=PREFIXES)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as data:
        for block in iter(lambda: data.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def sha256sums(dumps: list[Dump]) -> str:
    """The dumps' checksums in the format of `sha256sum` (checkable with `sha256sum -c SHA256SUMS`)."""
    return "".join(f"{dump.sha256}  {dump.file_name}\n" for dump in dumps)
