"""Benchmark the build at several sizes of synthetic data, and naive owlrl as the peer at small sizes.

    python -m bench.run_build_bench --sizes 10000,100000,1000000 [--owlrl-peer 10000,20000]

Each size's tree is generated once and cached under bench/out/trees/ (regenerated when the generator's
code, the seed or the size changes). Every build and every peer run is a subprocess of its own, measured
by bench.measure (wall time, peak RSS); the build's time per stage comes from its report.json. Results
go to bench/out/results.json and a markdown table to stdout.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
from pathlib import Path

from bench import machine
from bench.measure import Measurement, run_measured
from bench.synthetic import generate, generator_version
from integrationsgraph.errors import UsageError

OUT = Path(__file__).resolve().parent / "out"
STAGES = (
    "inputs",
    "parse",
    "validate",
    "reason",
    "store",
    "rules",
    "tenures",
    "rules-after-tenures",
    "checks",
    "dumps",
)
TARGETS = {100_000: 60.0, 1_000_000: 15 * 60.0}
MEMORY_TARGET_KIB = {1_000_000: 6 * 1024**2}


def _sizes(text: str) -> list[int]:
    try:
        return sorted({int(part) for part in text.split(",") if part.strip()})
    except ValueError as exc:
        raise UsageError(f"sizes must be comma-separated integers, not {text!r}") from exc


def cached_tree(size: int, seed: int, out: Path) -> tuple[Path, float | None]:
    """The tree of `size` triples, generated unless a current one is cached; (path, seconds or None)."""
    tree = out / "trees" / f"{size}-seed{seed}"
    manifest = tree / "manifest.json"
    if manifest.is_file():
        cached = json.loads(manifest.read_text(encoding="utf-8"))
        if (cached["generator"], cached["target"], cached["seed"]) == (generator_version(), size, seed):
            return tree, None
    started = time.perf_counter()
    generate(size, tree, seed)
    return tree, round(time.perf_counter() - started, 2)


def _environment(tree: Path) -> dict[str, str]:
    return {**os.environ, "INTEGRATIONSGRAPH_SHARED": str(tree / "shared")}


def build_arguments(tree: Path, build_dir: Path) -> list[str]:
    """`integrationsgraph build` of a generated tree (its data and texts) into `build_dir`."""
    return [
        "build", "--quiet", "--data-dir", str(tree / "data"), "--build-dir", str(build_dir),
        "--shared-dir", str(tree / "shared"),
    ]  # fmt: skip


def run_build(tree: Path, timeout: float | None, keep: bool = False) -> dict:
    """One fresh build of the tree in a subprocess; the stages' seconds from its report."""
    build_dir = tree / "build"
    shutil.rmtree(build_dir, ignore_errors=True)
    command = [sys.executable, "-m", "integrationsgraph", *build_arguments(tree, build_dir), "--force"]
    measured = run_measured(command, env=_environment(tree), timeout=timeout)
    result = _measurement(measured)
    report_path = build_dir / "current" / "report.json"
    if measured.exit_code == 0 and report_path.is_file():
        report = json.loads(report_path.read_text(encoding="utf-8"))
        result["stages"] = report.get("seconds", {})
        result["stage_peak_mib"] = stage_peaks(measured, result["stages"])
        result["triples"] = report.get("triples", {})
        result["validation_units"] = report.get("validation_units")
    if not keep:
        shutil.rmtree(build_dir, ignore_errors=True)  # a 1M release is large; the numbers are what we keep
    return result


def stage_peaks(measured: Measurement, stages: dict[str, float]) -> dict[str, float]:
    """Approximate peak process-tree RSS per stage: the stages are laid end to end after start-up
    (the wall time the stages do not account for, mostly interpreter start and imports)."""
    start = max(0.0, measured.wall_seconds - sum(stages.values()))
    peaks = {}
    for stage in (s for s in STAGES if s in stages):
        end = start + stages[stage]
        inside = [rss for at, rss in measured.samples if start <= at <= end]
        if inside:
            peaks[stage] = round(max(inside) / 1024, 1)
        start = end
    return peaks


def run_peer(tree: Path, timeout: float | None) -> dict:
    measured = run_measured([sys.executable, "-m", "bench.owlrl_peer", str(tree)], timeout=timeout)
    result = _measurement(measured)
    if measured.exit_code == 0:
        result.update(json.loads(measured.stdout.strip().splitlines()[-1]))
    return result


def _measurement(measured: Measurement) -> dict:
    return {
        # The machine is shared: the 1-minute load average after the run says how busy it was.
        "load_average_after": round(os.getloadavg()[0], 2),
        "exit_code": measured.exit_code,
        "wall_seconds": measured.wall_seconds,
        "cpu_seconds": measured.cpu_seconds,
        "maxrss_mib": round(measured.maxrss_kib / 1024, 1),
        "tree_peak_mib": round(measured.tree_peak_kib / 1024, 1),
        "stderr_tail": measured.stderr.strip().splitlines()[-5:],
    }


def _verdicts(runs: dict[int, dict]) -> list[dict]:
    verdicts = []
    for size, seconds in TARGETS.items():
        run = runs.get(size)
        if run is None:
            continue
        met = run["exit_code"] == 0 and run["wall_seconds"] < seconds
        verdicts.append(
            {"size": size, "target": f"build < {seconds:.0f} s", "measured": run["wall_seconds"], "met": met}
        )
    for size, kib in MEMORY_TARGET_KIB.items():
        run = runs.get(size)
        if run is None:
            continue
        peak = run["tree_peak_mib"]
        verdicts.append(
            {
                "size": size,
                "target": f"peak memory < {kib / 1024**2:.0f} GiB",
                "measured": peak,
                "met": run["exit_code"] == 0 and peak * 1024 < kib,
            }
        )
    return verdicts


def markdown(results: dict) -> str:
    """The results as markdown tables: builds per size with stages, the peer, the targets."""
    lines = [
        "| asserted triples | sources | build wall s | build CPU s | "
        + " | ".join(STAGES)
        + " | peak RSS MiB "
        "(largest process) | peak RSS MiB (process tree) | load avg | exit |",
        "|---:" * (7 + len(STAGES)) + "|---:|",
    ]
    for run in results["builds"]:
        stages = run.get("stages", {})
        cells = [f"{stages[s]:.1f}" if s in stages else "–" for s in STAGES]
        cpu, load = run.get("cpu_seconds", "–"), run.get("load_average_after", "–")
        lines.append(
            f"| {run['size']:,} | {run['sources']} | {run['wall_seconds']:.1f} | {cpu} | "
            + " | ".join(cells)
            + f" | {run['maxrss_mib']:.0f} | {run['tree_peak_mib']:.0f} | {load} | {run['exit_code']} |"
        )
    with_peaks = [run for run in results["builds"] if run.get("stage_peak_mib")]
    if with_peaks:
        lines += [
            "",
            "| peak RSS MiB per stage (process tree, approx.) | " + " | ".join(STAGES) + " |",
            "|---:" * (1 + len(STAGES)) + "|",
        ]
        for run in with_peaks:
            peaks = run["stage_peak_mib"]
            lines.append(
                f"| {run['size']:,} | "
                + " | ".join(f"{peaks[s]:.0f}" if s in peaks else "–" for s in STAGES)
                + " |"
            )
    if results["peer"]:
        lines += [
            "",
            "| asserted triples | owlrl load s | owlrl expand s | owlrl wall s | owlrl peak RSS MiB "
            "| our build wall s | ratio ours/peer (wall) |",
            "|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for peer in results["peer"]:
            ours = next((b for b in results["builds"] if b["size"] == peer["size"]), None)
            ratio = (
                f"{ours['wall_seconds'] / peer['wall_seconds']:.2f}"
                if ours and peer["exit_code"] == 0
                else "–"
            )
            lines.append(
                f"| {peer['size']:,} | {peer.get('load_seconds', '–')} | {peer.get('expand_seconds', '–')} "
                f"| {peer['wall_seconds']:.1f} | {peer['maxrss_mib']:.0f} | "
                f"{ours['wall_seconds'] if ours else '–'} | {ratio} |"
            )
    if results["targets"]:
        lines += ["", "| target | size | measured | met |", "|---|---:|---:|---|"]
        lines += [
            f"| {v['target']} | {v['size']:,} | {v['measured']} | {'yes' if v['met'] else 'no'} |"
            for v in results["targets"]
        ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.run_build_bench", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--sizes", default="10000,100000,1000000", help="asserted-triple counts to build")
    parser.add_argument("--owlrl-peer", default="", metavar="SIZES", help="sizes to run naive owlrl at")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=None, help="seconds before a run is killed")
    parser.add_argument("--out", type=Path, default=OUT, help="cache and results folder (default bench/out)")
    parser.add_argument("--results", type=Path, help="results file (default OUT/results.json)")
    parser.add_argument("--keep-builds", action="store_true", help="keep each tree's build/ for inspection")
    args = parser.parse_args(argv)
    sizes, peer_sizes = _sizes(args.sizes), _sizes(args.owlrl_peer)
    results: dict = {
        "machine": machine.describe(),
        "command": " ".join(
            ["python -m bench.run_build_bench", *(argv if argv is not None else sys.argv[1:])]
        ),
        "seed": args.seed,
        "builds": [],
        "peer": [],
        "targets": [],
    }
    results_path = args.results or args.out / "results.json"
    args.out.mkdir(parents=True, exist_ok=True)
    for size in sorted(set(sizes) | set(peer_sizes)):
        tree, generated = cached_tree(size, args.seed, args.out)
        manifest = json.loads((tree / "manifest.json").read_text(encoding="utf-8"))
        print(f"[bench] {size:,}: building {manifest['sources']} sources", file=sys.stderr, flush=True)
        run = {
            "size": size,
            "asserted": manifest["triples"],
            "sources": manifest["sources"],
            "generate_seconds": generated,
            **run_build(tree, args.timeout, keep=args.keep_builds),
        }
        results["builds"].append(run)
        print(
            f"[bench] {size:,}: build {run['wall_seconds']} s, exit {run['exit_code']}",
            file=sys.stderr,
            flush=True,
        )
        if size in peer_sizes:
            peer = {"size": size, **run_peer(tree, args.timeout)}
            results["peer"].append(peer)
            print(f"[bench] {size:,}: owlrl {peer['wall_seconds']} s", file=sys.stderr, flush=True)
        results_path.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    results["targets"] = _verdicts({run["size"]: run for run in results["builds"]})
    results_path.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(markdown(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
