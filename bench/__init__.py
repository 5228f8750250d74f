"""Benchmarks of the build and the synthetic data generator they run on (results in docs/benchmarks.md)."""
