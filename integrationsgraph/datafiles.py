"""Loading RDF files given on the command line (`serve --data FILE...`) into an in-memory store.

Every file's triples go into a named graph named by the file's `file:` URI; a dataset file (TriG, N-Quads,
JSON-LD) keeps its named graphs, and its default-graph triples go to the file's graph too. The store's
default graph thus stays empty and the endpoint's default graph is exactly the union of the named graphs.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox

from integrationsgraph.errors import InputError

# Extensions pyoxigraph does not know by itself.
EXTRA_EXTENSIONS = {"json": ox.RdfFormat.JSON_LD, "xml": ox.RdfFormat.RDF_XML, "owl": ox.RdfFormat.RDF_XML}


def format_of(path: Path) -> ox.RdfFormat:
    """The RDF format of a file, from its extension; InputError when the extension names none."""
    extension = path.suffix.lstrip(".").lower()
    found = ox.RdfFormat.from_extension(extension) or EXTRA_EXTENSIONS.get(extension)
    if found is None:
        raise InputError(
            f"{path}: unknown RDF file extension {path.suffix!r}; use .ttl, .trig, .nt, .nq, .rdf or .jsonld"
        )
    return found


def file_graph(path: Path) -> ox.NamedNode:
    """The named graph a file's own triples go to: its absolute file: URI."""
    return ox.NamedNode(path.resolve().as_uri())


def _quads(path: Path) -> Iterator[ox.Quad]:
    graph = file_graph(path)
    for quad in ox.parse(path=path, format=format_of(path), base_iri=graph.value):
        if isinstance(quad.graph_name, ox.DefaultGraph):
            yield ox.Quad(quad.subject, quad.predicate, quad.object, graph)
        else:
            yield quad


def load_files(paths: Iterable[Path]) -> ox.Store:
    """An in-memory store holding every file; InputError naming file, line and column on a parse error."""
    store = ox.Store()
    for path in paths:
        if not path.is_file():
            raise InputError(f"{path}: no such file")
        try:
            store.extend(_quads(path))  # streamed: a list of every quad would double the peak memory
        except SyntaxError as error:
            raise InputError(f"{path}: {error}") from None
        except OSError as error:
            raise InputError(f"{path}: cannot read: {error}") from None
    return store
