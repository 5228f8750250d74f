"""Reading the build's SPARQL files (rules and violation checks): their header and their text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from integrationsgraph.errors import InputError
from integrationsgraph.pipeline.inputs import read_bytes

_HEADER_LINE = re.compile(r"#\s*([A-Za-z-]+)\s*:\s*(.*?)\s*$")


@dataclass(frozen=True)
class SparqlFile:
    path: Path
    name: str
    summary: str
    text: str


def read_sparql_file(path: Path, kind: str) -> SparqlFile:
    """A rule (`kind` "rule") or check (`kind` "check") file; its leading comment must give
    `# <kind>: <name>` (the file's stem, without `-violation` for checks) and `# summary: ...`."""
    try:
        text = read_bytes(path).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8: {exc}") from exc
    header: dict[str, str] = {}
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        match = _HEADER_LINE.match(line)
        if match:
            header.setdefault(match.group(1).lower(), match.group(2))
    expected = path.stem.removesuffix("-violation")
    for key in (kind, "summary"):
        if not header.get(key):
            raise InputError(f"{path}:1:1: the header comment lacks '# {key}: ...'")
    if header[kind] != expected:
        raise InputError(f"{path}:1:1: '# {kind}: {header[kind]}' does not match the file name ({expected})")
    return SparqlFile(path, header[kind], header["summary"], text)
