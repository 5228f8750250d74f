"""SHACL validation with pyshacl (ontology/shapes.ttl, no inference), in units that scale linearly.

Every source graph must conform on its own, with the registry and the ontology's class and concept
statements; the registry is validated once as a whole (see `validation_units`). Each finding names
the file of its focus node. Units run in two processes when there are many.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from functools import lru_cache

import pyoxigraph as ox
from pyshacl import validate
from rdflib import BNode, Graph
from rdflib.namespace import SH
from rdflib.plugins.sparql import prepareQuery

from integrationsgraph.errors import DataNonConformant, Problem
from integrationsgraph.pipeline.loading import LoadedInputs
from integrationsgraph.pipeline.terms import rdflib_graph, to_rdflib
from integrationsgraph.pipeline.validation_units import files_of_focus_nodes, validation_units

PARALLEL_FROM_UNITS = 4

# Set before the worker processes fork, so they inherit it instead of receiving it pickled.
_CONTEXT: dict = {}


@lru_cache(maxsize=1024)
def _prepared(text: str):
    return prepareQuery(text)


class _ParseOnceGraph(Graph):
    """A Graph that parses each SPARQL text once. pyshacl runs a SPARQL constraint once per focus
    node, always with the same text (the node goes in as a binding), and parsing is most of its cost."""

    def query(self, query_object, *args, **kwargs):
        if isinstance(query_object, str):
            query_object = _prepared(query_object)
        return super().query(query_object, *args, **kwargs)


def _schema_triples(inputs: LoadedInputs) -> list[tuple]:
    """The ontology statements shapes rely on (class hierarchy, concept typing and schemes), without
    its labels and definitions: literals never decide a target or an sh:class."""
    return [
        (to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object))
        for loaded in inputs.ontology
        for t in loaded.triples
        if not isinstance(t.object, ox.Literal)
    ]


def _unit_graph(schema: list[tuple], triples) -> Graph:
    graph = _ParseOnceGraph()
    add = graph.add
    for triple in schema:
        add(triple)
    for triple in triples:
        add((to_rdflib(triple.subject), to_rdflib(triple.predicate), to_rdflib(triple.object)))
    return graph


def _render(graph: Graph, node) -> str | None:
    if node is None:
        return None
    if isinstance(node, BNode):  # a complex property path: show it in Turtle-ish form
        manager = graph.namespace_manager
        return " ".join(f"{p.n3(manager)} {o.n3(manager)}" for p, o in graph.predicate_objects(node))
    return str(node)


def _violations(results: Graph) -> list[tuple[str, str | None, str]]:
    """(focus, path, message) of every sh:Violation in a pyshacl results graph."""
    found = []
    for result in results.subjects(SH.resultSeverity, SH.Violation):
        messages = sorted(str(m) for m in results.objects(result, SH.resultMessage))
        if not messages:
            component = results.value(result, SH.sourceConstraintComponent)
            messages = [f"violates {component}, value {results.value(result, SH.value)}"]
        path = _render(results, results.value(result, SH.resultPath))
        found.append((str(results.value(result, SH.focusNode)), path, "; ".join(messages)))
    return found


def _validate_unit(index: int) -> list[tuple[str, str | None, str]]:
    unit = _CONTEXT["units"][index]
    conforms, results, _text = validate(
        _unit_graph(_CONTEXT["schema"], unit.triples),
        inplace=True,  # keeps our Graph class (no copy); the unit graph is ours to change
        shacl_graph=_CONTEXT["shapes"],
        inference="none",
        abort_on_first=False,
        allow_warnings=True,
    )
    return [] if conforms else _violations(results)


def _run_units(count: int, report: Callable[[int, int], None]) -> list[list]:
    processes = min(2, os.cpu_count() or 1)
    outcomes = []
    if count < PARALLEL_FROM_UNITS or processes < 2:
        for index in range(count):
            outcomes.append(_validate_unit(index))
            report(index + 1, count)
        return outcomes
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        for outcome in pool.imap(_validate_unit, range(count), chunksize=1):
            outcomes.append(outcome)
            report(len(outcomes), count)
    return outcomes


def _silent(done: int, total: int) -> None:
    """The default progress report: none."""


def validate_inputs(inputs: LoadedInputs, report: Callable[[int, int], None] = _silent) -> int:
    """Validate every unit; raise DataNonConformant listing each violation. Returns the unit count.
    `report(done, total)` is called after each unit."""
    units = validation_units(inputs)
    _CONTEXT.update(units=units, shapes=rdflib_graph(inputs.shapes.triples), schema=_schema_triples(inputs))
    try:
        outcomes = _run_units(len(units), report)
    finally:
        _CONTEXT.clear()
    problems = set()
    for unit, violations in zip(units, outcomes, strict=True):
        file_of = files_of_focus_nodes(unit)
        problems.update(
            Problem("shacl", message, file=file_of[focus], focus=focus, path=path)
            for focus, path, message in violations
            if focus in file_of
        )
    if problems:
        ordered = sorted(problems, key=lambda p: (p.file or "", p.focus or "", p.path or "", p.message))
        raise DataNonConformant(ordered)
    return len(units)
