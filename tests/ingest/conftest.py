"""Fixtures for the ingestion tests: a small registry of their own (so the tests do not depend on what
curators add to data/entities) and a helper that ingests a synthetic German text."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from integrationsgraph.ingest.gazetteer import load_gazetteer
from integrationsgraph.ingest.linking import Registry, load_registry
from integrationsgraph.ingest.reading import read_document
from integrationsgraph.ingest.recognition import Ingested, ingest_source
from integrationsgraph.pipeline.options import existing_shared_dir

REGISTRY_TTL = """\
@prefix ig: <https://w3id.org/integrationsgraph/def#> .
@prefix igc: <https://w3id.org/integrationsgraph/def/concept/> .
@prefix land: <https://w3id.org/integrationsgraph/id/land/> .
@prefix body: <https://w3id.org/integrationsgraph/id/body/> .
@prefix person: <https://w3id.org/integrationsgraph/id/person/> .
@prefix post: <https://w3id.org/integrationsgraph/id/post/> .
@prefix place: <https://w3id.org/integrationsgraph/id/place/> .
@prefix plan: <https://w3id.org/integrationsgraph/id/plan/> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix schema: <https://schema.org/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .

land:hessen a ig:Land ; rdfs:label "Hessen"@de .
land:bremen a ig:Land ; rdfs:label "Bremen"@de ;
    skos:altLabel "Freie Hansestadt Bremen"@de .
body:intmk a ig:Body ; org:classification igc:ministers-conference ;
    rdfs:label "Integrationsministerkonferenz"@de ; skos:altLabel "IntMK"@de .
body:hessische-integrationskonferenz a ig:Body ; org:classification igc:integration-conference ;
    rdfs:label "Hessische Integrationskonferenz"@de .
body:integrationsbeirat-hessen a ig:Body ; org:classification igc:advisory-council ;
    rdfs:label "Integrationsbeirat"@de .
body:integrationsgipfel a ig:Body ; org:classification igc:integration-conference ;
    rdfs:label "Integrationsgipfel"@de .
body:kabinett-hessen a ig:Body ; org:classification igc:cabinet ;
    rdfs:label "Hessisches Kabinett"@de ; skos:altLabel "Kabinett"@de .
post:intmk-chair a ig:Post ; org:postIn body:intmk ; org:role igc:chair ;
    rdfs:label "Vorsitz der IntMK"@de .
person:greta-vogelsang a ig:Person ; rdfs:label "Greta Vogelsang"@de ;
    schema:givenName "Greta" ; schema:familyName "Vogelsang" .
person:till-brandauer a ig:Person ; rdfs:label "Till Brandauer"@de ;
    schema:givenName "Till" ; schema:familyName "Brandauer" .
place:wiesbaden a ig:Place ; rdfs:label "Wiesbaden"@de ; schema:containedInPlace land:hessen .
plan:hessischer-aktionsplan-vielfalt a ig:Plan ; rdfs:label "Hessischer Aktionsplan"@de .
"""


@pytest.fixture(scope="session")
def ingest_entities_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("ingest-data") / "entities"
    folder.mkdir()
    (folder / "registry.ttl").write_text(REGISTRY_TTL, encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def ingest_registry(ingest_entities_dir: Path) -> Registry:
    return load_registry(ingest_entities_dir)


@pytest.fixture
def ingest_text(tmp_path: Path, ingest_registry: Registry):
    """Ingest a synthetic text (optionally with a header date); returns the `Ingested` result."""

    def run(body: str, date_as_stated: str | None = None, name: str = "synthetic.txt") -> Ingested:
        path = tmp_path / name
        header = f"source: {name}\ndate-as-stated: {date_as_stated}\n---\n" if date_as_stated else ""
        path.write_text(header + body, encoding="utf-8")
        return ingest_source(read_document(path), ingest_registry, load_gazetteer(), "ingested")

    return run


def facts_of(ingested: Ingested, kind: str) -> list:
    return [fact for fact in ingested.facts if fact.kind == kind]


def value_at(fact: object, path: str) -> object:
    """A fact's value at a dotted path of attributes ("start.edtf")."""
    value = fact
    for name in path.split("."):
        value = getattr(value, name)
    return value


def assert_one_fact(ingested: Ingested, kind: str, expected: dict[str, object]) -> None:
    """The text gives exactly one fact of the kind, with the expected value at each dotted path."""
    (fact,) = facts_of(ingested, kind)
    assert {path: value_at(fact, path) for path in expected} == expected


@pytest.fixture
def shared_dir() -> Path:
    """../shared (or $INTEGRATIONSGRAPH_SHARED) with the press and corpus texts: a test needing it skips
    without it on a developer's machine and fails in CI (CI=true), where it is a prerequisite."""
    found = existing_shared_dir()
    if found is None:
        reason = "needs ../shared (or $INTEGRATIONSGRAPH_SHARED) with the press and corpus texts"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    return found
