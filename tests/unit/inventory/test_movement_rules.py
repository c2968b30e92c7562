"""What a recorded movement may do, on plain values: the requests no unit can make
right, the ``from_*`` that must be where the unit is, what holds a unit, and where a
movement takes it."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from db.tables.inventory import MOVEMENT_TYPES, VIRTUAL_WAREHOUSE_TYPES
from services.errors import BadRequest, PreconditionFailed
from services.inventory.movement_rules import (
    NOT_GIVEN,
    MovementRequest,
    Where,
    assignment_text,
    check_destination,
    check_from,
    check_request,
    destination,
    refuse_held,
)

SHELF = Where("warranty_stock", "shelf")


@pytest.mark.parametrize(
    "request_",
    [
        MovementRequest("disposal", to_virtual="parts"),
        MovementRequest("disposal", to_virtual="in_service"),
        MovementRequest("assignment"),
        MovementRequest("assignment", to_virtual="parts", ticket_id="t"),
        MovementRequest("transfer", to_virtual="in_service"),
        MovementRequest("return", to_virtual="in_service", ticket_id="t"),
        MovementRequest("receipt", to_virtual="in_service"),
    ],
)
def test_requests_no_unit_can_make_right(request_: MovementRequest) -> None:
    with pytest.raises(BadRequest):
        check_request(request_)


@pytest.mark.parametrize(
    "request_",
    [
        MovementRequest("disposal"),
        MovementRequest("disposal", to_virtual="dead_stock"),
        MovementRequest("assignment", ticket_id="t"),
        MovementRequest("assignment", to_virtual="in_service", ticket_id="t"),
        MovementRequest("transfer", to_virtual="parts", ticket_id="t"),
    ],
)
def test_requests_that_may_be_right(request_: MovementRequest) -> None:
    check_request(request_)


@pytest.mark.parametrize(
    ("request_", "named"),
    [
        (MovementRequest("transfer", from_virtual="parts"), "from_virtual_warehouse_type"),
        (MovementRequest("transfer", from_physical="bench"), "from_physical_warehouse_id"),
        (MovementRequest("transfer", from_physical=None), "from_physical_warehouse_id"),
    ],
)
def test_a_from_not_where_the_unit_is_fails_naming_it(
    request_: MovementRequest, named: str
) -> None:
    with pytest.raises(PreconditionFailed, match=named):
        check_from(request_, SHELF)


def test_froms_left_out_or_right_pass() -> None:
    check_from(MovementRequest("transfer"), SHELF)
    check_from(
        MovementRequest("transfer", from_virtual="warranty_stock", from_physical="shelf"), SHELF
    )
    check_from(MovementRequest("transfer", from_physical=None), Where("parts", None))


@pytest.mark.parametrize(
    ("now", "batch"),
    [(Where("in_service", "shelf"), None), (SHELF, "batch-1"), (Where("in_service", None), "b")],
)
def test_a_held_unit_moves_only_with_force(now: Where, batch: str | None) -> None:
    with pytest.raises(PreconditionFailed, match="force"):
        refuse_held("SN-1", now, batch, force=False)
    refuse_held("SN-1", now, batch, force=True)


def test_a_free_unit_is_not_held() -> None:
    refuse_held("SN-1", SHELF, None, force=False)


@pytest.mark.parametrize(
    ("request_", "to"),
    [
        (MovementRequest("transfer", to_physical="bench"), Where("warranty_stock", "bench")),
        (MovementRequest("transfer", to_physical=None), Where("warranty_stock", None)),
        (MovementRequest("transfer", to_virtual="parts"), Where("parts", "shelf")),
        (MovementRequest("disposal"), Where("dead_stock", "shelf")),
        (MovementRequest("disposal", to_physical=None), Where("dead_stock", None)),
        (MovementRequest("assignment", ticket_id="t"), Where("in_service", "shelf")),
    ],
)
def test_where_a_movement_takes_a_unit(request_: MovementRequest, to: Where) -> None:
    assert destination(request_, SHELF) == to


def test_a_movement_that_changes_nothing_is_refused() -> None:
    request_ = MovementRequest("transfer", to_physical="shelf", to_virtual="warranty_stock")

    with pytest.raises(BadRequest, match="nothing"):
        check_destination(request_, SHELF, destination(request_, SHELF))


def test_only_an_assignment_keeps_a_unit_in_service() -> None:
    serving = Where("in_service", "shelf")
    request_ = MovementRequest("transfer", to_physical="bench", force=True)

    with pytest.raises(BadRequest, match="assignment"):
        check_destination(request_, serving, destination(request_, serving))


def test_the_assignment_comment_names_the_serial_and_where_it_came_from() -> None:
    assert assignment_text("SN-1", "warranty_stock", "Main store") == (
        "Product SN-1 assigned to this ticket (from warranty_stock, Main store)"
    )
    assert assignment_text("SN-1", "parts", None).endswith("(from parts)")


warehouses = st.sampled_from([None, "shelf", "bench"])
choices = st.one_of(st.just(NOT_GIVEN), warehouses)
virtuals = st.sampled_from(VIRTUAL_WAREHOUSE_TYPES)


@given(
    movement_type=st.sampled_from(MOVEMENT_TYPES),
    to_virtual=st.one_of(st.none(), virtuals),
    to_physical=choices,
    now=st.builds(Where, virtuals, warehouses),
    ticket_id=st.one_of(st.none(), st.just("t")),
)
def test_an_accepted_movement_lands_where_its_request_says(
    movement_type: str,
    to_virtual: str | None,
    to_physical: str | None,
    now: Where,
    ticket_id: str | None,
) -> None:
    request_ = MovementRequest(
        movement_type, to_physical=to_physical, to_virtual=to_virtual, ticket_id=ticket_id
    )
    try:
        check_request(request_)
        to = destination(request_, now)
        if movement_type != "assignment":
            check_destination(request_, now, to)
    except BadRequest:
        return

    assert to.virtual_warehouse_type == (to_virtual or now.virtual_warehouse_type) or (
        movement_type in ("disposal", "assignment")
    )
    assert to.physical_warehouse_id == (
        now.physical_warehouse_id if to_physical is NOT_GIVEN else to_physical
    )
    assert (to.virtual_warehouse_type == "in_service") == (movement_type == "assignment")
    if movement_type == "disposal":
        assert to.virtual_warehouse_type == "dead_stock"
    if movement_type != "assignment":
        assert to != now
