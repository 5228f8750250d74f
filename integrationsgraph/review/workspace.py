"""Where the review page reads and writes (data, ontology, ../shared) and the registry it links against,
reloaded after a save adds entities."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

from integrationsgraph.errors import InputError
from integrationsgraph.ingest.linking import Registry, load_registry
from integrationsgraph.namespaces import ID
from integrationsgraph.review.documents import ReviewDocument, find_document, list_documents
from integrationsgraph.review.opening import Review, open_review
from integrationsgraph.review.term_json import compact


def _page_name(ref: str) -> str:
    """The ingestion's `document:x` as the page (and the data files) write it: `doc:x`."""
    kind, _, local = ref.partition(":")
    return compact(str(ID[kind]) + local) if kind in ID else ref


@dataclass
class Workspace:
    data_dir: Path
    ontology_dir: Path
    shared: Path
    _registry: Registry | None = field(default=None, repr=False)
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def __post_init__(self) -> None:
        for path, what in ((self.data_dir / "entities", "registry"), (self.data_dir / "sources", "sources"),
                           (self.shared, "source texts")):  # fmt: skip
            if not path.is_dir():
                raise InputError(f"{path}: the {what} folder is missing")

    @property
    def registry(self) -> Registry:
        if self._registry is None:
            self._registry = load_registry(self.data_dir / "entities")
        return self._registry

    def forget_registry(self) -> None:
        self._registry = None

    def labels(self) -> dict[str, str]:
        """Registry label by the page's prefixed name of each entity."""
        return {_page_name(ref): entity.label for ref, entity in self.registry.entities.items()}

    def refs(self) -> set[str]:
        return {_page_name(ref) for ref in self.registry.entities}

    def documents(self) -> list[ReviewDocument]:
        return list_documents(self.shared, self.data_dir)

    def document(self, stem: str) -> ReviewDocument:
        return find_document(stem, self.shared, self.data_dir)

    def open(self, stem: str) -> Review:
        return open_review(self.document(stem), self.data_dir, self.registry)

    def search(self, text: str, kinds: list[str], limit: int = 20) -> list[dict]:
        """Registry entities of `kinds` (all when empty) whose label or IRI contains `text`."""
        wanted = text.strip().lower()
        found: dict[str, dict] = {}
        for (kind, name), ref in sorted(self.registry.names.items()):
            if (kinds and kind not in kinds) or (wanted not in name and wanted not in ref):
                continue
            label = self.registry.entities[ref].label
            found.setdefault(ref, {"iri": _page_name(ref), "label": label, "kind": kind})
            if len(found) >= limit:
                break
        return list(found.values())
