#!/usr/bin/env python3
"""Serve the graph: the same as `integrationsgraph serve` (see README for settings)."""

import sys

from integrationsgraph.cli import main

if __name__ == "__main__":
    sys.exit(main(["serve", *sys.argv[1:]]))
