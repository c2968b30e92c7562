"""What a run measures: each server, the call it is sent, and what its figures pair with.

Servers come in groups that answer the same call with the same ``result``: the echo
group (the echo floor and ``bench.echo``), and for each database, one group per
database-backed procedure (``auth.me``, ``account.list``, ``tickets.getTickets``,
``inventory.listProducts``): its floor, Switchyard and the FastAPI reference. Within a
group the floor is measured first and every other server's ratio pairs with it;
Switchyard's also pairs with FastAPI's (single calls: a batch has no FastAPI
equivalent).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Final

from benchmarks.report import FLOOR

SINGLE: Final = "single"
BATCH: Final = "batch50"
SCENARIOS: Final = (SINGLE, BATCH)
BATCH_SIZE: Final = 50
DATABASE_PROCEDURES: Final = (
    "auth.me",
    "account.list",
    "tickets.getTickets",
    "inventory.listProducts",
)
# One page of the joined read (tickets with their customer, product model and brand),
# as the service center's list screen asks for it.
TICKET_PAGE: Final = 20
# The database-heavy read: one page of the units in warranty stock (four in ten of the
# 100,000, benchmarks/dataset.py), each joined to its model, brand and warehouse, and
# the count of all of them. The others take no params.
UNIT_PAGE: Final = 50
UNIT_FILTER: Final = {"virtual_warehouse_type": "warranty_stock"}
PROCEDURE_PARAMS: Final[dict[str, dict[str, Any]]] = {
    "tickets.getTickets": {"limit": TICKET_PAGE},
    "inventory.listProducts": {**UNIT_FILTER, "limit": UNIT_PAGE},
}
# A batch of 50 unit pages is 50 counts of 40,000 rows: about a second of work for the
# SQLite floor, and its rounds with 16 connections complete a few requests each, or
# none (PostgreSQL); with 4, dozens, and the server is still never idle for want of one.
PROCEDURE_BATCH_CONNECTIONS: Final[dict[str, int]] = {"inventory.listProducts": 4}
SWITCHYARD: Final = "switchyard"
FASTAPI: Final = "fastapi"


@dataclass(frozen=True)
class Server:
    name: str
    factory: str  # module:function for benchmarks.launch
    method: str
    params: dict[str, Any] = field(default_factory=dict)
    # Which database it reads (None: none, the echo group), and so whose data and token.
    database: str | None = None
    # The server whose rounds its ratio pairs with, on the same database.
    floor: str = FLOOR
    # The FastAPI server its second ratio pairs with, if any.
    reference: str | None = None
    path: str = "/rpc"
    batches: bool = True
    # Connections the load keeps open for a batch, when not the run's: for a batch that
    # takes seconds of work, so that a round completes more than a handful (16 of them
    # in flight, each waits for the other 15, and one 10 s round may complete none).
    batch_connections: int | None = None

    @property
    def needs_token(self) -> bool:
        return self.database is not None

    @property
    def is_switchyard(self) -> bool:
        return self.name.split()[0] == SWITCHYARD

    @property
    def label(self) -> str:
        """The name with the database: unique within a run."""
        return f"{self.name} ({self.database})" if self.database else self.name

    def runs(self, scenario: str) -> bool:
        return scenario == SINGLE or self.batches

    def connections(self, scenario: str, default: int) -> int:
        """The load's connections for ``scenario``; ``default``: the run's."""
        if scenario == BATCH and self.batch_connections is not None:
            return self.batch_connections
        return default


ECHO_GROUP: Final = (
    Server(FLOOR, "benchmarks.servers:floor", "echo", {"text": "hello"}),
    Server(SWITCHYARD, "benchmarks.servers:switchyard", "bench.echo", {"text": "hello"}),
)


def database_group(procedure: str, database: str) -> tuple[Server, ...]:
    """The floor, Switchyard and FastAPI answering ``procedure`` from ``database``."""
    floor = f"{FLOOR} {procedure}"
    fastapi = f"{FASTAPI} {procedure}"
    params = PROCEDURE_PARAMS.get(procedure, {})
    connections = PROCEDURE_BATCH_CONNECTIONS.get(procedure)
    return (
        Server(floor, "benchmarks.servers:database_floor", procedure, params,
               database=database, floor=floor, batch_connections=connections),
        Server(f"{SWITCHYARD} {procedure}", "benchmarks.servers:switchyard", procedure,
               params, database=database, floor=floor, reference=fastapi,
               batch_connections=connections),
        Server(fastapi, "benchmarks.servers:fastapi", procedure, params, database=database,
               floor=floor, path=f"/rpc/{procedure}", batches=False),
    )  # fmt: skip


def all_servers(databases: list[str]) -> list[Server]:
    """Every server, in the order a round measures them: each group's floor first."""
    servers = list(ECHO_GROUP)
    for database in databases:
        for procedure in DATABASE_PROCEDURES:
            servers.extend(database_group(procedure, database))
    return servers


def chosen_servers(servers: list[Server], names: list[str]) -> list[Server]:
    """The servers named, with the floor each one's ratio needs, in measuring order."""
    wanted = set(names)
    floors = {server.floor for server in servers if server.name in wanted}
    return [server for server in servers if server.name in wanted or server.name in floors]


def body_for(server: Server, scenario: str) -> str:
    def call(call_id: int) -> dict[str, Any]:
        return {"jsonrpc": "2.0", "method": server.method, "params": server.params, "id": call_id}

    if scenario == SINGLE:
        return json.dumps(call(1))
    return json.dumps([call(i) for i in range(1, BATCH_SIZE + 1)])
