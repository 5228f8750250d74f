"""`integrationsgraph push URL [--mode graphs|dataset] [--build-dir DIR | --data FILE...]`.

Loads the current build (or the given RDF files) into the SPARQL 1.1 Graph Store at URL, one PUT per
named graph (`--mode graphs`, the default) or one POST of N-Quads (`--mode dataset`). Examples:
Oxigraph `http://host:7878/store`, Fuseki `http://host:3030/DATASET/data`, Virtuoso
`http://host:8890/sparql-graph-crud-auth` with `--user dba`. With `--user`, the password is read from the
environment variable INTEGRATIONSGRAPH_PUSH_PASSWORD (never from the command line, where `ps` shows it).
See docs/deployment.md.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from integrationsgraph.datafiles import load_files
from integrationsgraph.errors import UsageError
from integrationsgraph.graph_store import authenticating_client, push_store, summary_lines
from integrationsgraph.iris import http_url
from integrationsgraph.paths import BUILD_DIR


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("url", metavar="URL", help="the Graph Store endpoint (e.g. http://host:7878/store)")
    parser.add_argument(
        "--mode", choices=("graphs", "dataset"), default="graphs",
        help="PUT each named graph (graphs, default) or POST all quads at once (dataset)",
    )  # fmt: skip
    parser.add_argument(
        "--build-dir", type=Path, default=BUILD_DIR, metavar="DIR", help="push this build (default build/)"
    )
    parser.add_argument("--data", nargs="+", type=Path, metavar="FILE", help="push these RDF files instead")
    parser.add_argument(
        "--user", metavar="NAME",
        help=f"log in as NAME when the store asks (Basic or Digest), password from ${PASSWORD_VARIABLE}",
    )  # fmt: skip


PASSWORD_VARIABLE = "INTEGRATIONSGRAPH_PUSH_PASSWORD"


def run(args: argparse.Namespace) -> int:
    url = _checked_url(args.url)
    login = _login(args.user)  # before the store is opened: a missing password is a usage error
    if args.data:
        store = load_files(args.data)
    else:
        from integrationsgraph.store import open_store  # noqa: PLC0415 (only when pushing a build)

        store = open_store(args.build_dir)
    client = authenticating_client(*login) if login else None
    try:
        sizes = push_store(store, url, args.mode, client)
    finally:
        if client is not None:
            client.close()
    for line in summary_lines(sizes, url):
        print(line)
    return 0


def _login(user: str | None) -> tuple[str, str] | None:
    if user is None:
        return None
    password = os.environ.get(PASSWORD_VARIABLE)
    if password is None:
        raise UsageError(f"--user {user}: set the password in the environment variable {PASSWORD_VARIABLE}")
    return user, password


def _checked_url(text: str) -> str:
    try:
        return http_url(text)
    except ValueError as error:
        raise UsageError(f"URL {text!r}: {error}") from None
