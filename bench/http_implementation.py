"""What choosing h11 over httptools costs: the same app and build served both ways, the same wrk loads.

    python -m bench.http_implementation [--duration 10] [--connections 8] [--rounds 2]

`serve` runs uvicorn with h11 (integrationsgraph/server/http/http_server.py: httptools ignores the limit on
the request head and refuses long GET queries in plain text). This serves the current build with our
configuration, and once more with only the HTTP implementation switched to httptools, one server at a
time, and measures three loads with wrk (Debian package `wrk`): `/healthz` (the HTTP layer alone), the
named queries with their examples (answers from the response cache after the first round) and a
30,000-character GET query (a long request head, within what httptools accepts). The two take turns for
`--rounds` rounds (the machine is shared: a turn can be disturbed) and the table keeps each one's best
round. Results go to bench/out/http-implementation.json and are quoted in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from urllib.parse import quote

import pyoxigraph as ox
import uvicorn

from bench.endpoint import mixes, servers
from bench.endpoint.run import settle, wrk

ROOT = servers.ROOT
OUT = ROOT / "bench" / "out"
IMPLEMENTATIONS = ("h11", "httptools")


def serve(implementation: str, port: int, build_dir: Path) -> None:
    """Run the server in this process (the child of a measurement)."""
    from integrationsgraph.server.app import create_app  # noqa: PLC0415 (only the child serves)
    from integrationsgraph.server.http.http_server import server_config  # noqa: PLC0415
    from integrationsgraph.settings import Settings  # noqa: PLC0415

    settings = Settings.resolve(
        {"port": port, "build_dir": build_dir, "log_level": "warning", "reload_interval": 0}
    )
    app = create_app(settings)
    overrides = {} if implementation == "h11" else {"http": "httptools"}
    uvicorn.Server(server_config(app, settings, **overrides)).run()


def loads(build_dir: Path) -> dict[str, list[str]]:
    store = ox.Store.read_only(str((build_dir / "current").resolve() / "store"))
    long_query = "ASK { ?s ?p ?o } #" + "x" * 30_000
    return {
        "healthz": ["/healthz"],
        "named queries (cached)": mixes.request_paths("/sparql", mixes.repeated_mix(store)),
        "30,000-character GET": [f"/sparql?query={quote(long_query, safe='')}"],
    }


def measure(arguments: argparse.Namespace) -> dict:
    build_dir = ROOT / "build"
    (OUT / "endpoint").mkdir(parents=True, exist_ok=True)  # where servers.running keeps the server logs
    report: dict = {"duration_s": arguments.duration, "connections": arguments.connections, "results": []}
    paths_by_load = loads(build_dir)
    turns = [
        IMPLEMENTATIONS if number % 2 == 0 else IMPLEMENTATIONS[::-1] for number in range(arguments.rounds)
    ]
    for round_number, implementation in (
        (number, name) for number, turn in enumerate(turns) for name in turn
    ):
        port = servers.free_port()
        command = [sys.executable, "-m", "bench.http_implementation", "--serve", implementation]
        command += ["--port", str(port)]
        with servers.running(f"http-{implementation}", command, "/sparql", port, 300) as running:
            for load, paths in paths_by_load.items():
                paths_file = OUT / f"http-{implementation}-{load.split()[0]}.paths"
                paths_file.write_text("\n".join(paths) + "\n")
                settle(running)
                row = {"round": round_number + 1, "implementation": implementation, "load": load}
                row |= wrk(running, paths_file, arguments.duration, arguments.connections)
                print(json.dumps(row), flush=True)
                report["results"].append(row)
    (OUT / "http-implementation.json").write_text(json.dumps(report, indent=2) + "\n")
    return report


def markdown(report: dict) -> str:
    rows: dict[tuple[str, str], dict] = {}
    for row in report["results"]:  # each implementation's best round per load
        key = (row["implementation"], row["load"])
        if key not in rows or row["throughput"] > rows[key]["throughput"]:
            rows[key] = row
    lines = [
        "| load | h11 req/s | httptools req/s | h11/httptools | h11 p99 ms | httptools p99 ms |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for load in dict.fromkeys(row["load"] for row in report["results"]):
        ours, theirs = rows[("h11", load)], rows[("httptools", load)]
        ratio = ours["throughput"] / theirs["throughput"] if theirs["throughput"] else float("nan")
        lines.append(
            f"| {load} | {ours['throughput']} | {theirs['throughput']} | {ratio:.2f} | "
            f"{ours['p99_ms']} | {theirs['p99_ms']} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.http_implementation", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--duration", type=int, default=10, help="seconds per implementation and load")
    parser.add_argument("--connections", type=int, default=8, help="concurrent connections (default 8)")
    parser.add_argument("--rounds", type=int, default=2, help="turns each implementation takes (default 2)")
    parser.add_argument("--serve", choices=IMPLEMENTATIONS, help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    arguments = parser.parse_args(argv)
    if arguments.serve:
        serve(arguments.serve, arguments.port, ROOT / "build")
        return 0
    table = markdown(measure(arguments))
    (OUT / "http-implementation.md").write_text(table)
    print(table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
