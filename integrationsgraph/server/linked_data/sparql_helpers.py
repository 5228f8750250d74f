"""Small helpers for asking the backend: the rows, answer or triples of a query
(parsed off the event loop)."""

from __future__ import annotations

import pyoxigraph as ox
from starlette.concurrency import run_in_threadpool

from integrationsgraph.sparql.backends import Backend


async def select(backend: Backend, text: str) -> list[dict[str, ox.NamedNode | ox.Literal | ox.BlankNode]]:
    result = await backend.query(text)
    return await run_in_threadpool(result.rows)


async def ask(backend: Backend, text: str) -> bool:
    return (await backend.query(text)).boolean


async def construct(backend: Backend, text: str) -> list[ox.Triple]:
    result = await backend.query(text)
    return await run_in_threadpool(result.triples)
