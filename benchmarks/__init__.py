"""Benchmarks run from a checkout: ``python -m benchmarks.bench``. Not part of the package."""
