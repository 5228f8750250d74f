"""The label index of the graph being served (`LabelIndex`), built at the first request that needs it
and kept while the same backend serves; a new build swaps the backend, and the index is built again."""

from __future__ import annotations

import anyio
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request

from integrationsgraph.queries.label_search import INDEX_QUERY, LabelIndex, index_rows
from integrationsgraph.sparql.backends import QueryResult


async def label_index(request: Request) -> LabelIndex:
    """The index of the backend now serving, built once for it."""
    state = request.app.state
    if getattr(state, "label_index_lock", None) is None:
        state.label_index_lock = anyio.Lock()
    async with state.label_index_lock:
        backend = state.backend
        cached = getattr(state, "label_index", None)
        if cached is None or cached[0] is not backend:
            result = await backend.query(INDEX_QUERY)
            index = await run_in_threadpool(_build, result)
            state.label_index = (backend, index)
    return state.label_index[1]


def _build(result: QueryResult) -> LabelIndex:
    rows = ((row["entity"], row["preferred"], row["label"], row.get("types")) for row in result.rows())
    return LabelIndex(index_rows(rows))
