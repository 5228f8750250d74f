"""The build's SPARQL files (rules and violation checks): reading their header and text, and running them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from integrationsgraph.errors import InputError
from integrationsgraph.pipeline.inputs import read_bytes

_HEADER_LINE = re.compile(r"#\s*([A-Za-z-]+)\s*:\s*(.*?)\s*$")


@dataclass(frozen=True)
class SparqlFile:
    path: Path
    name: str
    summary: str
    text: str
    after: str = ""  # a rule's `# after: tenures`: it reads what the tenures stage derives


def read_sparql_file(path: Path, kind: str) -> SparqlFile:
    """A rule (`kind` "rule") or check (`kind` "check") file; its leading comment must give
    `# <kind>: <name>` (the file's stem, without `-violation` for checks) and `# summary: ...`; a rule that
    reads the resolved tenures says `# after: tenures` (the build runs it after the tenures stage)."""
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
    after = header.get("after", "")
    if after not in ("", "tenures"):
        raise InputError(f"{path}:1:1: '# after: {after}': a rule can only run after 'tenures'")
    return SparqlFile(path, header[kind], header["summary"], text, after)


def run_sparql_file(store: ox.Store, file: SparqlFile, form: type, form_name: str):
    """The file's query over the union of the graphs; `InputError` naming file:line:column for a syntax
    error, or the file when its query is not of the `form` (`ox.QuerySolutions`, `ox.QueryTriples`) the
    stage needs (`form_name`, as in "a rule must be a SPARQL CONSTRUCT query")."""
    try:
        result = store.query(file.text, use_default_graph_as_union=True)
    except SyntaxError as exc:
        raise InputError(f"{file.path}:{exc.lineno}:{exc.offset}: {exc.msg}") from exc
    if not isinstance(result, form):
        raise InputError(f"{file.path}: {form_name}")
    return result
