"""Parsing the ontology and data files into quads, each file into its named graph.

pyoxigraph parses (fast, and its SyntaxError carries line and column). Every file's triples land in
exactly one graph: the ontology files in `graph:ontology`, entity files in `graph:entities`, and each
source file in its own `gsrc:<stem>`, which the file must name itself.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import BlankNode, DefaultGraph, NamedNode, Quad, RdfFormat, Triple, parse

from integrationsgraph.errors import InputError
from integrationsgraph.namespaces import BASE, ENTITIES_GRAPH, ONTOLOGY_GRAPH, source_graph
from integrationsgraph.pipeline.inputs import InputFiles, read_bytes

GENID = BASE + ".well-known/genid/"


@dataclass(frozen=True)
class LoadedFile:
    """The triples of one input file and the named graph they belong to."""

    path: Path
    graph: NamedNode
    triples: tuple[Triple, ...]

    @property
    def quads(self) -> list[Quad]:
        return [Quad(t.subject, t.predicate, t.object, self.graph) for t in self.triples]


@dataclass(frozen=True)
class LoadedInputs:
    ontology: tuple[LoadedFile, ...]
    shapes: LoadedFile
    entities: tuple[LoadedFile, ...]
    sources: tuple[LoadedFile, ...]

    @property
    def data_files(self) -> tuple[LoadedFile, ...]:
        return (*self.entities, *self.sources)

    @property
    def stored_files(self) -> tuple[LoadedFile, ...]:
        """The files whose triples go into the store (shapes are for validation only)."""
        return (*self.ontology, *self.data_files)


class _Skolemiser:
    """Replaces blank nodes by IRIs numbered in parse order, so dumps stay byte-identical."""

    def __init__(self, label: str):
        self.prefix = GENID + hashlib.sha1(label.encode()).hexdigest()[:12] + "-"
        self.names: dict[str, NamedNode] = {}

    def __call__(self, term):
        if not isinstance(term, BlankNode):
            return term
        if term.value not in self.names:
            self.names[term.value] = NamedNode(f"{self.prefix}{len(self.names) + 1}")
        return self.names[term.value]


def parse_file(path: Path, rdf_format: RdfFormat) -> list[Quad]:
    """The quads of one file; InputError names file:line:column and the parser's message."""
    content = read_bytes(path)
    try:
        return list(parse(content, rdf_format))
    except SyntaxError as exc:
        raise InputError(f"{path}:{exc.lineno}:{exc.offset}: {exc.msg}") from exc


def _triples(path: Path, quads: list[Quad], label: str) -> tuple[Triple, ...]:
    skolem = _Skolemiser(label)
    if not any(isinstance(q.subject, BlankNode) or isinstance(q.object, BlankNode) for q in quads):
        return tuple(q.triple for q in quads)
    return tuple(Triple(skolem(q.subject), q.predicate, skolem(q.object)) for q in quads)


def load_graph_file(path: Path, graph: NamedNode, label: str) -> LoadedFile:
    """A Turtle file whose triples all go into `graph`."""
    quads = parse_file(path, RdfFormat.TURTLE)
    return LoadedFile(path, graph, _triples(path, quads, label))


def load_source_file(path: Path) -> LoadedFile:
    """A TriG file that must hold only its own graph `gsrc:<stem>`."""
    graph = NamedNode(str(source_graph(path.stem)))
    quads = parse_file(path, RdfFormat.TRIG)
    for quad in quads:
        if quad.graph_name != graph:
            where = "the default graph" if isinstance(quad.graph_name, DefaultGraph) else quad.graph_name
            raise InputError(
                f"{path}: a source file may only hold its own graph {graph}, but it has triples in {where}"
            )
    return LoadedFile(path, graph, _triples(path, quads, f"data/sources/{path.name}"))


def load_inputs(files: InputFiles) -> LoadedInputs:
    ontology_graph = NamedNode(str(ONTOLOGY_GRAPH))
    entities_graph = NamedNode(str(ENTITIES_GRAPH))
    return LoadedInputs(
        ontology=tuple(load_graph_file(p, ontology_graph, f"ontology/{p.name}") for p in files.ontology),
        shapes=load_graph_file(files.shapes, NamedNode(GENID + "shapes"), f"ontology/{files.shapes.name}"),
        entities=tuple(load_graph_file(p, entities_graph, f"data/entities/{p.name}") for p in files.entities),
        sources=tuple(load_source_file(p) for p in files.sources),
    )
