"""Dumps of the whole dataset, byte-identical for the same inputs: quads sorted, prefixes fixed."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from integrationsgraph.namespaces import PREFIXES

DUMP_NAME = "integrationsgraph"


def _order(quad: ox.Quad) -> tuple[str, str, str, str]:
    return (quad.graph_name.value, str(quad.subject), str(quad.predicate), str(quad.object))


def sorted_quads(quads) -> list[ox.Quad]:
    """Quads without duplicates, in a total order independent of how they were produced (there are no
    blank nodes to reorder: loading skolemises them)."""
    return sorted(set(quads), key=_order)


def write_dumps(release: Path, quads: list[ox.Quad]) -> dict[str, Path]:
    """Write `dumps/integrationsgraph.trig` and `.nq` from sorted quads; returns their paths."""
    folder = release / "dumps"
    folder.mkdir(parents=True, exist_ok=True)
    trig = folder / f"{DUMP_NAME}.trig"
    nquads = folder / f"{DUMP_NAME}.nq"
    ox.serialize(quads, str(trig), ox.RdfFormat.TRIG, prefixes=PREFIXES)
    ox.serialize(quads, str(nquads), ox.RdfFormat.N_QUADS)
    return {"trig": trig, "nquads": nquads}
