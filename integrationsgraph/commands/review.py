"""`integrationsgraph review [--port N] [--data-dir DIR] [DOCUMENT]`.

Serves the review page on 127.0.0.1 only (it writes into the data folder, so it is never offered on
another interface): the documents of ../shared, and for one document its text with the drafted (or
curated) facts to accept, correct, reject or add, saved as `DIR/sources/<stem>.trig`. With DOCUMENT (a
stem or file name) the printed address opens that document. Runs until interrupted. Exit codes: 0
stopped, 2 usage or input error (unknown document, missing folder, port taken).
"""

from __future__ import annotations

import argparse
import socket
from pathlib import Path
from urllib.parse import quote

import uvicorn

from integrationsgraph.errors import UsageError
from integrationsgraph.paths import DATA_DIR, ONTOLOGY_DIR, shared_dir
from integrationsgraph.review.review_app import create_review_app
from integrationsgraph.review.workspace import Workspace

HOST = "127.0.0.1"
DEFAULT_PORT = 8010


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "document", nargs="?", metavar="DOCUMENT", help="open this document (stem or file name)"
    )
    parser.add_argument(
        "--port",
        type=int,
        default=DEFAULT_PORT,
        metavar="N",
        help=f"TCP port (default {DEFAULT_PORT}; 0 picks a free one)",
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=DATA_DIR,
        metavar="DIR",
        help="the data folder to write (default data/)",
    )


def bind(port: int) -> socket.socket:
    """A listening socket on the loopback interface; UsageError when the port cannot be had."""
    if not 0 <= port <= 65535:
        raise UsageError(f"--port {port}: a port is 0 to 65535")
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((HOST, port))
        sock.listen(128)  # connections queue from here on, before the server accepts them
    except OSError as error:
        sock.close()
        raise UsageError(f"--port {port}: cannot listen on {HOST}:{port}: {error.strerror}") from error
    return sock


def run(args: argparse.Namespace) -> int:
    workspace = Workspace(args.data_dir, ONTOLOGY_DIR, shared_dir())
    path = "/"
    if args.document:
        path = f"/documents/{quote(workspace.document(args.document).stem)}"
    sock = bind(args.port)
    port = sock.getsockname()[1]
    print(f"Review page: http://{HOST}:{port}{path}  (writes into {args.data_dir}; Ctrl+C stops)", flush=True)
    config = uvicorn.Config(create_review_app(workspace), log_level="warning", lifespan="off")
    uvicorn.Server(config).run(sockets=[sock])
    return 0
