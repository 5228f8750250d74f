"""Named derivation rules: each rules/<name>.rq is a SPARQL CONSTRUCT run over asserted + inferred.

Every node a rule mints (a subject not yet in the store) must carry `prov:wasGeneratedBy igr:<name>`,
so anything derived says how; a rule that forgets it fails the build.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib.namespace import PROV

from integrationsgraph.errors import InputError
from integrationsgraph.namespaces import IGR
from integrationsgraph.pipeline.sparqlfiles import SparqlFile, read_sparql_file, run_sparql_file

WAS_GENERATED_BY = ox.NamedNode(str(PROV.wasGeneratedBy))


def load_rules(paths: tuple[Path, ...]) -> list[SparqlFile]:
    return [read_sparql_file(path, "rule") for path in paths]


def _construct(store: ox.Store, rule: SparqlFile) -> list[tuple]:
    result = run_sparql_file(store, rule, ox.QueryTriples, "a rule must be a SPARQL CONSTRUCT query")
    return [(t.subject, t.predicate, t.object) for t in result]


def _check_minted(store: ox.Store, rule: SparqlFile, triples: list[tuple]) -> None:
    marker = ox.NamedNode(str(IGR[rule.name]))
    generated = {s for s, p, o in triples if p == WAS_GENERATED_BY and o == marker}
    for subject in sorted({s for s, _, _ in triples} - generated, key=str):
        if next(store.quads_for_pattern(subject, None, None), None) is None:
            raise InputError(
                f"{rule.path}: mints {subject.value} without 'prov:wasGeneratedBy igr:{rule.name}'"
            )


def run_rules(store: ox.Store, rules: list[SparqlFile]) -> dict[str, list[tuple]]:
    """The triples each rule constructs, by rule name (rules see the store, not each other's output)."""
    outputs = {}
    for rule in rules:
        triples = _construct(store, rule)
        _check_minted(store, rule, triples)
        outputs[rule.name] = triples
    return outputs
