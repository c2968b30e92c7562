"""What a run measures: each server beside its own floor, on each database, and every
answer checked against the floor's before any load."""

from __future__ import annotations

import pytest

from benchmarks.databases import DATABASES
from benchmarks.report import FLOOR
from benchmarks.run import check_answers
from benchmarks.scenarios import (
    BATCH,
    SINGLE,
    TICKET_PAGE,
    UNIT_PAGE,
    all_servers,
    chosen_servers,
    database_group,
)


def test_every_server_is_measured_after_its_floor_on_the_same_database() -> None:
    servers = all_servers(list(DATABASES))
    for position, server in enumerate(servers):
        floors = [s for s in servers[: position + 1] if s.name == server.floor]
        assert [floor.database for floor in floors][-1:] == [server.database], server.label
    labels = [server.label for server in servers]
    assert len(labels) == len(set(labels))
    assert labels[:5] == [
        FLOOR,
        "switchyard",
        "floor auth.me (sqlite)",
        "switchyard auth.me (sqlite)",
        "fastapi auth.me (sqlite)",
    ]
    assert "switchyard account.list (postgresql)" in labels
    assert "fastapi tickets.getTickets (postgresql)" in labels
    assert "switchyard inventory.listProducts (sqlite)" in labels
    assert "floor inventory.listProducts (postgresql)" in labels


def test_switchyard_pairs_with_fastapi_which_takes_single_calls_only() -> None:
    floor, switchyard, fastapi = database_group("account.list", "sqlite")
    assert (floor.floor, switchyard.floor, fastapi.floor) == ("floor account.list",) * 3
    assert switchyard.reference == fastapi.name
    assert fastapi.runs(SINGLE)
    assert not fastapi.runs(BATCH)
    assert fastapi.path == "/rpc/account.list"
    assert [s.is_switchyard for s in (floor, switchyard, fastapi)] == [False, True, False]


def test_every_server_of_the_tickets_group_asks_for_the_same_page() -> None:
    group = database_group("tickets.getTickets", "sqlite")
    assert [server.params for server in group] == [{"limit": TICKET_PAGE}] * 3
    assert group[2].path == "/rpc/tickets.getTickets"
    assert [server.params for server in database_group("auth.me", "sqlite")] == [{}] * 3


def test_every_server_of_the_inventory_group_asks_for_the_same_filtered_page() -> None:
    group = database_group("inventory.listProducts", "postgresql")
    params = {"virtual_warehouse_type": "warranty_stock", "limit": UNIT_PAGE}
    assert [server.params for server in group] == [params] * 3
    assert group[1].runs(BATCH)
    assert group[2].path == "/rpc/inventory.listProducts"


def test_the_inventory_groups_batches_run_on_fewer_connections_than_its_single_calls() -> None:
    floor, switchyard, fastapi = database_group("inventory.listProducts", "sqlite")
    for server in (floor, switchyard):
        assert server.connections(BATCH, 16) == 4
        assert server.connections(SINGLE, 16) == 16
    assert fastapi.connections(SINGLE, 16) == 16
    tickets_switchyard = database_group("tickets.getTickets", "sqlite")[1]
    assert tickets_switchyard.connections(BATCH, 16) == 16


def test_choosing_a_server_brings_its_floor() -> None:
    chosen = chosen_servers(all_servers(["postgresql"]), ["fastapi auth.me"])
    assert [server.label for server in chosen] == [
        "floor auth.me (postgresql)",
        "fastapi auth.me (postgresql)",
    ]


def test_a_server_answering_unlike_its_floor_is_not_measured() -> None:
    floor, switchyard, _ = database_group("auth.me", "sqlite")
    expected: dict[tuple[str, str | None, str], list[object]] = {}
    check_answers(floor, SINGLE, {"jsonrpc": "2.0", "result": {"id": "a"}, "id": 1}, expected)
    check_answers(switchyard, SINGLE, {"jsonrpc": "2.0", "result": {"id": "a"}, "id": 1}, expected)
    with pytest.raises(RuntimeError, match=r"unlike floor auth\.me"):
        check_answers(switchyard, SINGLE, {"jsonrpc": "2.0", "result": None, "id": 1}, expected)
    with pytest.raises(RuntimeError, match="fails"):
        check_answers(switchyard, SINGLE, {"jsonrpc": "2.0", "error": {}, "id": 1}, expected)
