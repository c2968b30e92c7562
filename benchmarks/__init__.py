"""Benchmarks: Switchyard against a raw Starlette floor, measured in the same run."""
