"""The review page's web app: a document list, one page per document, and a small JSON API.

It is served on 127.0.0.1 only and answers only requests addressed to that host (so a web page elsewhere
cannot reach it through DNS rebinding); a save must be a JSON POST from the page's own origin. Routes:

| route | what |
|---|---|
| `GET /` | the documents of ../shared, curated or not |
| `GET /documents/{stem}` | the review page of one document |
| `GET /api/documents/{stem}` | its text, fact cards and proposed entities (JSON) |
| `POST /api/documents/{stem}` | save: 200 with the files written, 422 with the problems (nothing written) |
| `GET /api/entities?q=…&kinds=person,land` | registry entities whose labels contain the text |
| `GET /api/vocabulary` | fields per kind of fact, concept choices, entity kinds |
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from integrationsgraph.errors import DataNonConformant, InputError, UsageError
from integrationsgraph.review.opening import review_json
from integrationsgraph.review.saving import save_review
from integrationsgraph.review.vocabulary import page_vocabulary
from integrationsgraph.review.workspace import Workspace

HERE = Path(__file__).resolve().parent
TEMPLATES = Jinja2Templates(directory=HERE / "templates")
LOOPBACK_HOSTS = ["127.0.0.1", "localhost"]
MAX_SAVE_BYTES = 5_000_000
T = TypeVar("T")


def _problem(status: int, title: str, problems: list[str]) -> JSONResponse:
    return JSONResponse(
        {"error": {"status": status, "title": title, "problems": problems}}, status_code=status
    )


def _workspace(request: Request) -> Workspace:
    return request.app.state.workspace


async def document_list(request: Request) -> HTMLResponse:
    documents = await run_in_threadpool(_workspace(request).documents)
    return TEMPLATES.TemplateResponse(request, "index.html", {"documents": documents})


async def _of_document(request: Request, method: Callable[[str], T]) -> T:
    """A workspace method applied, in a worker thread, to the document the path names."""
    return await run_in_threadpool(method, request.path_params["stem"])


async def document_page(request: Request) -> Response:
    try:
        document = await _of_document(request, _workspace(request).document)
    except UsageError as error:
        return HTMLResponse(
            f"<!doctype html><title>Not found</title><p>{html.escape(str(error))}</p>", status_code=404
        )
    return TEMPLATES.TemplateResponse(request, "document.html", {"document": document})


async def document_data(request: Request) -> JSONResponse:
    workspace = _workspace(request)
    try:
        review = await _of_document(request, workspace.open)
    except UsageError as error:
        return _problem(404, "No such document", [str(error)])
    except InputError as error:
        return _problem(422, "The document or its data file cannot be read", [str(error)])
    return JSONResponse(review_json(review, workspace.labels()))


def _same_origin(request: Request) -> bool:
    origin = request.headers.get("origin")
    return origin is None or origin == f"{request.url.scheme}://{request.url.netloc}"


async def save(request: Request) -> JSONResponse:
    if not _same_origin(request):
        return _problem(403, "Saving is only allowed from the review page itself", [])
    if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
        return _problem(415, "A save is a JSON request", ["send Content-Type: application/json"])
    body = await request.body()
    if len(body) > MAX_SAVE_BYTES:
        return _problem(413, "The request is too large", [f"at most {MAX_SAVE_BYTES} bytes"])
    try:
        payload = json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        return _problem(400, "The request is not JSON", [str(error)])
    if not isinstance(payload, dict):
        return _problem(400, "The request must be a JSON object", [])
    try:
        saved = await run_in_threadpool(
            save_review, _workspace(request), request.path_params["stem"], payload
        )
    except DataNonConformant as error:
        return _problem(
            422, "The data would not build; nothing was written", [str(p) for p in error.problems]
        )
    except (UsageError, InputError) as error:
        return _problem(422, "Nothing was written", [str(error)])
    root = _workspace(request).data_dir
    written = [str(path.relative_to(root.parent)) if path.is_relative_to(root.parent) else str(path)
               for path in saved.written]  # fmt: skip
    return JSONResponse({"written": written, "counts": saved.counts})


async def entity_search(request: Request) -> JSONResponse:
    kinds = [k for k in request.query_params.get("kinds", "").split(",") if k]
    found = await run_in_threadpool(_workspace(request).search, request.query_params.get("q", ""), kinds)
    return JSONResponse({"entities": found})


async def vocabulary(request: Request) -> JSONResponse:
    return JSONResponse(page_vocabulary(_workspace(request).ontology_dir))


def create_review_app(workspace: Workspace) -> Starlette:
    routes = [
        Route("/", document_list, name="documents"),
        Route("/documents/{stem}", document_page, name="document"),
        Route("/api/documents/{stem}", document_data, methods=["GET"], name="document_data"),
        Route("/api/documents/{stem}", save, methods=["POST"], name="save"),
        Route("/api/entities", entity_search, name="entities"),
        Route("/api/vocabulary", vocabulary, name="vocabulary"),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    app = Starlette(
        routes=routes, middleware=[Middleware(TrustedHostMiddleware, allowed_hosts=LOOPBACK_HOSTS)]
    )
    app.state.workspace = workspace
    return app
