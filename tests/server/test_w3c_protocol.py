"""The W3C SPARQL 1.1 Protocol tests (../shared/w3c/sparql11-protocol/manifest.ttl) against the real server.

Each test's `ut:graphData` is loaded into the named graph its label names before it runs. The update
tests do not apply to a read-only endpoint: their update request must get 403 (the ASK that would check
the update's effect is not sent), and their ids say "not-applicable". Every query test and every `bad_*`
test must pass. In CI (CI=true) a missing manifest fails the run instead of skipping it.
"""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

import httpx
import pyoxigraph as ox
import pytest
import rdflib
from rdflib.collection import Collection
from rdflib.namespace import RDFS

from integrationsgraph.paths import shared_dir
from integrationsgraph.server.app import create_app
from integrationsgraph.settings import Settings
from integrationsgraph.sparql.backends import EmbeddedBackend

MANIFEST = shared_dir() / "w3c" / "sparql11-protocol" / "manifest.ttl"
MF = rdflib.Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = rdflib.Namespace("http://www.w3.org/2011/http#")
CNT = rdflib.Namespace("http://www.w3.org/2011/content#")
UT = rdflib.Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
HTS = rdflib.Namespace("http://www.w3.org/2011/http-statusCodes#")
RESULTS_XML = "{http://www.w3.org/2005/sparql-results#}"


@dataclass(frozen=True)
class ProtocolRequest:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes | None
    status_classes: frozenset[int]  # 2, 3, 4 for 2xx, 3xx, 4xx
    expected_format: str | None  # "boolean", "tabular", "RDF"
    expected_boolean: bool | None


@dataclass(frozen=True)
class ProtocolTest:
    name: str
    title: str
    graph_data: tuple[tuple[Path, str], ...]  # (file, named graph IRI)
    requests: tuple[ProtocolRequest, ...]

    @property
    def is_update_test(self) -> bool:
        return self.name.startswith("update_")


def _request(graph: rdflib.Graph, node) -> ProtocolRequest:
    body_node = graph.value(node, HT.body)
    body = None
    if body_node is not None:
        encoding = str(graph.value(body_node, CNT.characterEncoding) or "UTF-8")
        body = str(graph.value(body_node, CNT.chars)).encode(encoding.lower())
    headers_list = graph.value(node, HT.headers)
    headers = {}
    if headers_list is not None:
        for header in Collection(graph, headers_list):
            headers[str(graph.value(header, HT.fieldName))] = str(graph.value(header, HT.fieldValue))
    response = graph.value(node, HT.resp)
    statuses = {
        str(status).rsplit("StatusCode", 1)[1] for status in graph.objects(response, MF.expectedStatus)
    }
    expected_boolean = graph.value(response, MF.expectedBoolean)
    expected_format = graph.value(response, MF.expectedFormat)
    return ProtocolRequest(
        method=str(graph.value(node, HT.methodName)),
        path=str(graph.value(node, HT.absolutePath)),
        headers=headers,
        body=body,
        status_classes=frozenset(int(status[0]) for status in statuses),
        expected_format=str(expected_format) if expected_format is not None else None,
        expected_boolean=expected_boolean.toPython() if expected_boolean is not None else None,
    )


def _local_path(file_iri) -> Path:
    return Path(url2pathname(urlsplit(str(file_iri)).path))


def load_manifest(path: Path) -> list[ProtocolTest]:
    graph = rdflib.Graph().parse(path, format="turtle")
    manifest = next(graph.subjects(rdflib.RDF.type, MF.Manifest))
    tests = []
    for test in Collection(graph, graph.value(manifest, MF.entries)):
        action = graph.value(test, MF.action)
        requests = tuple(
            _request(graph, node) for node in Collection(graph, graph.value(action, HT.requests))
        )
        graph_data = tuple(
            (_local_path(graph.value(data, UT.graph)), str(graph.value(data, RDFS.label)))
            for data in graph.objects(test, UT.graphData)
        )
        name = str(test).rsplit("#", 1)[1]
        tests.append(ProtocolTest(name, str(graph.value(test, MF.name)), graph_data, requests))
    return tests


def _tests() -> list:
    if not MANIFEST.is_file():
        if os.environ.get("CI") == "true":
            raise FileNotFoundError(f"the W3C protocol manifest is missing in CI: {MANIFEST}")
        return [pytest.param(None, id="manifest-missing", marks=pytest.mark.skip(reason=f"no {MANIFEST}"))]
    return [
        pytest.param(test, id=f"{test.name}-not-applicable" if test.is_update_test else test.name)
        for test in load_manifest(MANIFEST)
    ]


@pytest.fixture(scope="module")
def w3c_server(start_server) -> Iterator[tuple[str, object]]:
    """A real server whose backend each test replaces with a store holding that test's graph data."""
    app = create_app(Settings(), backend=EmbeddedBackend(ox.Store()))
    with start_server(app) as base_url:
        yield base_url, app


def _store_with(graph_data: tuple[tuple[Path, str], ...]) -> ox.Store:
    store = ox.Store()
    for file, graph_iri in graph_data:
        store.load(path=file, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(graph_iri))
    return store


def _check_format(request: ProtocolRequest, response: httpx.Response) -> None:
    media_type = response.headers["content-type"].split(";")[0].strip()
    if request.expected_format in ("boolean", "tabular"):
        assert media_type in {
            "application/sparql-results+json", "application/sparql-results+xml",
            "text/csv", "text/tab-separated-values",
        }, media_type  # fmt: skip
        if request.expected_format == "boolean":
            assert media_type in {"application/sparql-results+json", "application/sparql-results+xml"}
            answer = _boolean(media_type, response.content)
            if request.expected_boolean is not None:
                assert answer is request.expected_boolean
        else:
            ox.parse_query_results(response.content, format=ox.QueryResultsFormat.from_media_type(media_type))
    elif request.expected_format == "RDF":
        rdf_format = ox.RdfFormat.from_media_type(media_type)
        assert rdf_format is not None, f"not an RDF media type: {media_type}"
        list(ox.parse(response.content, format=rdf_format))


def _boolean(media_type: str, content: bytes) -> bool:
    if media_type == "application/sparql-results+json":
        return json.loads(content)["boolean"]
    text = ET.fromstring(content).find(f"{RESULTS_XML}boolean").text
    return text == "true"


@pytest.mark.slow
@pytest.mark.parametrize("test", _tests())
def test_protocol(test: ProtocolTest, w3c_server) -> None:
    base_url, app = w3c_server
    app.state.backend = EmbeddedBackend(_store_with(test.graph_data))
    requests = test.requests[:1] if test.is_update_test else test.requests
    for request in requests:
        path = "/sparql" + request.path.removeprefix("/sparql")
        response = httpx.request(
            request.method, base_url + path, headers=request.headers, content=request.body, timeout=30
        )
        if test.is_update_test:
            assert response.status_code == 403, response.text
            assert "read-only" in response.json()["error"]["detail"]
            continue
        assert response.status_code // 100 in request.status_classes, (test.title, response.text)
        if response.status_code >= 400:
            assert set(response.json()["error"]) >= {"status", "title", "detail"}
        _check_format(request, response)
