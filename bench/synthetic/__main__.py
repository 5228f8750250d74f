"""`python -m bench.synthetic --triples N --out DIR [--seed S]`: write a synthetic input tree."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bench.synthetic.generate import generate
from integrationsgraph.errors import IntegrationsgraphError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.synthetic", description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, required=True, metavar="N", help="asserted triples to write")
    parser.add_argument("--out", type=Path, required=True, metavar="DIR", help="folder of the tree")
    parser.add_argument("--seed", type=int, default=1, metavar="S", help="random seed (default 1)")
    args = parser.parse_args(argv)
    try:
        summary = generate(args.triples, args.out, args.seed)
    except IntegrationsgraphError as error:
        print(f"bench.synthetic: error: {error}", file=sys.stderr)
        return error.exit_code
    print(
        f"{summary.triples} triples ({summary.sources} sources, {summary.facts} facts, "
        f"{summary.entity_triples} in the registry) in {args.out}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
