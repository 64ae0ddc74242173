"""Benchmarks: `python -m benchmarks` times the dashboard against floors measured in the same run.

See docs/performance.md for what is measured, the latest figures and what stands in the way.
"""
