"""Synthetic input trees in the project's ontology, for benchmarking the build at chosen sizes."""

from bench.synthetic.generate import generate, generator_version

__all__ = ["generate", "generator_version"]
