"""The workflow rules on plain values."""

from __future__ import annotations

import pytest

from services.name_rules import name_key
from services.workflow.template_rules import (
    EVER_USED,
    HAS_SUCCESSORS,
    IN_WORK,
    deletion_refusal,
    duplicate_orders,
    missing_task_types,
    next_version,
)


def test_names_differing_only_in_case_share_a_key() -> None:
    assert name_key("Screen Calibration") == name_key("SCREEN calibration")
    assert name_key("Straße") == name_key("STRASSE")
    assert name_key("Diagnosis") != name_key("Diagnose")


@pytest.mark.parametrize(
    ("orders", "duplicated"),
    [
        ([1, 2, 3], []),
        ([], []),
        ([2, 2], [2]),
        ([5, 1, 5, 2, 1, 5], [1, 5]),
    ],
)
def test_duplicate_orders_names_each_repeated_order_once(
    orders: list[int], duplicated: list[int]
) -> None:
    assert duplicate_orders(orders) == duplicated


def test_missing_task_types_keep_the_order_given_each_once() -> None:
    wanted = ["b", "x", "a", "y", "x"]

    assert missing_task_types(wanted, {"a", "b"}) == ["x", "y"]
    assert missing_task_types(wanted, set(wanted)) == []


def test_the_next_version_counts_up() -> None:
    assert next_version(1) == 2
    assert next_version(41) == 42


@pytest.mark.parametrize("soft", [True, False])
def test_nothing_is_deleted_while_tickets_in_work_use_it(soft: bool) -> None:
    refusal = deletion_refusal(soft=soft, in_work=True, ever_used=True, has_successor=False)

    assert refusal == IN_WORK


def test_deactivating_needs_only_no_tickets_in_work() -> None:
    assert deletion_refusal(soft=True, in_work=False, ever_used=True, has_successor=True) is None


@pytest.mark.parametrize(
    ("ever_used", "has_successor", "refusal"),
    [
        (False, False, None),
        (True, False, EVER_USED),
        (False, True, HAS_SUCCESSORS),
        (True, True, EVER_USED),
    ],
)
def test_deleting_for_good_needs_an_unused_version_nothing_derives_from(
    ever_used: bool, has_successor: bool, refusal: str | None
) -> None:
    found = deletion_refusal(
        soft=False, in_work=False, ever_used=ever_used, has_successor=has_successor
    )

    assert found == refusal
