"""`integrationsgraph serve [--data FILE...] [--sparql-backend URL] [--host H] [--port P] ...`.

Serves the SPARQL endpoint, the query page and the named queries. Without `--data` or `--sparql-backend`
it serves the current build, building it first when there is none or its inputs changed. Every setting
can also come from an `INTEGRATIONSGRAPH_*` environment variable (see integrationsgraph.settings).
"""

from __future__ import annotations

import argparse
import logging

import uvicorn

from integrationsgraph.pipeline.freshness import build_is_current
from integrationsgraph.pipeline.options import BuildOptions
from integrationsgraph.server.app import create_app
from integrationsgraph.server.http.http_server import server_config
from integrationsgraph.settings import LOG_LEVELS, Settings
from integrationsgraph.sparql import sandbox
from integrationsgraph.store import current_release

log = logging.getLogger("integrationsgraph.server")

# Limits and workers, in a word each; the defaults are Settings' own, the full table is docs/deployment.md.
LIMIT_FLAGS = {
    "query_timeout": "seconds a query may run",
    "query_workers": "query worker processes",
    "max_queued_queries": "queries waiting for a worker before 503",
    "max_query_length": "characters of query text",
    "max_body_bytes": "bytes of request body",
    "max_header_bytes": "bytes of request headers",
    "max_result_rows": "rows or triples in one answer before it is cut",
    "max_result_bytes": "bytes of one answer before it is cut",
    "query_memory_bytes": "memory one query may add to its worker before it is stopped",
    "worker_recycle_bytes": "a worker grown by more is replaced after its answer",
    "write_timeout": "seconds a client may read nothing of its answer before it is dropped",
    "min_query_timeout": "floor on the timeout a request asks for",
    "max_client_queries": "queries of one client evaluated at once; more wait",
    "cheap_lane_workers": "workers kept for clients whose queries have been cheap",
    "cheap_query_seconds": "a cheap query's time; longer ones leave the cheap lane",
    "spare_workers": "workers started ahead to replace a stopped one at once",
    "cache_max_age": "seconds in Cache-Control max-age",
    "response_cache_bytes": "bytes of answers cached in memory",
    "worker_store": "memory or disk: where workers keep the build",
    "worker_sandbox": "on: workers cannot open sockets, or no start; off: run them unsandboxed",
    "reload_interval": "seconds between looks for a new build",
    "trusted_proxies": "addresses or networks (comma-separated) whose forwarding headers are believed",
    "header_timeout": "seconds to send the request line and headers",
    "body_timeout": "seconds to send the request body",
}


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", help="interface to listen on (default 127.0.0.1)")
    parser.add_argument("--port", help="TCP port (default 8000; 0 picks a free one)")
    parser.add_argument("--build-dir", metavar="DIR", help="where builds live (default build/)")
    parser.add_argument(
        "--data", nargs="+", metavar="FILE",
        help="serve these RDF files instead of the build (.ttl .trig .nt .nq .rdf .jsonld)",
    )  # fmt: skip
    parser.add_argument(
        "--sparql-backend", metavar="URL", help="answer queries with this SPARQL 1.1 endpoint instead"
    )
    parser.add_argument("--public-url", metavar="URL", help="the site's address as seen from outside")
    parser.add_argument(
        "--public-base", metavar="IRI", help="base of the minted IRIs the server dereferences"
    )
    parser.add_argument(
        "--query-threads", metavar="N", help="threads of an in-process store (default 8; serve uses workers)"
    )
    parser.add_argument("--log-level", choices=LOG_LEVELS, help="server log level (default info)")
    parser.add_argument(
        "--no-build", action="store_true", help="serve the existing build even when it is out of date"
    )
    for name, what in LIMIT_FLAGS.items():
        default = getattr(Settings, name)
        default = int(default) if isinstance(default, float) and default.is_integer() else default
        shown = f"{what} (default {default})" if default != () else what
        parser.add_argument(f"--{name.replace('_', '-')}", metavar="N", help=shown)


def ensure_current_build(options: BuildOptions, allow_stale: bool) -> None:
    """Build into options.build_dir when there is no build or its inputs changed (unless `allow_stale`)."""
    if current_release(options.build_dir) is not None:
        if build_is_current(options):
            return
        if allow_stale:
            log.warning("the inputs changed since the build in %s; serving it anyway", options.build_dir)
            return
    log.warning("no current build in %s: building the graph first", options.build_dir)
    # The pipeline imports the reasoner and the SHACL engine: only when a build is needed.
    from integrationsgraph.pipeline.runner import run_build  # noqa: PLC0415

    run_build(options)


def check_sandbox(settings: Settings) -> None:
    """Refuse to start (SandboxUnavailable, exit 2) when query workers would run unsandboxed unasked."""
    if settings.sparql_backend:
        return  # no query workers: the remote store evaluates (the guard still refuses SERVICE)
    if settings.worker_sandbox == "off":
        log.warning("worker_sandbox is off: query workers can open network connections")
        return
    sandbox.require_available()


def run(args: argparse.Namespace) -> int:
    settings = Settings.resolve(vars(args))
    logging.basicConfig(level=settings.log_level.upper(), format="%(levelname)s: %(name)s: %(message)s")
    check_sandbox(settings)
    if not settings.data and not settings.sparql_backend:
        ensure_current_build(BuildOptions(build_dir=settings.build_dir, progress=True), args.no_build)
    app = create_app(settings)
    uvicorn.Server(server_config(app, settings)).run()  # h11, timeouts, no proxy headers: http_server.py
    return 0
