"""The original address of a source, read from its text's header `source:` line into its graph."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from integrationsgraph.pipeline.source_addresses import SITE, URL, site_of, source_address_quads

IG = "https://w3id.org/integrationsgraph/def#"


def store_with_sources(*names: str) -> ox.Store:
    store = ox.Store()
    for name in names:
        graph = ox.NamedNode(f"https://w3id.org/integrationsgraph/graph/source/{name}")
        source = ox.NamedNode(f"https://w3id.org/integrationsgraph/id/source/{name}")
        store.add(ox.Quad(source, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                          ox.NamedNode(IG + "Source"), graph))  # fmt: skip
        store.add(ox.Quad(source, ox.NamedNode(IG + "fileName"), ox.Literal(f"{name}.txt"), graph))
        store.add(ox.Quad(source, ox.NamedNode(IG + "corpus"), ox.Literal("corpus/dev"), graph))
    return store


def test_addresses_from_the_headers_into_each_sources_graph(tmp_path: Path):
    texts = tmp_path / "corpus" / "dev"
    texts.mkdir(parents=True)
    (texts / "a.txt").write_text(
        "source: https://www.example.org/a.html\nkind: news\n---\ntext", encoding="utf-8"
    )
    (texts / "b.txt").write_text("source: b.txt (seed document; no address given)\n---\n", encoding="utf-8")
    quads = source_address_quads(store_with_sources("a", "b"), tmp_path)
    source_a = ox.NamedNode("https://w3id.org/integrationsgraph/id/source/a")
    graph_a = ox.NamedNode("https://w3id.org/integrationsgraph/graph/source/a")
    assert quads == [
        ox.Quad(source_a, URL, ox.NamedNode("https://www.example.org/a.html"), graph_a),
        ox.Quad(source_a, SITE, ox.Literal("example.org"), graph_a),
    ]
    assert source_address_quads(store_with_sources("a"), None) == []  # --no-shared: no texts to read


def test_the_site_is_the_host_without_www():
    assert site_of("https://www.integrationsministerkonferenz.de/Die-IntMK.html?newsID=332") == (
        "integrationsministerkonferenz.de"
    )
    assert site_of("http://www1.wdr.de/themen/archiv/x.html") == "www1.wdr.de"
    assert site_of("https://ots.de/awWZVP") == "ots.de"
    assert site_of("file:///no/host") is None


def test_a_missing_text_is_left_to_the_evidence_check(tmp_path: Path):
    (tmp_path / "corpus" / "dev" / "a.txt").mkdir(parents=True)  # not a file: left to the evidence check
    assert source_address_quads(store_with_sources("a"), tmp_path) == []
    assert source_address_quads(store_with_sources("a"), tmp_path / "elsewhere") == []


def test_the_real_build_links_sources_to_their_addresses(graph_store):
    found = graph_store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s <{URL.value}> ?u }} }}")
    assert int(next(iter(found))["n"].value) >= 40
    # every addressed source names its web site, the publisher pages show when no curator named one
    unnamed = graph_store.query(
        f"SELECT ?s WHERE {{ GRAPH ?g {{ ?s <{URL.value}> ?u "
        f"FILTER NOT EXISTS {{ ?s <{SITE.value}> ?site }} }} }}"
    )
    assert list(unnamed) == []
    # and so every source has a publisher to show: a curated one, or the site it was published on
    without = graph_store.query(
        f"SELECT ?s WHERE {{ GRAPH ?g {{ ?s a <{IG}Source> FILTER NOT EXISTS {{ ?s <{SITE.value}> ?site }} "
        "FILTER NOT EXISTS { ?s <http://purl.org/dc/terms/publisher> ?publisher } } }"
    )
    assert list(without) == []
