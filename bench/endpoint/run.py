"""Run the endpoint benchmark and write bench/out/endpoint/results.json (and a Markdown table).

    python -m bench.endpoint [--datasets curated synthetic-1m] [--mixes repeated varied] [--duration 20]
        [--connections 8]

For each dataset, each server in turn (never two at once) gets each mix from wrk (Debian package `wrk`)
with 2 threads and `--connections` connections for `--duration` seconds; then the same mix runs in this
process on a pyoxigraph in-memory store (the floor: no HTTP at all).
"""

from __future__ import annotations

import argparse
import concurrent.futures
import json
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
import pyoxigraph as ox

from bench.endpoint import mixes, servers

ROOT = servers.ROOT
OUT = ROOT / "bench" / "out" / "endpoint"
LUA = Path(__file__).with_name("mix.lua")
SYNTHETIC_TREE = ROOT / "bench" / "out" / "trees" / "1000000-seed1"
VARIED_COUNT = 30000


@dataclass(frozen=True)
class Dataset:
    name: str
    store: Path  # an on-disk pyoxigraph store (oxigraph serve-read-only reads it)
    nquads: Path  # the same quads as one N-Quads file (rdflib-endpoint, ours with --data)
    build_dir: Path | None  # ours serves the build when there is one


def curated() -> Dataset:
    build_dir = ROOT / "build"
    if not (build_dir / "current").exists():
        subprocess.run([str(servers.BIN / "integrationsgraph"), "build"], check=True, cwd=ROOT)
    release = (build_dir / "current").resolve()
    return Dataset("curated", release / "store", release / "dumps" / "integrationsgraph.nq", build_dir)


def synthetic() -> Dataset:
    """The 1M-triple synthetic data (generated if missing), built like the curated data: the named
    queries read what the build derives (the resolved tenures), so loading the files is not enough.
    `python -m bench.run_build_bench --sizes 1000000 --keep-builds` leaves the same build behind."""
    build_dir = SYNTHETIC_TREE / "build"
    if not (build_dir / "current").exists():
        if not (SYNTHETIC_TREE / "data").exists():
            command = [sys.executable, "-m", "bench.synthetic", "--triples", "1000000"]
            command += ["--out", str(SYNTHETIC_TREE)]
            subprocess.run(command, check=True, cwd=ROOT)
        command = [str(servers.BIN / "integrationsgraph"), "build", "--quiet", "--data-dir"]
        command += [str(SYNTHETIC_TREE / "data"), "--build-dir", str(build_dir)]
        command += ["--shared-dir", str(SYNTHETIC_TREE / "shared")]
        subprocess.run(command, check=True, cwd=ROOT)
    release = (build_dir / "current").resolve()
    return Dataset("synthetic-1m", release / "store", release / "dumps" / "integrationsgraph.nq", build_dir)


DATASETS = {"curated": curated, "synthetic-1m": synthetic}


def wrk(running: servers.Running, paths_file: Path, duration: int, connections: int) -> dict:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--timeout", "30s", "-s", str(LUA),
               running.base_url, "--", str(paths_file)]  # fmt: skip
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    line = next(line for line in output.splitlines() if line.startswith("RESULT "))
    result = json.loads(line.removeprefix("RESULT "))
    seconds = result["duration_us"] / 1e6
    return {
        "requests": result["requests"], "throughput": round(result["requests"] / seconds, 1),
        "p50_ms": round(result["p50_us"] / 1000, 2), "p99_ms": round(result["p99_us"] / 1000, 2),
        "errors": {
            key: result[key] for key in ("status_errors", "connect_errors", "read_errors", "timeouts")
        },
    }  # fmt: skip


def settle(running: servers.Running, seconds: float = 120) -> None:
    """Wait until the server answers a fresh trivial query quickly (workers stopped at the end of the
    previous run, when wrk dropped its connections, have been replaced)."""
    deadline = time.monotonic() + seconds
    number = 0
    while time.monotonic() < deadline:
        number += 1
        started = time.monotonic()
        query = {"query": f"ASK {{}} # {number}"}
        try:
            response = httpx.get(running.base_url + running.query_path, params=query, timeout=60)
        except httpx.TransportError:
            continue  # still busy with the queries the previous run left behind
        if response.status_code == 200 and time.monotonic() - started < 0.05:
            return
        time.sleep(0.5)


def floor(dataset: Dataset, texts: list[str], duration: float, threads: int) -> dict:
    """The mix in process on an in-memory copy: `threads` threads for `duration` seconds (results to JSON)."""
    store = ox.Store()
    store.bulk_extend(ox.Store.read_only(str(dataset.store)))  # in memory, as each of our workers has it
    latencies: list[float] = []
    deadline = time.monotonic() + duration

    def loop(thread: int) -> None:
        number = thread * (len(texts) // threads)  # each thread walks the mix in order, like wrk's
        while time.monotonic() < deadline:
            started = time.perf_counter()
            store.query(texts[number % len(texts)], use_default_graph_as_union=True).serialize(
                format=ox.QueryResultsFormat.JSON
            )
            latencies.append(time.perf_counter() - started)
            number += 1

    with concurrent.futures.ThreadPoolExecutor(threads) as executor:
        list(executor.map(loop, range(threads)))
    ordered = sorted(latencies)
    return {
        "requests": len(ordered), "throughput": round(len(ordered) / duration, 1),
        "p50_ms": round(statistics.median(ordered) * 1000, 2),
        "p99_ms": round(ordered[int(len(ordered) * 0.99) - 1] * 1000, 2), "threads": threads,
    }  # fmt: skip


def run(arguments: argparse.Namespace) -> dict:
    OUT.mkdir(parents=True, exist_ok=True)
    report: dict = {"duration_s": arguments.duration, "connections": arguments.connections, "results": []}
    for dataset_name in arguments.datasets:
        dataset = DATASETS[dataset_name]()
        memory = ox.Store()
        memory.bulk_extend(ox.Store.read_only(str(dataset.store)))
        texts = {"repeated": mixes.repeated_mix(memory), "varied": mixes.varied_mix(memory, VARIED_COUNT)}
        texts = {name: texts[name] for name in arguments.mixes}
        del memory
        for server_name in arguments.servers:
            port = servers.free_port()
            print(f"{dataset_name}: starting {server_name}", flush=True)
            try:
                with servers.SERVERS[server_name](dataset, port) as running:
                    for mix_name, mix_texts in texts.items():
                        paths_file = OUT / f"{dataset_name}-{mix_name}-{server_name}.paths"
                        paths = mixes.request_paths(running.query_path, mix_texts)
                        paths_file.write_text("\n".join(paths) + "\n")
                        settle(running)
                        measured = wrk(running, paths_file, arguments.duration, arguments.connections)
                        measured["rss_mib"] = servers.tree_rss_mib(running.pid)
                        row = {"dataset": dataset_name, "mix": mix_name, "server": server_name, **measured}
                        record(report, row)
            except RuntimeError as error:
                print(f"{dataset_name}: {server_name} failed: {error}", flush=True)
                record(report, {"dataset": dataset_name, "server": server_name, "failed": str(error)})
        for mix_name, mix_texts in texts.items():
            measured = floor(dataset, mix_texts, arguments.duration, arguments.connections)
            floor_row = {"dataset": dataset_name, "mix": mix_name, "server": "pyoxigraph in process"}
            record(report, {**floor_row, **measured})
    return report


def record(report: dict, row: dict) -> None:
    """Print a result and rewrite results.json with it, so a run that fails later keeps what it measured."""
    print(json.dumps(row), flush=True)
    report["results"].append(row)
    (OUT / "results.json").write_text(json.dumps(report, indent=2) + "\n")


def markdown(report: dict) -> str:
    lines = [
        "| data | mix | server | req/s | p50 ms | p99 ms | errors (non-2xx, timeouts) | RSS MiB |",
        "|---|---|---|---:|---:|---:|---|---:|",
    ]
    for row in report["results"]:
        if "failed" in row:
            lines.append(f"| {row['dataset']} | | {row['server']} | failed: {row['failed']} | | | | |")
            continue
        errors = row.get("errors", {})
        error_text = f"{errors.get('status_errors', 0)}, {errors.get('timeouts', 0)}" if errors else "n/a"
        lines.append(
            f"| {row['dataset']} | {row['mix']} | {row['server']} | {row['throughput']} | {row['p50_ms']} | "
            f"{row['p99_ms']} | {error_text} | {row.get('rss_mib', 'n/a')} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.endpoint", description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", nargs="+", choices=list(DATASETS), default=list(DATASETS))
    parser.add_argument("--servers", nargs="+", choices=list(servers.SERVERS), default=list(servers.SERVERS))
    parser.add_argument("--duration", type=int, default=20, help="seconds per server and mix (default 20)")
    parser.add_argument("--connections", type=int, default=8, help="concurrent connections (default 8)")
    parser.add_argument("--mixes", nargs="+", choices=["repeated", "varied"], default=["repeated", "varied"])
    report = run(parser.parse_args(argv))
    table = markdown(report)
    (OUT / "results.md").write_text(table)
    print(table)
    return 0
