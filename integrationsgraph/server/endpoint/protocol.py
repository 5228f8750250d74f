"""Reading a SPARQL 1.1 Protocol request: which operation, which text, which dataset.

https://www.w3.org/TR/sparql11-protocol/ allows three ways to send a query (GET with `query=`, POST of a
form, POST of the query itself as `application/sparql-query`) and two to send an update. This endpoint is
read-only: a well-formed update gets 403, a malformed one 400, both before anything runs.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qs

import pyoxigraph as ox
from pyparsing.exceptions import ParseBaseException
from rdflib.plugins.sparql.parser import parseUpdate
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request

from integrationsgraph.server.http.problems import HTTPProblem
from integrationsgraph.sparql.answering import check_query_length
from integrationsgraph.sparql.backends import Dataset
from integrationsgraph.sparql.guards import PARSE_SECONDS, rdflib_parsing, refuse_remote_update
from integrationsgraph.sparql.time_budget import BudgetExceeded

FORM = "application/x-www-form-urlencoded"
QUERY = "application/sparql-query"
UPDATE = "application/sparql-update"
MAX_BODY_BYTES = 1_000_000


@dataclass(frozen=True)
class QueryOperation:
    text: str
    dataset: Dataset
    timeout: str | None = None  # the `timeout` parameter as sent (see deadline.query_deadline)


@dataclass(frozen=True)
class NoOperation:
    """A request without a query: the endpoint describes itself (query page or Service Description)."""


Operation = QueryOperation | NoOperation


def _bad_request(detail: str) -> HTTPProblem:
    return HTTPProblem(400, "Bad request", detail)


def _unsupported(detail: str) -> HTTPProblem:
    return HTTPProblem(415, "Unsupported media type", detail)


def _content_type(request: Request) -> tuple[str, str | None]:
    """The media type (lower case) and charset of the request body, or ("", None) when not given."""
    raw = request.headers.get("content-type", "")
    media_type, *params = (part.strip() for part in raw.split(";"))
    charset = None
    for param in params:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip('"').lower()
    return media_type.lower(), charset


async def _utf8_body(request: Request, charset: str | None) -> str:
    if charset not in (None, "utf-8", "utf8"):
        raise _unsupported(f"the body must be UTF-8 encoded, not {charset}")
    body = await request.body()
    settings = getattr(request.app.state, "settings", None)
    limit = settings.max_body_bytes if settings is not None else MAX_BODY_BYTES
    if len(body) > limit:
        detail = f"the body has {len(body)} bytes; the limit is {limit}"
        raise HTTPProblem(413, "Request body too large", detail, limit=limit)
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise _bad_request(f"the body is not valid UTF-8: {error}") from None


def _url_parameters(request: Request) -> dict[str, list[str]]:
    return parse_qs(request.url.query, keep_blank_values=True)


def _merge(*sources: dict[str, list[str]]) -> dict[str, list[str]]:
    merged: dict[str, list[str]] = {}
    for source in sources:
        for name, values in source.items():
            merged.setdefault(name, []).extend(values)
    return merged


def _graph_iris(parameters: dict[str, list[str]], name: str) -> tuple[str, ...]:
    for value in parameters.get(name, []):
        try:
            ox.NamedNode(value)
        except ValueError as error:
            raise _bad_request(f"{name} {value!r} is not an absolute IRI: {error}") from None
    return tuple(parameters.get(name, []))


def _dataset(parameters: dict[str, list[str]]) -> Dataset:
    return Dataset(_graph_iris(parameters, "default-graph-uri"), _graph_iris(parameters, "named-graph-uri"))


async def read_operation(request: Request) -> Operation:
    """The operation a GET or POST carries; raises HTTPProblem for every protocol violation."""
    url_parameters = _url_parameters(request)
    if request.method in ("GET", "HEAD"):
        if "update" in url_parameters:
            raise _bad_request("an update cannot be sent with GET (and this endpoint is read-only)")
        return await _from_parameters(request, url_parameters)
    media_type, charset = _content_type(request)
    if media_type == FORM:
        form = parse_qs(await _utf8_body(request, charset), keep_blank_values=True)
        return await _from_parameters(request, _merge(url_parameters, form))
    if media_type == QUERY:
        if "query" in url_parameters or "update" in url_parameters:
            raise _bad_request("a direct POST carries the query in the body, not also in the URL")
        text = await _utf8_body(request, charset)
        return QueryOperation(text, _dataset(url_parameters), _timeout(url_parameters))
    if media_type == UPDATE:
        await _refuse_update(request, [await _utf8_body(request, charset)], url_parameters)
    if not media_type:
        raise _unsupported(f"a POST needs a Content-Type: {FORM} or {QUERY}")
    raise _unsupported(f"{media_type} is not a SPARQL request; send {FORM} or {QUERY}")


async def _from_parameters(request: Request, parameters: dict[str, list[str]]) -> Operation:
    queries, updates = parameters.get("query", []), parameters.get("update", [])
    if queries and updates:
        raise _bad_request("a request carries either a query or an update, not both")
    if updates:
        await _refuse_update(request, updates, parameters)
    if len(queries) > 1:
        raise _bad_request(f"the request has {len(queries)} query parameters; send exactly one")
    if not queries:
        return NoOperation()
    return QueryOperation(queries[0], _dataset(parameters), _timeout(parameters))


def _timeout(parameters: dict[str, list[str]]) -> str | None:
    values = parameters.get("timeout", [])
    if len(values) > 1:
        raise _bad_request(f"the request has {len(values)} timeout parameters; send at most one")
    return values[0] if values else None


async def _refuse_update(request: Request, updates: list[str], parameters: dict[str, list[str]]) -> None:
    """Always raises: 400 for a malformed update request or one that would fetch (LOAD, SERVICE), else 403.

    The update is parsed (to tell a malformed one, 400, from a well-formed one, 403) off the event loop,
    and only up to the query length limit; every way the parser can fail is a 400."""
    if len(updates) > 1:
        raise _bad_request(f"the request has {len(updates)} update parameters; send exactly one")
    settings = getattr(request.app.state, "settings", None)
    if settings is not None:
        check_query_length(updates[0], settings.max_query_length)
    parsed = await run_in_threadpool(_parse_update, updates[0])
    refuse_remote_update(parsed)
    protocol_dataset = "using-graph-uri" in parameters or "using-named-graph-uri" in parameters
    if protocol_dataset and any(_names_own_dataset(operation) for operation in parsed.request):
        raise _bad_request("using-graph-uri/using-named-graph-uri conflict with WITH or USING in the update")
    raise HTTPProblem(
        403, "Read-only endpoint", "This SPARQL endpoint is read-only: it answers queries, not updates."
    )


def _parse_update(text: str):
    """rdflib's parse of the update, under the parser's lock and time limit (`guards.rdflib_parsing`)."""
    try:
        with rdflib_parsing():
            return parseUpdate(text)
    except BudgetExceeded:
        raise HTTPProblem(
            400, "Update syntax error", f"the update takes over {PARSE_SECONDS:g} s to read; simplify it"
        ) from None
    except ParseBaseException as error:
        raise HTTPProblem(
            400, "Update syntax error", str(error), line=error.lineno, column=error.col
        ) from None
    except RecursionError:
        raise HTTPProblem(
            400, "Update syntax error", "the update is nested too deeply to be read (groups within groups)"
        ) from None
    except ValueError as error:  # rdflib decodes escapes as it parses: \U00110000 is no character
        raise HTTPProblem(400, "Update syntax error", str(error)) from None


def _names_own_dataset(operation) -> bool:
    return any(key in operation for key in ("withClause", "using"))
