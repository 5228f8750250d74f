"""Graph exports over HTTP: `/export?format=graphml|gexf|dot|cytoscape&scope=all|entity|construct`
with `entity=IRI&depth=N` or `query=CONSTRUCT…`, `lang=de|en`, `inferred=true` (the same writers as
`integrationsgraph export`). A CONSTRUCT scope runs in the backend like any query: guarded (no SERVICE)
and, in `serve`, in a sandboxed query worker.

An export is several queries and then work in Python (a networkx graph, its serialization), seconds for a
large scope: it runs on a worker thread, so the event loop keeps answering everyone else, and under one
deadline (the `query_timeout` setting, or less with `timeout=`) for all of its queries together."""

from __future__ import annotations

import asyncio
import time

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from integrationsgraph.errors import UsageError
from integrationsgraph.exports.exporting import export
from integrationsgraph.exports.scope import Scope
from integrationsgraph.exports.writers import FORMATS
from integrationsgraph.namespaces import sparql_prologue
from integrationsgraph.server.endpoint.deadline import query_deadline
from integrationsgraph.server.http.problems import HTTPProblem
from integrationsgraph.server.linked_data.links import public_base
from integrationsgraph.server.pages.localization import page_language
from integrationsgraph.settings import Settings
from integrationsgraph.sparql.backends import QueryTimeout

TRUE = ("1", "true", "yes", "on")


def scope_from(request: Request) -> Scope:
    params = request.query_params
    kind = params.get("scope") or ("entity" if params.get("entity") else "all")
    inferred = params.get("inferred", "").lower() in TRUE
    base = public_base(request)
    if kind == "entity":
        try:
            depth = int(params.get("depth", "1"))
        except ValueError:
            raise UsageError(f"depth: {params.get('depth')!r} is not a number") from None
        return Scope("entity", entity=params.get("entity"), depth=depth, inferred=inferred, base=base)
    if kind == "construct":
        text = params.get("query", "")
        return Scope(
            "construct", construct=sparql_prologue() + text if text else "", inferred=inferred, base=base
        )
    return Scope(kind, inferred=inferred, base=base)  # type: ignore[arg-type]  (Scope checks the kind)


class _DeadlineBackend:
    """The served backend as an export on a worker thread sees it: each query is handed to the event loop
    (where the backend lives) with what is left of the export's one deadline."""

    def __init__(self, backend, loop: asyncio.AbstractEventLoop, seconds: float):
        self.backend = backend
        self.loop = loop
        self.seconds = seconds
        self.deadline = time.monotonic() + seconds

    async def query(self, text: str, *, refuse_federation: bool = False):
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise QueryTimeout(self.seconds)
        query = self.backend.query(text, timeout=left, refuse_federation=refuse_federation)
        future = asyncio.run_coroutine_threadsafe(query, self.loop)
        return await asyncio.wrap_future(future)

    def export(self, scope: Scope, format_name: str, language: str) -> bytes:
        """Run the whole export on this (worker) thread, in an event loop of its own."""
        return asyncio.run(export(self, scope, format_name, language))


async def export_graph(request: Request) -> Response:
    format_name = request.query_params.get("format", "")
    settings = request.app.state.settings
    seconds = query_deadline(
        request, request.query_params.get("timeout"), settings.query_timeout, settings.min_query_timeout
    )
    try:
        scope = scope_from(request)
        if format_name not in FORMATS:
            raise UsageError(f"format: {format_name!r} is not one of {', '.join(FORMATS)}")
        backend = _DeadlineBackend(request.app.state.backend, asyncio.get_running_loop(), seconds)
        data = await run_in_threadpool(backend.export, scope, format_name, page_language(request))
    except UsageError as error:
        raise HTTPProblem(400, "Bad request", str(error)) from None
    media_type, suffix = FORMATS[format_name]
    headers = {"Content-Disposition": f'attachment; filename="integrationsgraph-{scope.kind}.{suffix}"'}
    if format_name == "cytoscape":
        headers = {}  # the graph view fetches it: inline
    return Response(data, media_type=media_type, headers=headers)


def routes(settings: Settings) -> list[BaseRoute]:
    return [Route("/export", export_graph, methods=["GET"], name="export")]
