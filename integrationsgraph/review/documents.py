"""The documents a curator can review: every text in ../shared's press and corpus folders, each with
whether `data/sources/<stem>.trig` curates it already."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from integrationsgraph.errors import UsageError
from integrationsgraph.sources import SOURCE_FOLDERS


@dataclass(frozen=True)
class ReviewDocument:
    stem: str
    folder: str  # as `ig:corpus` names it: "press", "corpus/dev", ...
    path: Path
    curated: bool

    @property
    def file_name(self) -> str:
        return self.path.name


def list_documents(shared: Path, data_dir: Path) -> list[ReviewDocument]:
    """The texts under `shared`, by folder then name."""
    found = []
    for folder in SOURCE_FOLDERS:
        for path in sorted((shared / folder).glob("*.txt")):
            stem = path.name.removesuffix(".txt")
            curated = (data_dir / "sources" / f"{stem}.trig").is_file()
            found.append(ReviewDocument(stem, folder, path, curated))
    return found


def find_document(stem: str, shared: Path, data_dir: Path) -> ReviewDocument:
    """The document of `stem` (a stem or a file name or path of a listed text); UsageError otherwise."""
    wanted = Path(stem).name.removesuffix(".txt")
    for document in list_documents(shared, data_dir):
        if document.stem == wanted:
            return document
    folders = ", ".join(SOURCE_FOLDERS)
    raise UsageError(f"{stem}: no such text in {shared} ({folders})")
