"""Reading a document to ingest: the header + `---` form of ../shared, or plain text (all of it the body).

Either way the result is a `SourceText`, so offsets and the sha256 are computed exactly as for the
curated sources: over the text after the `---` line, or over the whole file when there is none.
"""

from __future__ import annotations

from pathlib import Path

from integrationsgraph.errors import InputError
from integrationsgraph.sources import SEPARATOR, SourceText, parse_source


def read_document(path: Path) -> SourceText:
    """The document at `path`; InputError when it cannot be read, is not UTF-8, or has no text."""
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: cannot read the document: {error}") from error
    if path.suffix != ".txt":
        raise InputError(f"{path}: documents to ingest are .txt files")
    has_header = any(line.rstrip("\r\n") == SEPARATOR for line in raw.splitlines())
    source = parse_source(path) if has_header else SourceText(path.name, path, {}, raw)
    if not source.body.strip():
        raise InputError(f"{path}: the document has no text")
    return source


def corpus_of(path: Path, shared: Path | None) -> str:
    """`press` or `corpus/dev` for a file under ../shared, else `ingested`."""
    resolved = path.resolve()
    if shared is not None:
        for folder in ("press", "corpus/dev"):
            if resolved.parent == (shared / folder).resolve():
                return folder
    return "ingested"
