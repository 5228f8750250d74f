"""`integrationsgraph build [--build-dir DIR] [--data-dir DIR] [--ontology-dir DIR] [--no-shared] ...`.

Parses, validates (SHACL), reasons (OWL 2 RL), runs the derivation rules and the checks, and stores the
graph as a new release under build/. Exit codes: 0 built (or up to date), 1 the data does not conform,
2 usage or input error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from integrationsgraph.errors import UsageError
from integrationsgraph.paths import BUILD_DIR, DATA_DIR, ONTOLOGY_DIR, QUERIES_DIR
from integrationsgraph.pipeline.options import RULES_DIR, BuildOptions, existing_shared_dir
from integrationsgraph.pipeline.runner import run_build


def configure(parser: argparse.ArgumentParser) -> None:
    folder = {"type": Path, "metavar": "DIR"}
    parser.add_argument("--build-dir", default=BUILD_DIR, help="where releases go (default build/)", **folder)
    parser.add_argument(
        "--data-dir", default=DATA_DIR, help="entities/ and sources/ (default data/)", **folder
    )
    parser.add_argument(
        "--ontology-dir", default=ONTOLOGY_DIR, help="ontology + shapes (default ontology/)", **folder
    )
    parser.add_argument("--rules-dir", default=RULES_DIR, help="derivation rules (default rules/)", **folder)
    parser.add_argument(
        "--queries-dir", default=QUERIES_DIR, help="*-violation.rq checks (default queries/)", **folder
    )
    shared = parser.add_mutually_exclusive_group()
    shared.add_argument(
        "--shared-dir", help="source texts for the evidence check (default ../shared)", **folder
    )
    shared.add_argument("--no-shared", action="store_true", help="do not check evidence against texts")
    parser.add_argument("--force", action="store_true", help="build even when the inputs are unchanged")
    parser.add_argument("--quiet", "-q", action="store_true", help="no progress lines")


def _shared_dir(args: argparse.Namespace) -> Path | None:
    if args.no_shared:
        return None
    if args.shared_dir is None:
        return existing_shared_dir()
    if not args.shared_dir.is_dir():
        raise UsageError(f"--shared-dir {args.shared_dir}: no such directory")
    return args.shared_dir


def run(args: argparse.Namespace) -> int:
    options = BuildOptions(
        ontology_dir=args.ontology_dir,
        data_dir=args.data_dir,
        rules_dir=args.rules_dir,
        queries_dir=args.queries_dir,
        build_dir=args.build_dir,
        shared_dir=_shared_dir(args),
        progress=not args.quiet,
        force=args.force,
    )
    result = run_build(options)
    report = result.report
    if result.up_to_date:
        print(f"up to date: {result.release_dir} (use --force to rebuild)")
        return 0
    triples = report["triples"]
    print(
        f"built {result.release_dir}: {triples['asserted']} asserted + {triples['inferred']} inferred "
        f"triples in {len(report['graphs'])} graphs; {report['evidence']['note']}",
        file=sys.stdout,
    )
    return 0
