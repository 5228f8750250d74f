"""Named queries timed in process, new against old, on one dump loaded into an in-memory store.

    python -m bench.named_query_times --dump PATH [--old REV] [--bindings 5 | --every] [--seed 1] [QUERY ...]

Loads the N-Quads dump into an in-memory pyoxigraph store (as the server's workers hold the graph), draws
`--bindings` parameter values per query as the varied mix of `bench/endpoint/mixes.py` draws them
(entities of the parameter's kind from the data, dates 1990-2030), and runs each query once per binding.
With `--old REV`, the same query as `queries/NAME.rq` reads at git revision REV runs on the same binding,
alternating with the new one, and the two answers are compared as multisets of rows (`same`: identical;
`same (list order)`: identical once the `, `-separated parts of each value are sorted, since SPARQL
leaves the order inside a GROUP_CONCAT to the engine; `DIFFERENT` otherwise). Prints a markdown table:
median and maximum milliseconds, rows per binding (their sum with `--every`, which binds each IRI
parameter to every entity of its kind, and an optional one also to none, to compare answers on a small
build). Nothing is timed in tests; the tables go to docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import statistics
import subprocess
import time
from pathlib import Path

import pyoxigraph as ox

from bench.endpoint.mixes import _compact, _kind, _pools, _values, named_queries
from integrationsgraph.queries.catalog import NamedQuery, parse_named_query

ROOT = Path(__file__).resolve().parent.parent


def old_query(revision: str, name: str) -> NamedQuery:
    """`queries/NAME.rq` as it reads at a git revision of this checkout."""
    text = subprocess.run(
        ["git", "show", f"{revision}:queries/{name}.rq"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    return parse_named_query(text, f"{revision}:queries/{name}.rq")


def every_binding(query: NamedQuery, pools: dict[str, list[str]], rng: random.Random) -> list[dict[str, str]]:
    """Each combination of the data's entities for the IRI parameters (and "not given" for an optional
    one), the other parameters drawn as the mix draws them: for comparing answers on a small build."""
    choices = []
    for parameter in query.parameters:
        if parameter.type == "iri":
            pool = pools.get(_kind(parameter.example), [parameter.example])
            choices.append([(parameter.name, value) for value in pool + [""] * parameter.optional])
    return [_values(query, pools, rng) | dict(chosen) for chosen in itertools.product(*choices)]


def run(store: ox.Store, text: str) -> tuple[float, list[tuple[str, ...]]]:
    """Milliseconds to the last row, and the rows (each value as N-Triples text, "" when unbound)."""
    start = time.perf_counter()
    answer = store.query(text, use_default_graph_as_union=True)
    names = [variable.value for variable in answer.variables]
    rows = [tuple(str(row[name]) if row[name] is not None else "" for name in names) for row in answer]
    return (time.perf_counter() - start) * 1000, rows


def _parts_sorted(rows: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    return sorted(tuple(", ".join(sorted(value.split(", "))) for value in row) for row in rows)


def compare(new: list[tuple[str, ...]], old: list[tuple[str, ...]]) -> str:
    if sorted(new) == sorted(old):
        return "same"
    return "same (list order)" if _parts_sorted(new) == _parts_sorted(old) else "DIFFERENT"


def time_query(
    store: ox.Store, query: NamedQuery, old: NamedQuery | None, bindings: list[dict[str, str]]
) -> str:
    """One markdown table row for `query` over `bindings` (old first, then new, for each binding)."""
    new_ms, old_ms, counts, verdicts = [], [], [], []
    for values in bindings:
        if old is not None:
            elapsed, old_rows = run(store, _compact(old.bind(values)))
            old_ms.append(elapsed)
        elapsed, rows = run(store, _compact(query.bind(values)))
        new_ms.append(elapsed)
        counts.append(len(rows))
        if old is not None:
            verdicts.append(compare(rows, old_rows))
    cells = [f"`{query.name}`", f"{statistics.median(new_ms):.0f}", f"{max(new_ms):.0f}"]
    if old is not None:
        ratio = statistics.median(old_ms) / max(statistics.median(new_ms), 0.001)
        cells += [f"{statistics.median(old_ms):.0f}", f"{max(old_ms):.0f}", f"{ratio:.1f}"]
    cells.append(str(counts) if len(counts) <= 10 else f"{len(counts)} bindings, {sum(counts)} rows")
    if old is not None:
        cells.append(", ".join(sorted(set(verdicts))))
    return "| " + " | ".join(cells) + " |"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("queries", nargs="*", help="named queries (default: every one)")
    parser.add_argument("--dump", type=Path, default=ROOT / "build/current/dumps/integrationsgraph.nq")
    parser.add_argument("--old", metavar="REV", help="git revision whose queries/ to compare against")
    parser.add_argument("--bindings", type=int, default=5, help="bindings per query (default 5)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--every", action="store_true", help="every entity of each IRI parameter's kind instead of --bindings"
    )
    args = parser.parse_args(argv)

    start = time.perf_counter()
    store = ox.Store()
    store.bulk_load(path=str(args.dump), format=ox.RdfFormat.N_QUADS)
    print(f"loaded {len(store):,} quads from {args.dump} in {time.perf_counter() - start:.1f} s")
    catalog = {query.name: query for query in named_queries()}
    names = args.queries or sorted(catalog)
    pools = _pools(store)
    head = ["query", "median ms", "max ms"]
    if args.old:
        head += [f"old median ms ({args.old})", "old max ms", "old/new"]
    head += ["rows per binding"] + (["rows old vs new"] if args.old else [])
    print(f"load average before: {os.getloadavg()[0]:.1f}\n")
    print("| " + " | ".join(head) + " |\n|" + "---|" * len(head))
    for name in names:
        query = catalog[name]
        rng = random.Random(f"{args.seed}:{name}")  # a query's bindings do not depend on the others
        if args.every:
            bindings = every_binding(query, pools, rng)
        else:
            bindings = [_values(query, pools, rng) for _ in range(args.bindings)]
        old = old_query(args.old, name) if args.old else None
        print(time_query(store, query, old, bindings), flush=True)
    print(f"\nload average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
