"""The page of a named graph (`/graph/…`): its size, the source it holds, and the resources it describes."""

from __future__ import annotations

import pyoxigraph as ox
from starlette.requests import Request
from starlette.responses import Response

from integrationsgraph.iris import iri_ref
from integrationsgraph.server.linked_data import representations
from integrationsgraph.server.linked_data.links import Linker
from integrationsgraph.server.linked_data.resource_data import labels_of, sources_of_graphs
from integrationsgraph.server.linked_data.sparql_helpers import select
from integrationsgraph.server.pages.page_context import page_context
from integrationsgraph.server.pages.rendering import render

SUBJECT_LIMIT = 500


async def graph_page(request: Request, iri: str, path: str) -> Response:
    backend = request.app.state.backend
    linker = Linker(request)
    ref = iri_ref(iri)
    size = (await select(backend, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {ref} {{ ?s ?p ?o }} }}"))[0]["n"]
    rows = await select(
        backend,
        f"SELECT ?s (SAMPLE(?t) AS ?type) WHERE {{ GRAPH {ref} {{ ?s ?p ?o OPTIONAL {{ ?s a ?t }} }} "
        "FILTER(isIRI(?s)) } "
        f"GROUP BY ?s ORDER BY ?s LIMIT {SUBJECT_LIMIT + 1}",
    )
    truncated = len(rows) > SUBJECT_LIMIT
    rows = rows[:SUBJECT_LIMIT]
    sources = await sources_of_graphs(backend, {iri})
    iris = {iri} | {row["s"].value for row in rows} | {row["type"].value for row in rows if "type" in row}
    named = {info.source for info in sources.values()} | {
        i.publisher for i in sources.values() if i.publisher
    }
    labels = await labels_of(backend, iris | named, linker.base)
    source = sources.get(iri)
    local_path = linker.root_path + path
    context = {
        **page_context(request, linker),
        "section": "resource",
        "iri": iri,
        "title": linker.label(iri, labels),
        "size": int(size.value),
        "source": linker.value(ox.NamedNode(source.source), labels) if source else None,
        "source_file": source.file if source else None,
        "publisher": source.publisher_name(labels, linker.language) if source else "",
        "address": source.address if source else "",
        "subjects": [
            {
                "subject": linker.value(row["s"], labels),
                "type": linker.value(row["type"], labels) if "type" in row else None,
            }
            for row in rows
        ],
        "truncated": truncated,
        "limit": SUBJECT_LIMIT,
        "alternates": representations.alternates(local_path),
    }
    response = render(request, "graph.html", context)
    response.headers.update(representations.headers_for(local_path))
    return response
