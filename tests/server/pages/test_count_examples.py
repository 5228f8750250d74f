"""The editor's count example counts as the dataset description does: run as the home page offers it,
over the real build, each class's number equals `/dataset`'s entities for that class (COUNT DISTINCT:
over the union of the named graphs a resource typed by several sources would otherwise count again)."""

from __future__ import annotations

import html
import re

import httpx
import pyoxigraph as ox
import pytest

pytestmark = pytest.mark.slow

VOID = "http://rdfs.org/ns/void#"


def test_the_home_pages_counts_equal_the_dataset_description(real_server: str):
    with httpx.Client(base_url=real_server, timeout=60) as client:
        page = client.get("/", headers={"Accept": "text/html"}).text
        example = html.unescape(re.search(r'<textarea id="query"[^>]*>(.*?)</textarea>', page, re.S).group(1))
        assert "COUNT(DISTINCT ?resource)" in example
        answer = client.post(
            "/sparql", data={"query": example}, headers={"Accept": "application/sparql-results+json"}
        )
        assert answer.status_code == 200
        rows = answer.json()["results"]["bindings"]
        counted = {row["class"]["value"]: int(row["resources"]["value"]) for row in rows}
        description = ox.Store()
        description.load(client.get("/dataset.ttl").content, format=ox.RdfFormat.TURTLE)
    partitions = {
        row["c"].value: int(row["n"].value)
        for row in description.query(
            f"SELECT ?c ?n {{ ?d <{VOID}classPartition> ?p . ?p <{VOID}class> ?c ; <{VOID}entities> ?n }}"
        )
    }
    assert len(counted) == 25  # the example's LIMIT: the 25 largest classes
    assert {iri: partitions.get(iri) for iri in counted} == counted
