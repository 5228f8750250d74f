"""Named queries over HTTP: `/queries` lists them, `/queries/NAME?param=value` runs one.

Both answer an HTML page or a machine-readable twin, chosen by `Accept` or by `?format=`:
the list as HTML or JSON; a run as SPARQL 1.1 JSON results, SPARQL 1.1 CSV results, or an HTML table.
A run goes through the endpoint's answering steps (`answering.py`: deadline, row and byte limits with
their note and header, the query log, the error shape); named queries are SELECT queries.
"""

from __future__ import annotations

import re
from urllib.parse import urlencode

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from integrationsgraph.errors import InputError, UsageError
from integrationsgraph.queries.catalog import NamedQuery, given_values
from integrationsgraph.server.endpoint.http_answers import answer_for_page, answer_query
from integrationsgraph.server.endpoint.protocol import QueryOperation
from integrationsgraph.server.endpoint.results import Negotiated
from integrationsgraph.server.http.negotiation import negotiate
from integrationsgraph.server.http.problems import CLIENT_CLOSED, HTTPProblem
from integrationsgraph.server.linked_data.links import Linker
from integrationsgraph.server.linked_data.resource_data import labels_of
from integrationsgraph.server.linked_data.source_catalogue import source_catalogue
from integrationsgraph.server.pages.answer_sentences import no_known_holder
from integrationsgraph.server.pages.label_index import label_index
from integrationsgraph.server.pages.reader_table import iris_in, reader_table
from integrationsgraph.server.pages.rendering import installed_catalog, named_query_catalog, path_for, render
from integrationsgraph.server.pages.vocabulary_words import vocabulary_words
from integrationsgraph.settings import Settings
from integrationsgraph.sparql.backends import Dataset, QueryResult

# Media type offered for each `?format=` value; the first offer wins when Accept is absent.
LIST_FORMATS = {"json": "application/json", "html": "text/html"}
RUN_FORMATS = {"json": "application/sparql-results+json", "csv": "text/csv", "html": "text/html"}
RUN_ALIASES = {"application/json": "json"}  # clients that only name the generic type
# Parameters of the page, not of the query: the output format and the page language.
PAGE_PARAMETERS = ("format", "lang", "raw")


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
    linker = Linker(request)
    entries = [
        {
            "query": query,
            "form": linker.carry(path_for(request, "named_query", name=query.name)),
            "run_html": linker.carry(_example_path(request, query)),
            "run_json": _example_path(request, query, "json"),
            "run_csv": _example_path(request, query, "csv"),
            "editor": linker.carry(_with_query(path_for(request, "query_page"), {"example": query.name})),
        }
        for query in queries
    ]
    response = render(request, "queries.html", {"section": "queries", "entries": entries, "linker": linker})
    response.headers["Vary"] = "Accept"
    return response


def _parameter_values(request: Request, query: NamedQuery) -> dict[str, str]:
    """The query's parameters from the URL; an empty value is no value (`catalog.given_values`)."""
    values: dict[str, str] = {}
    for name, value in request.query_params.multi_items():
        if name in PAGE_PARAMETERS:
            continue
        if name in values:
            raise UsageError(f"query {query.name}: parameter {name} is given more than once")
        values[name] = value
    return given_values(values)


def _table_of(result: QueryResult) -> tuple[list[str], list[tuple]]:
    """The variables and rows of a SELECT answer; none for an ASK (its page shows yes or no)."""
    if result.kind != "solutions":
        return [], []
    return result.variables, result.tuples()


async def _resolve_names(request: Request, query: NamedQuery, values: dict[str, str]) -> dict[str, str]:
    """Entity parameters given by name ("IntMK", "Integrationsministerkonferenz") as the IRI of the one
    entity so named; an IRI or prefixed name stays as it is. `UsageError` when no or several entities
    bear the name."""
    resolved = dict(values)
    for parameter in query.parameters:
        value = values.get(parameter.name)
        if parameter.type != "iri" or value is None or _IRI_LIKE.match(value.strip()):
            continue
        index = await label_index(request)
        named = index.named(value, Linker(request).base)
        if not named:
            raise UsageError(
                f"parameter {parameter.name}: no entity is named {value!r}; pick one of the suggestions"
            )
        if len(named) > 1:
            raise UsageError(
                f"parameter {parameter.name}: {value!r} names {len(named)} entities: {', '.join(named)}"
            )
        resolved[parameter.name] = named[0]
    return resolved


_IRI_LIKE = re.compile(r"<?https?://|[A-Za-z][A-Za-z0-9_.-]*:\S")


async def run_named_query(request: Request) -> Response:
    query = _query_or_404(request, request.path_params["name"])
    output_format = choose_format(request, RUN_FORMATS, RUN_ALIASES)
    linker = Linker(request)  # a 400 for an unknown `lang`
    given: dict[str, str] = {}
    try:
        given = _parameter_values(request, query)
        if output_format == "html" and not given and query.parameters:
            return _form_page(request, query, linker, given)  # the form, to be filled in
        values = await _resolve_names(request, query, given)
        text = query.bind(values)
    except UsageError as error:
        if output_format == "html":
            return _form_page(request, query, linker, given, error=str(error))
        raise HTTPProblem(400, "Bad parameter", str(error)) from None
    if output_format != "html":
        chosen = Negotiated(RUN_FORMATS[output_format], None)
        return await answer_query(request, QueryOperation(text, Dataset()), chosen)
    answered = await answer_for_page(request, text)
    if answered is None:
        return Response(status_code=CLIENT_CLOSED)
    raw = request.query_params.get("raw") == "1"
    variables, rows = await run_in_threadpool(_table_of, answered.result)
    labels = await labels_of(request.app.state.backend, iris_in(rows), titles_base=linker.base)
    columns, cells = reader_table(
        variables,
        rows,
        linker,
        labels,
        raw,
        sources=await source_catalogue(request),
        vocabulary=await vocabulary_words(request),
    )
    sentence = None if raw else no_known_holder(variables, rows, linker, labels)
    own_path = path_for(request, "named_query", name=query.name)
    others = {name: _with_query(own_path, values | {"format": name}) for name in ("json", "csv")}
    toggle = linker.carry(_with_query(own_path, given | ({} if raw else {"raw": "1"})))
    context = {
        **_form_context(request, query, linker, given),
        "text": text,
        "outcome": answered.result,
        "cut": answered.cut,
        "variables": columns,
        "rows": cells,
        "raw": raw,
        "no_known_holder": sentence,
        "raw_toggle": toggle,
        "others": others,
        "editor": linker.carry(_with_query(path_for(request, "query_page"), {"query": text})),
    }
    response = render(request, "query_result.html", context)
    response.headers.update({"Vary": "Accept", **(answered.cut.headers() if answered.cut else {})})
    return response


def _form_context(request: Request, query: NamedQuery, linker: Linker, given: dict[str, str]) -> dict:
    return {
        "section": "queries",
        "linker": linker,
        "query": query,
        "summary": query.summary_in(linker.language),
        "values": given,
        "value_labels": {},
        "outcome": None,
    }


def _form_page(
    request: Request, query: NamedQuery, linker: Linker, given: dict[str, str], error: str | None = None
) -> Response:
    """The query's form (what was typed kept), with the error when a value did not fit (status 400)."""
    context = {**_form_context(request, query, linker, given), "error": error}
    response = render(request, "query_result.html", context, status_code=400 if error else 200)
    response.headers["Vary"] = "Accept"
    return response


def routes(settings: Settings) -> list[BaseRoute]:
    """`/queries` and `/queries/{name}`; `InputError` when a query file is broken or uses `format`."""
    for query in installed_catalog().values():  # a broken query file stops the server at start
        for parameter in query.parameters:
            if parameter.name in PAGE_PARAMETERS:
                raise InputError(
                    f"{query.name}.rq: no parameter may be named {parameter.name!r} (a page parameter)"
                )
    return [
        Route("/queries", list_queries, methods=["GET"], name="named_queries"),
        Route("/queries/{name}", run_named_query, methods=["GET"], name="named_query"),
    ]
