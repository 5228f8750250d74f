"""The label index of the graph being served (`LabelIndex`), built at the first request that needs it
and kept while the same backend serves; a new build swaps the backend, and the index is built again."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request

from integrationsgraph.queries.label_search import INDEX_QUERY, LabelIndex, index_rows
from integrationsgraph.server.per_backend import per_backend
from integrationsgraph.sparql.backends import Backend, QueryResult


async def label_index(request: Request) -> LabelIndex:
    """The index of the backend now serving, built once for it."""
    return await per_backend(request.app.state, "label_index", _index_of)


async def _index_of(backend: Backend) -> LabelIndex:
    return await run_in_threadpool(_build, await backend.query(INDEX_QUERY))


def _build(result: QueryResult) -> LabelIndex:
    rows = ((row["entity"], row["preferred"], row["label"], row.get("types")) for row in result.rows())
    return LabelIndex(index_rows(rows))
