"""Grouping the data into pyshacl runs ("units") whose results equal validating each source alone.

Each source graph must conform on its own (its claims, the registry and the ontology), but one pyshacl
run per source costs a fixed overhead that dominates at thousands of sources. So sources are packed
into batches in which no two share a node other than registry entries they do not describe: the
batch graph is then a disjoint union of per-source graphs glued only at unchanged registry entries,
and every source node sees exactly the triples it would see alone.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import pyoxigraph as ox

from integrationsgraph.pipeline.loading import LoadedFile, LoadedInputs

RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
BATCH_TRIPLES = 1500  # source triples per batch: amortises pyshacl's fixed cost; it slows down beyond
OPEN_BATCHES = 8  # batches still accepting sources; bounds the packing cost


@dataclass(frozen=True)
class Unit:
    """What one pyshacl run validates, and the files its findings are reported against."""

    files: tuple[LoadedFile, ...]
    triples: tuple
    # The registry unit reports every node its files mention; a source unit only the nodes its files
    # describe (a registry entry's own problems are reported once, by the registry unit).
    registry: bool = False


@dataclass
class _Batch:
    files: list = field(default_factory=list)
    keys: set = field(default_factory=set)
    size: int = 0


def _keys(loaded: LoadedFile, shared: set) -> set:
    """The nodes a source must not share with another source of its batch: what it describes, and
    every node it mentions that is not shared (a registry entry, an ontology term or concept)."""
    keys = set()
    for triple in loaded.triples:
        keys.add(triple.subject)
        if isinstance(triple.object, ox.NamedNode) and triple.object not in shared:
            keys.add(triple.object)
    return keys


def _pack(sources: tuple[LoadedFile, ...], shared: set) -> list[list[LoadedFile]]:
    open_batches: list[_Batch] = []
    closed: list[list[LoadedFile]] = []
    for loaded in sources:
        keys = _keys(loaded, shared)
        batch = next((b for b in open_batches if b.keys.isdisjoint(keys)), None)
        if batch is None:
            batch = _Batch()
            open_batches.append(batch)
            if len(open_batches) > OPEN_BATCHES:
                closed.append(open_batches.pop(0).files)
        batch.files.append(loaded)
        batch.keys |= keys
        batch.size += len(loaded.triples)
        if batch.size >= BATCH_TRIPLES:
            open_batches.remove(batch)
            closed.append(batch.files)
    return closed + [b.files for b in open_batches]


def _registry_slice(files: list[LoadedFile], index: dict) -> list:
    """The registry triples reachable from the nodes the files mention."""
    seen, frontier, found = set(), [], []
    for loaded in files:
        for triple in loaded.triples:
            frontier.extend((triple.subject, triple.object))
    while frontier:
        node = frontier.pop()
        if node in seen or isinstance(node, ox.Literal):
            continue
        seen.add(node)
        for triple in index.get(node, ()):
            found.append(triple)
            frontier.append(triple.object)
    return found


def validation_units(inputs: LoadedInputs) -> list[Unit]:
    """The registry as one unit, then the sources in batches with the registry slice they reach."""
    index = defaultdict(list)
    for loaded in inputs.entities:
        for triple in loaded.triples:
            index[triple.subject].append(triple)
    registry = tuple(t for f in inputs.entities for t in f.triples)
    units = [Unit((*inputs.entities, *inputs.ontology), registry, registry=True)]
    shared = set(index) | {t.subject for f in inputs.ontology for t in f.triples}
    shared |= {t.object for f in inputs.data_files for t in f.triples if t.predicate == RDF_TYPE}
    for files in _pack(inputs.sources, shared):
        own = [t for loaded in files for t in loaded.triples]
        units.append(Unit(tuple(files), (*own, *_registry_slice(files, index))))
    return units


def files_of_focus_nodes(unit: Unit) -> dict[str, str]:
    """Focus node IRI -> the file findings about it are reported against (nodes not in the map are
    someone else's to report)."""
    file_of: dict[str, str] = {}
    for loaded in unit.files:
        for triple in loaded.triples:
            for term in (triple.subject, triple.object) if unit.registry else (triple.subject,):
                if isinstance(term, ox.NamedNode):
                    file_of.setdefault(term.value, str(loaded.path))
    return file_of
