"""The Starlette application: every route in one table, the backend and settings on `app.state`."""

from __future__ import annotations

import contextlib
import importlib
import logging
from collections.abc import AsyncIterator

import pyoxigraph as ox
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from integrationsgraph.server.backends import Backend, EmbeddedBackend
from integrationsgraph.server.datafiles import load_files
from integrationsgraph.server.errors import EXCEPTION_HANDLERS
from integrationsgraph.server.guards import refuse_federated_query
from integrationsgraph.server.negotiation import negotiate
from integrationsgraph.server.protocol import NoOperation, read_operation
from integrationsgraph.server.remote_backend import RemoteBackend
from integrationsgraph.server.results import (
    DESCRIPTION_OFFERS,
    negotiate_query,
    not_acceptable,
    with_charset,
)
from integrationsgraph.server.service_description import (
    dataset_statistics,
    description_triples,
    request_base_url,
    serialize_description,
)
from integrationsgraph.server.settings import Settings
from integrationsgraph.store import open_store

log = logging.getLogger("integrationsgraph.server")

# Modules of the pages part that contribute routes, each with `routes(settings) -> list[BaseRoute]`.
CONTRIBUTING_MODULES = ("integrationsgraph.server.pages", "integrationsgraph.server.named_queries")
# The linked-data part: dereferencing, ontology docs, dataset description, dumps, exports, views.
CONTRIBUTING_MODULES += (
    "integrationsgraph.server.ontology_docs", "integrationsgraph.server.resources",
    "integrationsgraph.server.dataset", "integrationsgraph.server.discovery",
)


def _optional_module(name: str):
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as error:
        if error.name != name:
            raise  # the module exists but one of its own imports is missing: a real error
        return None


async def sparql_endpoint(request: Request) -> Response:
    """The SPARQL 1.1 Protocol: a query by GET, form POST or direct POST; no query: describe the service."""
    operation = await read_operation(request)
    if isinstance(operation, NoOperation):
        return await describe_service(request)
    negotiated = negotiate_query(request.headers.get("accept"))
    await run_in_threadpool(refuse_federated_query, operation.text)  # may parse: off the event loop
    backend: Backend = request.app.state.backend
    endpoint = request.app.state.settings.endpoint_url(request_base_url(request))
    result = await backend.query(operation.text, operation.dataset, negotiated.preferred_formats(), endpoint)
    media_type = negotiated.media_type_for(result)
    body = await run_in_threadpool(result.serialize, negotiated.format_for(result))
    return Response(body, media_type=with_charset(media_type), headers={"Vary": "Accept"})


async def describe_service(request: Request) -> Response:
    """The query page for browsers, the Service Description for RDF clients."""
    pages = _optional_module("integrationsgraph.server.pages")
    # HTML comes last, so a client that names no type (curl's */*) gets Turtle, not the page.
    offers = [*DESCRIPTION_OFFERS, *(["text/html"] if pages else [])]
    chosen = negotiate(request.headers.get("accept"), offers)
    if chosen is None:
        raise not_acceptable(dict.fromkeys(offers))
    if chosen == "text/html":
        return await pages.query_page(request)
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
    ]
    for name in CONTRIBUTING_MODULES:
        module = _optional_module(name)
        if module is not None:
            table += module.routes(settings)
    return table


def create_app(settings: Settings, backend: Backend | None = None) -> Starlette:
    """The application serving `backend` (by default the one the settings name: see `open_backend`)."""
    backend = backend if backend is not None else open_backend(settings)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        await backend.close()

    app = Starlette(routes=routes(settings), exception_handlers=EXCEPTION_HANDLERS, lifespan=lifespan)
    app.state.settings = settings
    app.state.backend = backend
    app.state.dataset_statistics = None
    return app


def open_backend(settings: Settings) -> Backend:
    """A remote endpoint, the given data files in memory, or the current build (copied into memory)."""
    if settings.sparql_backend:
        return RemoteBackend(settings.sparql_backend)
    if settings.data:
        names = ", ".join(str(path) for path in settings.data)
        return EmbeddedBackend(load_files(settings.data), f"files {names}", settings.query_threads)
    # In memory, aggregations run several times faster than on the read-only disk store.
    memory = ox.Store()
    memory.extend(open_store(settings.build_dir))
    return EmbeddedBackend(memory, f"build in {settings.build_dir}", settings.query_threads)
