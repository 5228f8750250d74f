"""Small helpers for asking the backend: an IRI as a query term, and the rows, answer or triples of a query
(parsed off the event loop)."""

from __future__ import annotations

import pyoxigraph as ox
from starlette.concurrency import run_in_threadpool

from integrationsgraph.sparql.backends import Backend


def iri_ref(iri: str) -> str:
    """`<iri>` for SPARQL text; refuses characters that could break out of the IRI reference."""
    if any(char in iri for char in '<>"{}|^`\\ \n\r\t'):
        raise ValueError(f"not an IRI usable in a query: {iri!r}")
    return f"<{iri}>"


async def select(backend: Backend, text: str) -> list[dict[str, ox.NamedNode | ox.Literal | ox.BlankNode]]:
    result = await backend.query(text)
    return await run_in_threadpool(result.rows)


async def ask(backend: Backend, text: str) -> bool:
    return (await backend.query(text)).boolean


async def construct(backend: Backend, text: str) -> list[ox.Triple]:
    result = await backend.query(text)
    return await run_in_threadpool(result.triples)
