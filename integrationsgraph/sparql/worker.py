"""A query worker process: opens the store once, then answers queries one at a time over a socket.

    python -m integrationsgraph.sparql.worker FD KIND PATH SANDBOX

`FD` is the worker's end of a socket pair inherited from the server; `KIND PATH` names the data:
`memory PATH` copies the read-only on-disk store at PATH into memory (fastest evaluation), `disk PATH`
queries that store in place, `nquads PATH` loads an N-Quads dump into memory (the `--data` files).
`SANDBOX` is `on` (the default of `serve`): once the store is open and before the first query, the
worker forbids itself to create sockets (`sandbox.py`), or reports ("failed", why) and exits; `off`
leaves it unsandboxed (the operator's explicit `worker_sandbox off`).

pyoxigraph cannot cancel a query, so the server enforces its deadline by killing this process and
starting another (`pool.py`). Every message is one frame: an 8-byte big-endian length and a pickle.
The worker sends ("ready", triples) once the store is open, then for each request
(`evaluation.EvaluationRequest`) one of ("ok", Evaluated), ("syntax", message), ("refused", detail)
(the guard refused it, or the sandbox refused it a connection) or ("error", detail).
It exits when the server closes its end.
"""

from __future__ import annotations

import contextlib
import pickle
import socket
import struct
import sys
import threading
import traceback

import pyoxigraph as ox

from integrationsgraph.sparql import sandbox
from integrationsgraph.sparql.evaluation import evaluate
from integrationsgraph.sparql.guards import FederationRefused

HEADER = struct.Struct(">Q")
KINDS = ("memory", "disk", "nquads")
SANDBOX_MODES = ("on", "off")
SMALL_FRAME = 65536
# pyoxigraph's parser and evaluator recurse once per nesting level; the main thread's 8 MiB stack
# overflows (a segfault) near 2,500 nested groups. A 1 GiB stack (address space, not memory) holds the
# deepest nesting a query within the length limit can have.
EVALUATION_STACK_BYTES = 1024 * 1024 * 1024
# The federation guard's parser (rdflib) recurses about ten times per triple pattern and per nesting
# level; on that stack it may go far deeper than Python's default of 1,000 frames.
RECURSION_LIMIT = 200_000
NETWORK_REFUSED = (
    "Federation is disabled on this endpoint: the query tried to fetch data from another address, and "
    "the server's query workers may not open network connections"
)


def send_frame(sock: socket.socket, message: object) -> None:
    payload = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    header = HEADER.pack(len(payload))
    if len(payload) < SMALL_FRAME:
        sock.sendall(header + payload)  # one system call for the common, small answer
    else:
        sock.sendall(header)
        sock.sendall(payload)  # no copy of a large answer into one buffer with the header


def _receive_exactly(sock: socket.socket, size: int) -> bytearray | None:
    buffer = bytearray(size)
    view = memoryview(buffer)
    received = 0
    while received < size:
        count = sock.recv_into(view[received:], size - received)
        if count == 0:
            return None
        received += count
    return buffer


def receive_frame(sock: socket.socket) -> object | None:
    """The next message, or None when the other end closed the socket."""
    header = _receive_exactly(sock, HEADER.size)
    if header is None:
        return None
    payload = _receive_exactly(sock, HEADER.unpack(header)[0])
    return None if payload is None else pickle.loads(payload)


def open_source(kind: str, path: str) -> ox.Store:
    if kind == "disk":
        return ox.Store.read_only(path)
    store = ox.Store()
    if kind == "memory":
        store.extend(ox.Store.read_only(path))
    else:
        store.bulk_load(path=path, format=ox.RdfFormat.N_QUADS)
    return store


def serve(sock: socket.socket, store: ox.Store, sandboxed: bool = False) -> None:
    # The server went away (it stops or replaces workers by closing or killing them): just exit.
    with contextlib.suppress(BrokenPipeError, ConnectionResetError):
        _answer_until_closed(sock, store, sandboxed)


def _answer_until_closed(sock: socket.socket, store: ox.Store, sandboxed: bool) -> None:
    send_frame(sock, ("ready", len(store)))
    while (request := receive_frame(sock)) is not None:
        try:
            reply = ("ok", evaluate(store, request))
        except SyntaxError as error:
            reply = ("syntax", str(error))
        except FederationRefused as refusal:
            reply = ("refused", refusal.detail)
        except Exception as error:  # reported to the server, which logs it and answers 500: nothing is hidden
            if sandboxed and sandbox.is_network_refusal(error):
                reply = ("refused", f"{NETWORK_REFUSED} ({error}).")
            else:
                reply = ("error", traceback.format_exc())
        send_frame(sock, reply)


def main(argv: list[str]) -> int:
    fd, kind, path, sandbox_mode = argv
    if kind not in KINDS:
        raise SystemExit(f"worker: unknown store kind {kind!r}; one of {', '.join(KINDS)}")
    if sandbox_mode not in SANDBOX_MODES:
        raise SystemExit(f"worker: unknown sandbox mode {sandbox_mode!r}; one of {', '.join(SANDBOX_MODES)}")
    sock = socket.socket(fileno=int(fd))
    try:
        store = open_source(kind, path)
    except OSError as error:
        send_frame(sock, ("failed", f"could not open {path}: {error}"))
        return 1
    if sandbox_mode == "on":
        try:
            sandbox.install()  # before the first query: from here on no socket can be created
        except sandbox.SandboxUnavailable as error:
            send_frame(sock, ("failed", f"{error}; {sandbox.OFF_HINT}"))
            return 1
    threading.stack_size(EVALUATION_STACK_BYTES)
    sys.setrecursionlimit(RECURSION_LIMIT)
    evaluating = threading.Thread(target=serve, args=(sock, store, sandbox_mode == "on"), name="evaluation")
    evaluating.start()
    evaluating.join()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
