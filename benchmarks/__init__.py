"""Benchmarks of ``coursegen build`` on synthetic catalogues: ``python -m benchmarks``.

See docs/benchmarks.md for what is measured, the targets and the latest results.
"""
