"""Every source of the graph being served by its file name (title, publisher, original address), for
the answers' source cells, which the named queries give as file names; read at the first answer that
needs it and kept while the same backend serves (a new build swaps the backend, and it is read again)."""

from __future__ import annotations

from dataclasses import dataclass

import anyio
from starlette.requests import Request

from integrationsgraph.server.linked_data.resource_data import SourceInfo, labels_of, sources_of_graphs


@dataclass(frozen=True)
class SourceCatalogue:
    by_file: dict[str, SourceInfo]
    labels: dict[str, dict[str, str]]  # the curated publishers' labels

    def publisher(self, info: SourceInfo, language: str) -> str:
        return info.publisher_name(self.labels, language)


async def source_catalogue(request: Request) -> SourceCatalogue:
    state = request.app.state
    if getattr(state, "source_catalogue_lock", None) is None:
        state.source_catalogue_lock = anyio.Lock()
    async with state.source_catalogue_lock:
        backend = state.backend
        cached = getattr(state, "source_catalogue", None)
        if cached is None or cached[0] is not backend:
            sources = await sources_of_graphs(backend, None)
            publishers = {info.publisher for info in sources.values() if info.publisher}
            catalogue = SourceCatalogue(
                {info.file: info for info in sources.values()}, await labels_of(backend, publishers)
            )
            state.source_catalogue = (backend, catalogue)
    return state.source_catalogue[1]
