"""Reading the source texts in ../shared: the header, the text after the `---` line, its hash.

Evidence offsets count characters (Unicode code points) into the text after the `---` line, which is
what `SourceText.body` holds.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from integrationsgraph.errors import InputError
from integrationsgraph.paths import shared_dir

SOURCE_FOLDERS = ("press", "corpus/dev", "corpus/intmk-hessen-2017-2025", "corpus/federal-and-laender")
SEPARATOR = "---"


@dataclass(frozen=True)
class SourceText:
    file_name: str
    path: Path
    header: dict[str, str]
    body: str

    @property
    def stem(self) -> str:
        return self.file_name.removesuffix(".txt")

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.body.encode("utf-8")).hexdigest()


def parse_source(path: Path) -> SourceText:
    """Split a file of the header + `---` + text form; raises InputError naming the file."""
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read source text: {exc}") from exc
    header: dict[str, str] = {}
    position = 0
    for line in raw.splitlines(keepends=True):
        position += len(line)
        stripped = line.rstrip("\r\n")
        if stripped == SEPARATOR:
            return SourceText(path.name, path, header, raw[position:])
        key, colon, value = stripped.partition(":")
        if colon:
            header[key.strip()] = value.strip()
    raise InputError(f"{path}: no '{SEPARATOR}' line separating the header from the text")


def find_source(file_name: str, root: Path | None = None) -> Path | None:
    """The path of a source file by name under ../shared's press and corpus folders, if present."""
    base = root or shared_dir()
    for folder in SOURCE_FOLDERS:
        candidate = base / folder / file_name
        if candidate.is_file():
            return candidate
    return None


@cache
def load_source(file_name: str, root: Path | None = None) -> SourceText | None:
    """The parsed source text, or None when ../shared (or that file) is absent."""
    path = find_source(file_name, root)
    return parse_source(path) if path else None


def all_sources(root: Path | None = None) -> list[SourceText]:
    """Every source text under ../shared, sorted by file name."""
    base = root or shared_dir()
    paths = sorted(
        (p for folder in SOURCE_FOLDERS for p in (base / folder).glob("*.txt") if p.name != "README.md"),
        key=lambda p: p.name,
    )
    return [parse_source(p) for p in paths]
