"""`integrationsgraph evidence FILE_NAME "exact span" [--occurrence N] [--prefixes]`.

Prints the evidence node and its two selectors as Turtle, ready to paste into a source's TriG file.
FILE_NAME is a file name under ../shared (press or a corpus folder) or a path to a source text.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from integrationsgraph.curation.selectors import evidence_turtle, prefix_lines
from integrationsgraph.errors import InputError
from integrationsgraph.sources import SOURCE_FOLDERS, SourceText, find_source, parse_source


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file_name", metavar="FILE_NAME", help="source file name (or path) of the text")
    parser.add_argument("exact", metavar="SPAN", help="the exact words, as they appear in the text")
    parser.add_argument(
        "--occurrence", type=int, default=1, metavar="N", help="which appearance of the span (default 1)"
    )
    parser.add_argument(
        "--prefixes", action="store_true", help="also print @prefix lines (a standalone Turtle document)"
    )


def _source(file_name: str) -> SourceText:
    given = Path(file_name)
    if given.is_file():
        return parse_source(given)
    found = find_source(file_name)
    if found is None:
        raise InputError(f"{file_name}: no such source text under shared/{{{','.join(SOURCE_FOLDERS)}}}")
    return parse_source(found)


def run(args: argparse.Namespace) -> int:
    turtle = evidence_turtle(_source(args.file_name), args.exact, args.occurrence)
    print((prefix_lines() + "\n" if args.prefixes else "") + turtle, end="")
    return 0
