"""What `query`, `sparql` and `find` share: answering on the built store through the query path.

The same steps as the endpoint (`sparql.answering`) on the same backend as `serve` (`sparql.pool`, one
worker process over the built store, so the deadline stops the query for real): the query length limit,
the deadline, the memory limit, the row and byte limits with the endpoint's note, the query log (logger
`integrationsgraph.server.queries`), the same errors. The limits are the server's settings
(`--query-timeout`, `--max-result-rows`, else `INTEGRATIONSGRAPH_QUERY_TIMEOUT`,
`INTEGRATIONSGRAPH_MAX_RESULT_ROWS`, `INTEGRATIONSGRAPH_MAX_RESULT_BYTES`,
`INTEGRATIONSGRAPH_MAX_QUERY_LENGTH`, `INTEGRATIONSGRAPH_QUERY_MEMORY_BYTES`). The worker is not
sandboxed: the text is the operator's own. An answer a limit cut is printed (the first rows, the note
in it), the note goes to stderr, and the command exits with EXIT_TRUNCATED (3).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping

import anyio

from integrationsgraph.errors import EXIT_OK, EXIT_TRUNCATED
from integrationsgraph.paths import BUILD_DIR
from integrationsgraph.queries.formatting import FORMATS, format_chooser, write_answer
from integrationsgraph.settings import Settings
from integrationsgraph.sparql.answering import Answer, QueryRecord, answer, check_query_length
from integrationsgraph.sparql.backends import QueryRequest, QuerySyntaxError
from integrationsgraph.sparql.pool import StoreSource, WorkerPoolBackend
from integrationsgraph.store import built_release


def add_answer_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", "-f", choices=FORMATS, default="table", help="output format")
    parser.add_argument("--build-dir", default=BUILD_DIR, help="the build directory (default build/)")
    # Named as `serve` names them: the same settings.
    parser.add_argument("--query-timeout", metavar="SECONDS", help="seconds the query may run (default 10)")
    parser.add_argument("--max-result-rows", metavar="N", help="rows or triples before the answer is cut")


def answer_and_print(args: argparse.Namespace, text: str, prefixes: Mapping[str, str] | None = None) -> int:
    """Answer `text` on the built store, print it in `args.format`; the exit code (0, or 3 when cut)."""
    flags = {"query_timeout": args.query_timeout, "max_result_rows": args.max_result_rows}
    settings = Settings.resolve(flags)
    check_query_length(text, settings.max_query_length)
    choose = format_chooser(args.format)
    backend = WorkerPoolBackend(
        StoreSource("disk", built_release(args.build_dir) / "store"), "built store",
        workers=1, max_queued=0, default_timeout=settings.query_timeout, max_rows=settings.max_result_rows,
        max_bytes=settings.max_result_bytes, query_memory_bytes=settings.query_memory_bytes,
        sandbox=False, prefixes=prefixes,
    )  # fmt: skip
    record = QueryRecord()

    async def answered_once() -> Answer:
        await backend.start()
        try:
            return await answer(backend, QueryRequest(text), choose, record)
        finally:
            await backend.close()

    try:
        answered = anyio.run(answered_once)
        record.status = 200
    except QuerySyntaxError as error:
        raise error.quoting(text) from None
    finally:
        record.log()
    write_answer(answered, args.format, sys.stdout)
    if answered.cut is not None:
        print(f"integrationsgraph {args.command}: {answered.cut.note}", file=sys.stderr)
        return EXIT_TRUNCATED
    return EXIT_OK
