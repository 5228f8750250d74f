"""Named queries over HTTP: `/queries` lists them, `/queries/NAME?param=value` runs one.

Both answer an HTML page or a machine-readable twin, chosen by `Accept` or by `?format=`:
the list as HTML or JSON; a run as SPARQL 1.1 JSON results, SPARQL 1.1 CSV results, or an HTML table.
Graph results (CONSTRUCT, DESCRIBE) come as the variables subject, predicate, object, like the CLI.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

import pyoxigraph as ox
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from integrationsgraph.errors import InputError, UsageError
from integrationsgraph.queries.catalog import NamedQuery
from integrationsgraph.queries.execute import QueryOutcome
from integrationsgraph.queries.formatting import compact_iri, to_csv, to_json
from integrationsgraph.server.backends import Dataset, QueryResult
from integrationsgraph.server.errors import HTTPProblem
from integrationsgraph.server.negotiation import negotiate
from integrationsgraph.server.pages import installed_catalog, named_query_catalog, path_for, render
from integrationsgraph.server.settings import Settings

# Media type offered for each `?format=` value; the first offer wins when Accept is absent.
LIST_FORMATS = {"json": "application/json", "html": "text/html"}
RUN_FORMATS = {"json": "application/sparql-results+json", "csv": "text/csv", "html": "text/html"}
RUN_ALIASES = {"application/json": "json"}  # clients that only name the generic type


def choose_format(request: Request, formats: dict[str, str], aliases: dict[str, str] | None = None) -> str:
    """The `?format=` value when given (400 if unknown), else the one `Accept` prefers (406 if none)."""
    requested = request.query_params.get("format")
    if requested is not None:
        if requested not in formats:
            choices = ", ".join(formats)
            raise HTTPProblem(400, "Bad request", f"parameter format: {requested!r} is not one of {choices}")
        return requested
    by_media_type = {media_type: name for name, media_type in formats.items()} | (aliases or {})
    chosen = negotiate(request.headers.get("accept"), list(by_media_type))
    if chosen is None:
        raise HTTPProblem(
            406, "Not acceptable", f"this resource is available as {', '.join(by_media_type)}",
            available=list(by_media_type),
        )  # fmt: skip
    return by_media_type[chosen]


def _query_or_404(request: Request, name: str) -> NamedQuery:
    catalog = named_query_catalog(request)
    if name not in catalog:
        known = ", ".join(sorted(catalog)) or "none"
        raise HTTPProblem(404, "Unknown named query", f"there is no named query {name!r}; known: {known}")
    return catalog[name]


def _with_query(path: str, values: dict[str, str]) -> str:
    return f"{path}?{urlencode(values)}" if values else path


def _example_path(request: Request, query: NamedQuery, output_format: str | None = None) -> str:
    """The path that runs `query` with its example values (and `format`, when given)."""
    values = query.example_values() | ({"format": output_format} if output_format else {})
    return _with_query(path_for(request, "named_query", name=query.name), values)


def _absolute(request: Request, path: str) -> str:
    """An absolute URL for a path from `path_for`, at the public URL when one is configured."""
    root_path = request.scope.get("root_path", "")
    base = request.app.state.settings.public_url or str(request.base_url)
    return base.rstrip("/") + path.removeprefix(root_path)


def describe(request: Request, query: NamedQuery) -> dict:
    """A named query as JSON: its header, its parameters, and where to run it."""
    return {
        "name": query.name,
        "summary": query.summary,
        "url": _absolute(request, path_for(request, "named_query", name=query.name)),
        "example_url": _absolute(request, _example_path(request, query)),
        "parameters": [
            {
                "name": parameter.name,
                "type": parameter.type,
                "required": not parameter.optional,
                "example": parameter.example,
                "description": parameter.description,
            }
            for parameter in query.parameters
        ],
    }


async def list_queries(request: Request) -> Response:
    output_format = choose_format(request, LIST_FORMATS)
    queries = list(named_query_catalog(request).values())
    if output_format == "json":
        listing = {"queries": [describe(request, query) for query in queries]}
        return JSONResponse(listing, headers={"Vary": "Accept"})
    entries = [
        {
            "query": query,
            "run_html": _example_path(request, query),
            "run_json": _example_path(request, query, "json"),
            "run_csv": _example_path(request, query, "csv"),
            "editor": _with_query(path_for(request, "query_page"), {"example": query.name}),
        }
        for query in queries
    ]
    response = render(request, "queries.html", {"section": "queries", "entries": entries})
    response.headers["Vary"] = "Accept"
    return response


def _parameter_values(request: Request, query: NamedQuery) -> dict[str, str]:
    """The query's parameters from the URL; an empty value counts as not given (an empty form field)."""
    values: dict[str, str] = {}
    for name, value in request.query_params.multi_items():
        if name == "format" or value == "":
            continue
        if name in values:
            raise UsageError(f"query {query.name}: parameter {name} is given more than once")
        values[name] = value
    return values


def to_outcome(result: QueryResult) -> QueryOutcome:
    """The backend's result as the query package's outcome, which the CLI formats too."""
    if result.kind == "boolean":
        return QueryOutcome("ask", boolean=result.boolean)
    if result.kind == "graph":
        return QueryOutcome("graph", triples=result.triples())
    variables = result.variables
    rows = [tuple(row.get(name) for name in variables) for row in result.rows()]
    return QueryOutcome("select", variables=variables, rows=rows)


@dataclass(frozen=True)
class Cell:
    """One table cell of an HTML result: text, an optional link, and a datatype or language note."""

    text: str
    href: str | None = None
    note: str = ""
    title: str = ""


def cell(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | None) -> Cell:
    if term is None:
        return Cell("")
    if isinstance(term, ox.NamedNode):
        return Cell(compact_iri(term.value), href=term.value, title=term.value)
    if isinstance(term, ox.BlankNode):
        return Cell(f"_:{term.value}")
    if isinstance(term, ox.Literal):
        if term.language:
            return Cell(term.value, note=f"@{term.language}")
        datatype = term.datatype.value
        plain = datatype == "http://www.w3.org/2001/XMLSchema#string"
        return Cell(term.value, note="" if plain else f"^^{compact_iri(datatype)}")
    return Cell(str(term))


def _table(outcome: QueryOutcome) -> tuple[list[str], list[list[Cell]]]:
    if outcome.kind == "graph":
        rows = [(triple.subject, triple.predicate, triple.object) for triple in outcome.triples]
        return ["subject", "predicate", "object"], [[cell(term) for term in row] for row in rows]
    return outcome.variables, [[cell(term) for term in row] for row in outcome.rows]


async def run_named_query(request: Request) -> Response:
    query = _query_or_404(request, request.path_params["name"])
    output_format = choose_format(request, RUN_FORMATS, RUN_ALIASES)
    try:
        values = _parameter_values(request, query)
        text = query.bind(values)
    except UsageError as error:
        raise HTTPProblem(400, "Bad parameter", str(error)) from None
    result = await request.app.state.backend.query(text, Dataset())
    outcome = await run_in_threadpool(to_outcome, result)
    headers = {"Vary": "Accept"}
    if output_format == "json":
        body = await run_in_threadpool(to_json, outcome)
        return Response(body, headers=headers, media_type="application/sparql-results+json; charset=utf-8")
    if output_format == "csv":
        body = await run_in_threadpool(to_csv, outcome)
        return Response(body, headers=headers, media_type="text/csv; charset=utf-8")
    variables, rows = await run_in_threadpool(_table, outcome)
    own_path = path_for(request, "named_query", name=query.name)
    others = {name: _with_query(own_path, values | {"format": name}) for name in ("json", "csv")}
    context = {
        "section": "queries",
        "query": query,
        "values": values,
        "text": text,
        "outcome": outcome,
        "variables": variables,
        "rows": rows,
        "others": others,
        "editor": _with_query(path_for(request, "query_page"), {"query": text}),
    }
    response = render(request, "query_result.html", context)
    response.headers.update(headers)
    return response


def routes(settings: Settings) -> list[BaseRoute]:
    """`/queries` and `/queries/{name}`; `InputError` when a query file is broken or uses `format`."""
    for query in installed_catalog().values():  # a broken query file stops the server at start
        if any(parameter.name == "format" for parameter in query.parameters):
            raise InputError(f"{query.name}.rq: no parameter may be named 'format' (it picks the format)")
    return [
        Route("/queries", list_queries, methods=["GET"], name="named_queries"),
        Route("/queries/{name}", run_named_query, methods=["GET"], name="named_query"),
    ]
