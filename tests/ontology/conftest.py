"""Fixtures of the ontology tests: the three ontology files parsed once per session."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from integrationsgraph.paths import ONTOLOGY_DIR

ONTOLOGY_FILE = ONTOLOGY_DIR / "integrationsgraph.ttl"
SCHEMES_FILE = ONTOLOGY_DIR / "schemes.ttl"
SHAPES_FILE = ONTOLOGY_DIR / "shapes.ttl"
CONTRACT_FILE = ONTOLOGY_DIR / "README.md"
SNIPPETS_DIR = Path(__file__).parent / "snippets"


@pytest.fixture(scope="session")
def ig_ontology() -> Graph:
    return Graph().parse(ONTOLOGY_FILE)


@pytest.fixture(scope="session")
def ig_schemes() -> Graph:
    return Graph().parse(SCHEMES_FILE)


@pytest.fixture(scope="session")
def ig_shapes() -> Graph:
    return Graph().parse(SHAPES_FILE)


@pytest.fixture(scope="session")
def ig_ont_graph(ig_ontology: Graph, ig_schemes: Graph) -> Graph:
    """Ontology and schemes together, as the build passes them to pyshacl."""
    return ig_ontology + ig_schemes
