"""The peer: naive owlrl over the whole graph (ontology + all data in one rdflib Graph).

`python -m bench.owlrl_peer TREE [--ontology-dir DIR]` loads the ontology files the build reads and the
tree's data files into one rdflib Graph, runs `owlrl.DeductiveClosure(OWLRL_Semantics).expand`, and
prints one JSON line: seconds to load and to expand, triples before and after.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import owlrl
from pyoxigraph import RdfFormat, parse

from integrationsgraph.paths import ONTOLOGY_DIR
from integrationsgraph.pipeline.inputs import ONTOLOGY_FILES
from integrationsgraph.pipeline.terms import rdflib_graph


def load_triples(tree: Path, ontology_dir: Path):
    """Every triple of the ontology and the tree's data (graph names dropped: the peer has one graph)."""
    for name in ONTOLOGY_FILES:
        yield from (quad.triple for quad in parse((ontology_dir / name).read_bytes(), RdfFormat.TURTLE))
    for path in sorted((tree / "data" / "entities").glob("*.ttl")):
        yield from (quad.triple for quad in parse(path.read_bytes(), RdfFormat.TURTLE))
    for path in sorted((tree / "data" / "sources").glob("*.trig")):
        yield from (quad.triple for quad in parse(path.read_bytes(), RdfFormat.TRIG))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.owlrl_peer", description=__doc__.splitlines()[0])
    parser.add_argument("tree", type=Path)
    parser.add_argument("--ontology-dir", type=Path, default=ONTOLOGY_DIR)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    graph = rdflib_graph(load_triples(args.tree, args.ontology_dir))
    loaded = time.perf_counter()
    before = len(graph)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(graph)
    expanded = time.perf_counter()
    print(
        json.dumps(
            {
                "load_seconds": round(loaded - started, 2),
                "expand_seconds": round(expanded - loaded, 2),
                "triples_before": before,
                "triples_after": len(graph),
            }
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
