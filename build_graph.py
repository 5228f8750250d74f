#!/usr/bin/env python3
"""Build the graph: the same as `integrationsgraph build` (see README for options and exit codes)."""

import sys

from integrationsgraph.cli import main

if __name__ == "__main__":
    sys.exit(main(["build", *sys.argv[1:]]))
