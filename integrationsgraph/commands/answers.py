"""What `query`, `sparql` and `find` share: answering on the built store through the query path.

The same steps as the endpoint (`sparql.answering`): the query length limit, the deadline, the row and
byte limits with the endpoint's note, the query log (logger `integrationsgraph.server.queries`), the
same errors. The limits are the server's settings (`--timeout`, `--max-rows`, else the variables
`INTEGRATIONSGRAPH_QUERY_TIMEOUT`, `INTEGRATIONSGRAPH_MAX_RESULT_ROWS`, `INTEGRATIONSGRAPH_MAX_RESULT_BYTES`,
`INTEGRATIONSGRAPH_MAX_QUERY_LENGTH`).
An answer a limit cut is printed (the first rows, the note in it), the note goes to stderr, and the
command exits with EXIT_TRUNCATED (3).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping

import anyio

from integrationsgraph.errors import EXIT_OK, EXIT_TRUNCATED
from integrationsgraph.paths import BUILD_DIR
from integrationsgraph.queries.formatting import FORMATS, format_chooser, write_answer
from integrationsgraph.server.settings import Settings
from integrationsgraph.sparql.answering import QueryRecord, answer, check_query_length
from integrationsgraph.sparql.backends import EmbeddedBackend, QueryRequest, QuerySyntaxError
from integrationsgraph.store import open_store


def add_answer_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", "-f", choices=FORMATS, default="table", help="output format")
    parser.add_argument("--build-dir", default=BUILD_DIR, help="the build directory (default build/)")
    parser.add_argument(
        "--timeout", type=float, metavar="SECONDS", help="the query's deadline (setting query_timeout)"
    )
    parser.add_argument("--max-rows", type=int, metavar="N", help="rows at most (setting max_result_rows)")


def answer_and_print(args: argparse.Namespace, text: str, prefixes: Mapping[str, str] | None = None) -> int:
    """Answer `text` on the built store, print it in `args.format`; the exit code (0, or 3 when cut)."""
    settings = Settings.resolve({"query_timeout": args.timeout, "max_result_rows": args.max_rows})
    check_query_length(text, settings.max_query_length)
    choose = format_chooser(args.format)
    backend = EmbeddedBackend(
        open_store(args.build_dir), label="built store", max_threads=1,
        max_rows=settings.max_result_rows, max_bytes=settings.max_result_bytes, prefixes=prefixes,
    )  # fmt: skip
    record = QueryRecord()
    try:
        request = QueryRequest(text, timeout=settings.query_timeout)
        answered = anyio.run(lambda: answer(backend, request, choose, record))
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
