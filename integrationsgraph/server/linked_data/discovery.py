"""Machine entry points to the linked data: the JSON-LD context (`/context.jsonld`, from our prefixes and
the ontology's terms) and a sitemap of the resource pages (`/sitemap.xml`)."""

from __future__ import annotations

import json
from xml.sax.saxutils import escape

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from integrationsgraph.namespaces import PREFIXES
from integrationsgraph.server.linked_data.dataset_description import site_base
from integrationsgraph.server.linked_data.links import Linker
from integrationsgraph.server.linked_data.ontology_docs import ontology_triples
from integrationsgraph.server.linked_data.ontology_model import IG, OWL, XSD_PREFIX, read_model
from integrationsgraph.server.linked_data.sparql_helpers import select
from integrationsgraph.settings import Settings

SITEMAP_LIMIT = 50_000  # the sitemap protocol's limit per file


def context_document(triples) -> dict:
    """`@context`: every prefix, and each of our classes and properties by its local name; object
    properties coerce to `@id`, datatype properties with an XSD range to that datatype."""
    model = read_model(triples)
    context: dict[str, object] = dict(PREFIXES)
    for term in model.classes:
        if term.iri.startswith(IG):
            context[term.iri.removeprefix(IG)] = f"ig:{term.iri.removeprefix(IG)}"
    for term in model.properties:
        if not term.iri.startswith(IG):
            continue
        name = term.iri.removeprefix(IG)
        definition: dict[str, str] = {"@id": f"ig:{name}"}
        if OWL + "ObjectProperty" in term.kinds:
            definition["@type"] = "@id"
        elif len(term.ranges) == 1 and term.ranges[0].startswith(XSD_PREFIX):
            definition["@type"] = "xsd:" + term.ranges[0].removeprefix(XSD_PREFIX)
        context[name] = definition
    return {"@context": context}


async def jsonld_context(request: Request) -> Response:
    document = context_document(await ontology_triples(request))
    body = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    return Response(body, media_type="application/ld+json")  # CORS: the app's middleware allows any origin


async def sitemap(request: Request) -> Response:
    """Every IRI under `<public_base>id/` that is the subject of a statement, at this server's address."""
    linker = Linker(request)
    rows = await select(
        request.app.state.backend,
        "SELECT DISTINCT ?s WHERE { ?s ?p ?o "
        f'FILTER(isIRI(?s) && STRSTARTS(STR(?s), "{linker.base}id/")) }} '
        f"ORDER BY ?s LIMIT {SITEMAP_LIMIT}",
    )
    site = site_base(request).rstrip("/")
    urls = "".join(
        f"<url><loc>{escape(site + linker.local_path(row['s'].value))}</loc></url>\n" for row in rows
    )
    body = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + urls + "</urlset>\n"
    )
    return Response(body, media_type="application/xml")


def routes(settings: Settings) -> list[BaseRoute]:
    return [
        Route("/context.jsonld", jsonld_context, methods=["GET", "HEAD"], name="jsonld_context"),
        Route("/sitemap.xml", sitemap, methods=["GET", "HEAD"], name="sitemap"),
    ]
