"""Repositories, one module per domain (the same stems as db/tables/).

Each module holds the stores its services depend on (``Protocol`` classes: the ports a
unit of work offers, implemented in memory by the tests' fakes) next to their SQL
repositories, which build on ``base.SqlRepository`` for what every table shares.
"""
