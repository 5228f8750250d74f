"""The dataset description (VoID and DCAT) at `/.well-known/void` and `/dataset`, and the dumps at `/dumps/…`.

The description names the dataset `<public_base>dataset` (served at `/dataset`): title, description,
licence (the one the ontology declares), every source, the SPARQL endpoint (a `dcat:DataService`), triple
counts per named graph (`void:subset`) and entity counts per class (`void:classPartition`), and each dump
as a `dcat:Distribution` with its sha256 (SPDX checksum). RDF by `Accept` or suffix; HTML for browsers.
"""

from __future__ import annotations

import pyoxigraph as ox
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, PlainTextResponse, Response
from starlette.routing import BaseRoute, Route

from integrationsgraph.server.endpoint.service_description import request_base_url
from integrationsgraph.server.http.problems import HTTPProblem
from integrationsgraph.server.linked_data import representations
from integrationsgraph.server.linked_data.dataset_statistics import DatasetFacts, dataset_facts
from integrationsgraph.server.linked_data.dump_files import FORMATS, DumpStore, sha256sums
from integrationsgraph.server.linked_data.links import Linker
from integrationsgraph.server.linked_data.term_anchors import anchor_for
from integrationsgraph.server.pages.page_context import page_context
from integrationsgraph.server.pages.rendering import render
from integrationsgraph.settings import Settings

VOID = "http://rdfs.org/ns/void#"
DCAT = "http://www.w3.org/ns/dcat#"
DCT = "http://purl.org/dc/terms/"
SPDX = "http://spdx.org/rdf/terms#"
XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
PREFIXES = {"void": VOID, "dcat": DCAT, "dct": DCT, "spdx": SPDX, "xsd": XSD}
TITLES = {"de": "Integrationsgraph", "en": "Integrationsgraph"}
DESCRIPTIONS = {
    "de": "Ein Wissensgraph zur Steuerung der Integrationspolitik in Deutschland, aus Pressemitteilungen "
    "erhoben; jede Aussage nennt ihre Quelle und die Textstelle, die sie belegt.",
    "en": "A knowledge graph of German integration-policy governance, built from press releases; every "
    "fact names its source and the span of text that states it.",
}


def dump_store(request: Request) -> DumpStore | None:
    """The dumps of the release being served (`app.state.release`, which the reloader changes together
    with the backend), never those of a release `build/current` points at but the server refused."""
    state = request.app.state
    release = getattr(state, "release", None)
    cached = getattr(state, "dump_store", None)
    if cached is None or cached[0] != release:
        store = DumpStore(state.settings.build_dir, release) if release is not None else None
        state.dump_store = (release, store)
    return state.dump_store[1]


def site_base(request: Request) -> str:
    """The site's public base URL (the `public_url` setting, else from the request and proxy headers)."""
    return request.app.state.settings.public_url or request_base_url(request)


def _n(node: str) -> ox.NamedNode:
    return ox.NamedNode(node)


def _integer(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=_n(XSD + "integer"))


def description_triples(
    facts: DatasetFacts, dataset: str, site: str, endpoint: str, dumps
) -> list[ox.Triple]:
    d = _n(dataset)
    triples = [
        ox.Triple(d, RDF_TYPE, _n(VOID + "Dataset")),
        ox.Triple(d, RDF_TYPE, _n(DCAT + "Dataset")),
        *(ox.Triple(d, _n(DCT + "title"), ox.Literal(text, language=lang)) for lang, text in TITLES.items()),
        *(
            ox.Triple(d, _n(DCT + "description"), ox.Literal(text, language=lang))
            for lang, text in DESCRIPTIONS.items()
        ),
        ox.Triple(d, _n(VOID + "sparqlEndpoint"), _n(endpoint)),
        ox.Triple(d, _n(VOID + "triples"), _integer(facts.total_triples)),
        ox.Triple(d, _n(VOID + "uriSpace"), ox.Literal(facts.base + "id/")),
        ox.Triple(d, _n(VOID + "vocabulary"), _n(facts.base + "def#")),
        ox.Triple(d, _n(VOID + "rootResource"), _n(facts.base + "id/body/intmk")),
        ox.Triple(d, _n(VOID + "exampleResource"), _n(facts.base + "id/body/intmk")),
        ox.Triple(d, _n(DCAT + "landingPage"), _n(site + "dataset")),
    ]
    if facts.license:
        triples.append(ox.Triple(d, _n(DCT + "license"), _n(facts.license)))
    service = _n(site + "sparql")
    triples += [
        ox.Triple(d, _n(DCAT + "distribution"), _n(site + "sparql#distribution")),
        ox.Triple(_n(site + "sparql#distribution"), RDF_TYPE, _n(DCAT + "Distribution")),
        ox.Triple(_n(site + "sparql#distribution"), _n(DCAT + "accessURL"), _n(endpoint)),
        ox.Triple(_n(site + "sparql#distribution"), _n(DCAT + "accessService"), service),
        ox.Triple(service, RDF_TYPE, _n(DCAT + "DataService")),
        ox.Triple(service, _n(DCAT + "endpointURL"), _n(endpoint)),
        ox.Triple(service, _n(DCAT + "servesDataset"), d),
        ox.Triple(service, _n(DCT + "conformsTo"), _n("https://www.w3.org/TR/sparql11-protocol/")),
    ]
    for source in facts.sources:
        triples.append(ox.Triple(d, _n(DCT + "source"), _n(source.source)))
    for graph, size in facts.graph_sizes.items():
        triples += [
            ox.Triple(d, _n(VOID + "subset"), _n(graph)),
            ox.Triple(_n(graph), RDF_TYPE, _n(VOID + "Dataset")),
            ox.Triple(_n(graph), _n(VOID + "triples"), _integer(size)),
        ]
    for index, (cls, count) in enumerate(facts.class_counts.items()):
        partition = _n(f"{dataset}#class-{index}")
        triples += [
            ox.Triple(d, _n(VOID + "classPartition"), partition),
            ox.Triple(partition, _n(VOID + "class"), _n(cls)),
            ox.Triple(partition, _n(VOID + "entities"), _integer(count)),
        ]
    for dump in dumps:
        url = _n(site + "dumps/" + dump.file_name)
        checksum = _n(f"{site}dumps/{dump.file_name}#sha256")
        triples += [
            ox.Triple(d, _n(VOID + "dataDump"), url),
            ox.Triple(d, _n(DCAT + "distribution"), url),
            ox.Triple(url, RDF_TYPE, _n(DCAT + "Distribution")),
            ox.Triple(url, _n(DCAT + "downloadURL"), url),
            ox.Triple(
                url,
                _n(DCAT + "mediaType"),
                _n("https://www.iana.org/assignments/media-types/" + dump.format.media_type),
            ),
            ox.Triple(url, _n(DCAT + "byteSize"), _integer(dump.size)),
            ox.Triple(url, _n(DCT + "title"), ox.Literal(dump.format.label, language="en")),
            ox.Triple(url, _n(SPDX + "checksum"), checksum),
            ox.Triple(checksum, RDF_TYPE, _n(SPDX + "Checksum")),
            ox.Triple(checksum, _n(SPDX + "algorithm"), _n(SPDX + "checksumAlgorithm_sha256")),
            ox.Triple(
                checksum, _n(SPDX + "checksumValue"), ox.Literal(dump.sha256, datatype=_n(XSD + "hexBinary"))
            ),
        ]
    return triples


async def dataset_description(request: Request) -> Response:
    """`/dataset` and `/.well-known/void`: the description as RDF (by Accept or suffix) or a page."""
    media_type = representations.choose_for_page(request, "dataset")
    linker = Linker(request)
    facts = await dataset_facts(request)
    store = dump_store(request)
    dumps = await run_in_threadpool(store.all) if store else []
    site = site_base(request)
    endpoint = request.app.state.settings.endpoint_url(request_base_url(request))
    dataset = linker.base + "dataset"
    page_path = linker.root_path + "/dataset"
    if media_type != representations.HTML:
        triples = description_triples(facts, dataset, site, endpoint, dumps)
        body = ox.serialize(triples, format=representations.RDF_FORMATS[media_type], prefixes=PREFIXES)
        headers = representations.headers_for(page_path)
        return Response(body, media_type=f"{media_type}; charset=utf-8", headers=headers)
    context = {
        **page_context(request, linker),
        "section": "dataset",
        "dataset": dataset,
        "title": TITLES[linker.language],
        "description": DESCRIPTIONS[linker.language],
        "facts": facts,
        "endpoint": endpoint,
        "dumps": [{"dump": dump, "href": linker.root_path + "/dumps/" + dump.file_name} for dump in dumps],
        "build_hash": store.build_hash if store else None,
        "graphs": [
            {"href": linker.href(graph), "iri": graph, "size": size}
            for graph, size in facts.graph_sizes.items()
        ],
        "classes": [
            {
                "iri": cls,
                "href": linker.path("/def") + "#" + anchor_for(cls)
                if cls in facts.ontology_terms
                else linker.page_href(cls),
                "label": linker.label(cls, facts.labels),
                "count": count,
            }
            for cls, count in facts.class_counts.items()
        ],
        "sources": [
            {"href": linker.href(s.source), "title": s.title or s.file, "file": s.file} for s in facts.sources
        ],
        "alternates": representations.alternates(page_path),
    }
    response = render(request, "dataset.html", context)
    response.headers.update(representations.headers_for(page_path))
    return response


async def dump_file(request: Request) -> Response:
    name = request.path_params["name"]
    stem, _, suffix = name.partition(".")
    store = dump_store(request)
    dump = await run_in_threadpool(store.dump, suffix) if store and stem == "integrationsgraph" else None
    if dump is None:
        available = ", ".join(f"integrationsgraph.{suffix}" for suffix in FORMATS)
        raise HTTPProblem(
            404,
            "Not found",
            f"No dump {name!r}; available: {available}, SHA256SUMS"
            + ("" if store else " (this server serves no build, so it has no dumps)"),
        )
    headers = {"ETag": f'"{dump.sha256}"', "Cache-Control": "public, max-age=3600"}
    return FileResponse(
        dump.path, media_type=dump.format.media_type, headers=headers, filename=dump.file_name
    )


async def checksums(request: Request) -> Response:
    store = dump_store(request)
    if store is None:
        raise HTTPProblem(404, "Not found", "This server serves no build, so it has no dumps.")
    dumps = await run_in_threadpool(store.all)
    return PlainTextResponse(sha256sums(dumps))


def routes(settings: Settings) -> list[BaseRoute]:
    return [
        Route("/dataset", dataset_description, methods=["GET", "HEAD"], name="dataset_page"),
        Route("/dataset{suffix:str}", dataset_description, methods=["GET", "HEAD"]),
        Route("/.well-known/void", dataset_description, methods=["GET", "HEAD"], name="void"),
        Route("/dumps/SHA256SUMS", checksums, methods=["GET", "HEAD"], name="dump_checksums"),
        Route("/dumps/{name:str}", dump_file, methods=["GET", "HEAD"], name="dump"),
    ]
