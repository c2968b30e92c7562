"""Benchmarks: Switchyard against hand-written floors and a FastAPI reference, in one run."""
