"""One shape for every HTTP error: JSON for API clients, an HTML page for browsers.

JSON: `{"error": {"status": 400, "title": "Query syntax error", "detail": "...", ...}}` as
`application/json`; extra members (such as `line` and `column`) sit beside the three required ones.
A client whose Accept header prefers `text/html` over `application/json` gets a small HTML page instead.

Every error answer carries `Cache-Control: no-store`. The successful answers are `public` and cached for
minutes (the graph does not change), but an error is about one moment or one request: a 503 or 504 says
the server was busy then, a 400 may come from a header no cache keys on (a bad forwarding header), and a
shared cache that kept one would hand it to every later client. Errors are cheap to produce again.
"""

from __future__ import annotations

import html
import importlib
import json
import logging

from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response

from integrationsgraph.server.http.negotiation import negotiate
from integrationsgraph.sparql.answering import QueryTooLong, ResultNotMarkable
from integrationsgraph.sparql.backends import (
    BackendUnavailable,
    QueryMemoryExceeded,
    QuerySyntaxError,
    QueryTimeout,
    ServerBusy,
)
from integrationsgraph.sparql.guards import TITLE as FEDERATION_REFUSED
from integrationsgraph.sparql.guards import FederationRefused

log = logging.getLogger("integrationsgraph.server")

STATUS_TITLES = {
    400: "Bad request",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    406: "Not acceptable",
    408: "Request timeout",
    413: "Request body too large",
    415: "Unsupported media type",
    500: "Internal server error",
    502: "Bad gateway",
    503: "Service unavailable",
    504: "Query timeout",
    507: "Query needs too much memory",
}


ERROR_CACHE_CONTROL = "no-store"  # why: the module's docstring
CLIENT_CLOSED = 499  # nginx's code for "the client closed the connection": logged, never seen by anyone


class HTTPProblem(Exception):
    """Raised by request handlers to answer with an error; the app turns it into `error_response`."""

    def __init__(self, status: int, title: str, detail: str, headers: dict[str, str] | None = None, **extra):
        super().__init__(f"{status} {title}: {detail}")
        self.status = status
        self.title = title
        self.detail = detail
        self.headers = headers or {}
        self.extra = extra


def wants_html(request: Request) -> bool:
    """Whether the client prefers an HTML page to JSON (a browser, not an API client)."""
    return negotiate(request.headers.get("accept"), ["application/json", "text/html"]) == "text/html"


def error_response(
    request: Request,
    status: int,
    title: str,
    detail: str,
    headers: dict[str, str] | None = None,
    **extra,
) -> Response:
    """The error as JSON or as an HTML page, depending on the request's Accept header."""
    body = {"status": status, "title": title, "detail": detail, **extra}
    headers = {"Vary": "Accept", "Cache-Control": ERROR_CACHE_CONTROL, **(headers or {})}
    if wants_html(request):
        return Response(
            _site_page(request, body) or _page(body), status, headers, media_type="text/html; charset=utf-8"
        )
    return Response(
        error_json(status, title, detail, **extra), status, headers, media_type="application/json"
    )


def error_json(status: int, title: str, detail: str, **extra) -> bytes:
    """The JSON error body (also written by the HTTP server itself, before there is a request)."""
    body = {"status": status, "title": title, "detail": detail, **extra}
    return (json.dumps({"error": body}, ensure_ascii=False, indent=2) + "\n").encode()


def _site_page(request: Request, body: dict) -> str | None:
    """The error in the site's frame and language (`pages.error_page`); None where that cannot be had
    (an app without the pages part, or an error about the page language itself)."""
    try:
        # imported here: the pages part imports this module, and an app may run without it
        pages = importlib.import_module("integrationsgraph.server.pages.rendering")
        return pages.error_page(request, body)
    except Exception:  # the plain page below always works
        return None


def _page(body: dict) -> str:
    rows = "".join(
        f"<tr><th>{html.escape(str(key))}</th><td>{html.escape(str(value))}</td></tr>"
        for key, value in body.items()
        if key not in ("status", "title", "detail")
    )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{body['status']} {html.escape(body['title'])}</title></head><body>"
        f"<h1>{body['status']} {html.escape(body['title'])}</h1>"
        f'<pre class="detail">{html.escape(body["detail"])}</pre>'
        + (f"<table>{rows}</table>" if rows else "")
        + '<p><a href="/">Home</a> · <a href="/sparql">SPARQL query page</a></p></body></html>\n'
    )


async def handle_problem(request: Request, problem: HTTPProblem) -> Response:
    return error_response(
        request, problem.status, problem.title, problem.detail, problem.headers, **problem.extra
    )


async def handle_http_exception(request: Request, exception: HTTPException) -> Response:
    status = exception.status_code
    title = STATUS_TITLES.get(status, "Error")
    headers = dict(exception.headers or {})
    if status == 404:
        detail = f"No resource at {request.url.path}."
    elif status == 405:
        detail = f"{request.method} is not allowed at {request.url.path}; use {headers.get('Allow', 'GET')}."
    else:
        detail = exception.detail
    return error_response(request, status, title, detail, headers)


async def handle_syntax_error(request: Request, error: QuerySyntaxError) -> Response:
    position = {"line": error.line, "column": error.column} if error.line is not None else {}
    return error_response(request, 400, "Query syntax error", str(error), **position)


async def handle_federation_refused(request: Request, error: FederationRefused) -> Response:
    return error_response(request, 400, FEDERATION_REFUSED, error.detail)


async def handle_backend_unavailable(request: Request, error: BackendUnavailable) -> Response:
    log.error("SPARQL backend failed: %s", error)
    return error_response(request, 502, "SPARQL backend unavailable", str(error))


async def handle_query_timeout(request: Request, error: QueryTimeout) -> Response:
    detail = f"{error}; ask a narrower question (a LIMIT, fewer patterns) or try again later."
    return error_response(request, 504, "Query timeout", detail, timeout=error.seconds)


async def handle_memory_exceeded(request: Request, error: QueryMemoryExceeded) -> Response:
    # 507 (insufficient storage): the same query would fail again, so no Retry-After.
    detail = f"{error}; ask a narrower question (a LIMIT, fewer patterns, no ORDER BY over many rows)."
    return error_response(request, 507, STATUS_TITLES[507], detail, limit=error.limit_bytes)


async def handle_query_too_long(request: Request, error: QueryTooLong) -> Response:
    return error_response(request, 413, "Query too long", str(error), limit=error.limit)


async def handle_result_not_markable(request: Request, error: ResultNotMarkable) -> Response:
    return error_response(request, 413, "Result too large", str(error), limit=error.limit)


async def handle_server_busy(request: Request, error: ServerBusy) -> Response:
    headers = {"Retry-After": str(error.retry_after)}
    return error_response(request, 503, "Server busy", f"{error}; retry later.", headers)


async def handle_client_disconnect(request: Request, error: ClientDisconnect) -> Response:
    """The client went away while sending its request: nobody to answer, nothing went wrong here."""
    log.info("client left during %s %s before sending the whole request", request.method, request.url.path)
    return Response(status_code=CLIENT_CLOSED)


async def handle_internal_error(request: Request, error: Exception) -> Response:
    # Starlette's ServerErrorMiddleware calls this and then re-raises, so the server logs the traceback too.
    log.exception("internal error answering %s %s", request.method, request.url.path, exc_info=error)
    return error_response(
        request, 500, "Internal server error", "The server failed to answer; the failure has been logged."
    )


EXCEPTION_HANDLERS = {
    HTTPProblem: handle_problem,
    HTTPException: handle_http_exception,
    QuerySyntaxError: handle_syntax_error,
    FederationRefused: handle_federation_refused,
    BackendUnavailable: handle_backend_unavailable,
    QueryTimeout: handle_query_timeout,
    QueryMemoryExceeded: handle_memory_exceeded,
    ServerBusy: handle_server_busy,
    QueryTooLong: handle_query_too_long,
    ResultNotMarkable: handle_result_not_markable,
    ClientDisconnect: handle_client_disconnect,
    Exception: handle_internal_error,
}
