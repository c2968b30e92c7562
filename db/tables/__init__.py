"""The SQLModel tables, one module per domain (the same stems as routers/ and services/).

Table classes end in ``Row``: the wire models of schemas/ own the plain names (a
``ProxyConfig`` is what a client sees, a ``ProxyConfigRow`` what is stored), so the two
can never be mistaken for each other. Ids are UUID4 strings made in Python; timestamps
are aware UTC. Importing this package registers every table on ``SQLModel.metadata``
(migrations and the tests' schema checks read it).
"""

from db.tables import (
    account,
    audit,
    auth,
    catalog,
    customers,
    inventory,
    notifications,
    proxy,
    tab,
    tickets,
    workflow,
)

__all__ = [
    "account",
    "audit",
    "auth",
    "catalog",
    "customers",
    "inventory",
    "notifications",
    "proxy",
    "tab",
    "tickets",
    "workflow",
]
