"""The Starlette application: every route in one table, the backend and settings on `app.state`."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from integrationsgraph.server import serving
from integrationsgraph.server.endpoint.http_answers import answer_query
from integrationsgraph.server.endpoint.http_cache import ResponseCache
from integrationsgraph.server.endpoint.protocol import NoOperation, read_operation
from integrationsgraph.server.endpoint.results import DESCRIPTION_OFFERS, not_acceptable, with_charset
from integrationsgraph.server.endpoint.service_description import (
    dataset_statistics,
    description_triples,
    request_base_url,
    serialize_description,
)
from integrationsgraph.server.http.metrics import Metrics, metrics_page
from integrationsgraph.server.http.middleware import middleware_stack
from integrationsgraph.server.http.negotiation import negotiate
from integrationsgraph.server.http.problems import EXCEPTION_HANDLERS
from integrationsgraph.server.http.slow_readers import SlowReaderDroppingApp
from integrationsgraph.server.linked_data import dataset_description, discovery, ontology_docs, resources
from integrationsgraph.server.pages import named_queries, rendering, search
from integrationsgraph.server.reloader import BuildReloader
from integrationsgraph.server.views import exports_http, view_pages
from integrationsgraph.settings import Settings
from integrationsgraph.sparql.backends import Backend

log = logging.getLogger("integrationsgraph.server")

# The parts that contribute routes, each with `routes(settings) -> list[BaseRoute]`: the pages, then the
# linked-data part (dereferencing, ontology docs, dataset description, dumps, exports, views).
CONTRIBUTING_MODULES = (
    rendering,
    named_queries,
    search,
    ontology_docs,
    resources,
    dataset_description,
    discovery,
    exports_http,
    view_pages,
)


async def sparql_endpoint(request: Request) -> Response:
    """The SPARQL 1.1 Protocol: a query by GET, form POST or direct POST; no query: describe the service."""
    operation = await read_operation(request)
    if isinstance(operation, NoOperation):
        return await describe_service(request)
    return await answer_query(request, operation)  # limits, guards, deadline, caching: answering.py


async def describe_service(request: Request) -> Response:
    """The query page for browsers, the Service Description for RDF clients."""
    # HTML comes last, so a client that names no type (curl's */*) gets Turtle, not the page.
    offers = [*DESCRIPTION_OFFERS, "text/html"]
    chosen = negotiate(request.headers.get("accept"), offers)
    if chosen is None:
        raise not_acceptable(dict.fromkeys(offers))
    if chosen == "text/html":
        return await rendering.query_page(request)
    state = request.app.state
    if state.dataset_statistics is None:
        # The served graph does not change while the server runs, so the counts are taken once.
        state.dataset_statistics = await dataset_statistics(state.backend)
    default_size, named_sizes = state.dataset_statistics
    endpoint = state.settings.endpoint_url(request_base_url(request))
    triples = description_triples(endpoint, default_size, named_sizes)
    body = serialize_description(triples, DESCRIPTION_OFFERS[chosen])
    return Response(body, media_type=with_charset(chosen), headers={"Vary": "Accept"})


async def health(request: Request) -> Response:
    """Liveness: answers without touching the store, so a slow query never fails the health check."""
    return JSONResponse({"status": "ok", "backend": request.app.state.backend.label})


def routes(settings: Settings) -> list[BaseRoute]:
    """Every route of the site, the endpoint's first, then those of the pages part."""
    table: list[BaseRoute] = [
        Route("/sparql", sparql_endpoint, methods=["GET", "POST"], name="sparql"),
        Route("/sparql/", sparql_endpoint, methods=["GET", "POST"]),
        Route("/query", sparql_endpoint, methods=["GET", "POST"]),
        Route("/healthz", health, methods=["GET"], name="healthz"),
        Route("/metrics", metrics_page, methods=["GET"], name="metrics"),
    ]
    for module in CONTRIBUTING_MODULES:
        table += module.routes(settings)
    return table


def create_app(settings: Settings, backend: Backend | None = None) -> Starlette:
    """The application serving `backend` (by default the one the settings name: see `open_backend`)."""
    # Only a backend opened here from the build is replaced when a new build appears.
    watch_build = backend is None and not (settings.data or settings.sparql_backend)
    backend = backend if backend is not None else open_backend(settings)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        start = getattr(app.state.backend, "start", None)
        if start is not None:
            await start()  # the worker processes open the store before the first request
        reloader = BuildReloader(app, app.state.release) if watch_build else None
        watching = None
        if reloader is not None and settings.reload_interval > 0:
            watching = asyncio.get_running_loop().create_task(reloader.watch())
        try:
            yield
        finally:
            if watching is not None:
                watching.cancel()
                await asyncio.gather(watching, return_exceptions=True)
            if reloader is not None:
                await reloader.close()
            await app.state.backend.close()

    metrics = Metrics()
    app = SlowReaderDroppingApp(
        routes=routes(settings), exception_handlers=EXCEPTION_HANDLERS, lifespan=lifespan,
        middleware=middleware_stack(settings, metrics),
    )  # fmt: skip
    app.state.settings = settings
    app.state.backend = backend
    app.state.release = serving.served_release(settings, backend)  # its dumps are the ones served
    app.state.dataset_statistics = None
    app.state.metrics = metrics
    app.state.response_cache = ResponseCache(settings.response_cache_bytes)
    return app


def open_backend(settings: Settings) -> Backend:
    """A remote endpoint, or a pool of query worker processes over the data files or the current build."""
    return serving.open_backend(settings)
