"""Every source of the graph being served by its file name (title, publisher, original address), for
the answers' source cells, which the named queries give as file names; read at the first answer that
needs it and kept while the same backend serves (a new build swaps the backend, and it is read again)."""

from __future__ import annotations

from dataclasses import dataclass

from starlette.requests import Request

from integrationsgraph.server.linked_data.resource_data import SourceInfo, labels_of, sources_of_graphs
from integrationsgraph.server.per_backend import per_backend
from integrationsgraph.sparql.backends import Backend


@dataclass(frozen=True)
class SourceCatalogue:
    by_file: dict[str, SourceInfo]
    labels: dict[str, dict[str, str]]  # the curated publishers' labels

    def publisher(self, info: SourceInfo, language: str) -> str:
        return info.publisher_name(self.labels, language)


async def source_catalogue(request: Request) -> SourceCatalogue:
    return await per_backend(request.app.state, "source_catalogue", _read_catalogue)


async def _read_catalogue(backend: Backend) -> SourceCatalogue:
    sources = await sources_of_graphs(backend, None)
    publishers = {info.publisher for info in sources.values() if info.publisher}
    return SourceCatalogue(
        {info.file: info for info in sources.values()}, await labels_of(backend, publishers)
    )
