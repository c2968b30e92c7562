"""Test data builders, one module per domain stem (``tests.factories.<stem>``).

The package exports nothing itself: import a builder from its domain's module, so the
import says which domain the data belongs to.
"""
