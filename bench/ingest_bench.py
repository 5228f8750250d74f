"""Benchmark of `integrationsgraph ingest` on the press releases and every corpus folder.

    python -m bench.ingest_bench [--runs 3] [--shared DIR] [--markdown bench/ingest_results.md]

Two measurements: the command as a user runs it (a subprocess: interpreter start, imports, registry,
all documents, drafts and summaries written), `--runs` times, wall time and peak memory; and one run in
process, split by stage (registry, recognition, writing). The target is under 10 s for all the documents
(126 corpus documents and 5 press texts when it was set).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench.machine import describe
from bench.measure import run_measured
from integrationsgraph.ingest.batch import ingest_paths
from integrationsgraph.ingest.draft import draft_trig
from integrationsgraph.ingest.linking import load_registry
from integrationsgraph.ingest.summary import summarise, validate_summary
from integrationsgraph.paths import DATA_DIR, shared_dir

TARGET_SECONDS = 10.0


def documents(shared: Path) -> list[Path]:
    return sorted((shared / "press").glob("*.txt")) + sorted((shared / "corpus").glob("*/*.txt"))


def in_process(paths: list[Path], data_dir: Path = DATA_DIR) -> dict:
    """Seconds per stage of one ingestion of `paths`, and how many facts it found."""
    started = time.perf_counter()
    registry = load_registry(data_dir / "entities")
    loaded = time.perf_counter()
    results = ingest_paths(paths, registry)
    recognised = time.perf_counter()
    facts = 0
    for result in results:
        summary = summarise(result)
        validate_summary(summary, result.stem)
        draft_trig(result)
        facts += len(summary)
    written = time.perf_counter()
    return {
        "documents": len(paths),
        "facts": facts,
        "registry_s": round(loaded - started, 3),
        "recognition_s": round(recognised - loaded, 3),
        "drafts_and_summaries_s": round(written - recognised, 3),
        "total_s": round(written - started, 3),
    }


def as_subprocess(paths: list[Path], runs: int) -> dict:
    walls, peaks, cpus = [], [], []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as out:
            command = [sys.executable, "-m", "integrationsgraph", "ingest", *map(str, paths), "--out", out]
            measured = run_measured(command, timeout=600)
        if measured.exit_code != 0:
            raise SystemExit(f"ingest failed ({measured.exit_code}):\n{measured.stderr}")
        walls.append(measured.wall_seconds)
        cpus.append(measured.cpu_seconds)
        peaks.append(measured.maxrss_kib)
    return {
        "runs": runs,
        "wall_s_min": round(min(walls), 2),
        "wall_s_median": round(statistics.median(walls), 2),
        "wall_s_max": round(max(walls), 2),
        # CPU time is what the machine's other jobs disturb least: the figure to compare versions by
        "cpu_s_median": round(statistics.median(cpus), 2),
        "peak_rss_mib": round(max(peaks) / 1024, 1),
    }


def markdown(result: dict) -> str:
    command, stages, machine = result["command"], result["in_process"], result["machine"]
    verdict = "met" if command["wall_s_median"] < TARGET_SECONDS else "NOT met"
    return (
        "# Ingestion benchmark\n\n"
        f"`python -m bench.ingest_bench --runs {command['runs']}` on {stages['documents']} documents "
        "(../shared/press and every ../shared/corpus/* folder).\n\n"
        f"Machine: {machine['nproc']} cores, {machine['memory_gib']} GiB, {machine['cpu']}, "
        f"Python {machine['python']} (shared with other jobs: timings are noisy).\n\n"
        "| measurement | value |\n|---|---|\n"
        f"| `integrationsgraph ingest` (subprocess), wall, median of {command['runs']} | "
        f"{command['wall_s_median']} s (min {command['wall_s_min']}, max {command['wall_s_max']}) |\n"
        f"| `integrationsgraph ingest` (subprocess), CPU (user + system), median | "
        f"{command['cpu_s_median']} s |\n"
        f"| peak resident memory | {command['peak_rss_mib']} MiB |\n"
        f"| in process: registry (rdflib) | {stages['registry_s']} s |\n"
        f"| in process: recognition | {stages['recognition_s']} s |\n"
        f"| in process: drafts + summaries (schema-validated) | {stages['drafts_and_summaries_s']} s |\n"
        f"| in process: total | {stages['total_s']} s |\n"
        f"| facts found | {stages['facts']} |\n\n"
        f"Target: under {TARGET_SECONDS:.0f} s for the {stages['documents']} documents: {verdict}.\n"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--shared", type=Path, default=None, help="the texts (default ../shared)")
    parser.add_argument("--markdown", type=Path, help="also write the results as Markdown here")
    args = parser.parse_args(argv)
    paths = documents(args.shared or shared_dir())
    if not paths:
        raise SystemExit("no documents under press/ and corpus/*/")
    result = {
        "machine": describe(),
        "in_process": in_process(paths),
        "command": as_subprocess(paths, args.runs),
    }
    print(json.dumps(result, indent=2))
    if args.markdown:
        args.markdown.write_text(markdown(result), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
