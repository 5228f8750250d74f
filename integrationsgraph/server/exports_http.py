"""Graph exports over HTTP: `/export?format=graphml|gexf|dot|cytoscape&scope=all|entity|construct`
with `entity=IRI&depth=N` or `query=CONSTRUCT…`, `lang=de|en`, `inferred=true` (the same writers as
`integrationsgraph export`). A CONSTRUCT scope runs in the backend like any query: guarded (no SERVICE)
and, in `serve`, in a sandboxed query worker."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from integrationsgraph.errors import UsageError
from integrationsgraph.exports.run import export
from integrationsgraph.exports.scope import Scope
from integrationsgraph.exports.writers import FORMATS
from integrationsgraph.namespaces import sparql_prologue
from integrationsgraph.server.errors import HTTPProblem
from integrationsgraph.server.linking import public_base
from integrationsgraph.server.localization import page_language
from integrationsgraph.server.settings import Settings

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


async def export_graph(request: Request) -> Response:
    format_name = request.query_params.get("format", "")
    try:
        scope = scope_from(request)
        if format_name not in FORMATS:
            raise UsageError(f"format: {format_name!r} is not one of {', '.join(FORMATS)}")
        data = await export(request.app.state.backend, scope, format_name, page_language(request))
    except UsageError as error:
        raise HTTPProblem(400, "Bad request", str(error)) from None
    media_type, suffix = FORMATS[format_name]
    headers = {"Content-Disposition": f'attachment; filename="integrationsgraph-{scope.kind}.{suffix}"'}
    if format_name == "cytoscape":
        headers = {}  # the graph view fetches it: inline
    return Response(data, media_type=media_type, headers=headers)


def routes(settings: Settings) -> list[BaseRoute]:
    return [Route("/export", export_graph, methods=["GET"], name="export")]
