"""Rules of the catalog, on plain values."""

from __future__ import annotations

import pytest

from schemas.limits import NAME_KEY_MAX_LENGTH, NAME_MAX_LENGTH
from services.catalog.usage_rules import in_use_message, refuse_while_used
from services.errors import Conflict
from services.name_rules import name_key


@pytest.mark.parametrize(
    ("first", "second"),
    [("Apple", "APPLE"), ("apple", "aPPLE"), ("Straße", "STRASSE"), ("ΣΊΣΥΦΟΣ", "σίσυφος")],
)
def test_names_equal_ignoring_case_share_a_key(first: str, second: str) -> None:
    assert name_key(first) == name_key(second)


def test_different_names_have_different_keys() -> None:
    assert name_key("Apple") != name_key("Apples")


def test_the_key_of_the_longest_name_fits_its_column() -> None:
    # "ΐ" folds to three code points, the most any character folds to.
    longest = "ΐ" * NAME_MAX_LENGTH
    assert len(name_key(longest)) == NAME_KEY_MAX_LENGTH


@pytest.mark.parametrize(
    ("users", "message"),
    [
        (["parts"], "Product model is still used by parts"),
        (["parts", "templates"], "Product model is still used by parts and templates"),
        (
            ["parts", "templates", "tickets"],
            "Product model is still used by parts, templates and tickets",
        ),
    ],
)
def test_the_message_names_what_refers(users: list[str], message: str) -> None:
    assert in_use_message("Product model", users) == message
    with pytest.raises(Conflict, match=f"^{message}$"):
        refuse_while_used("Product model", users)


def test_a_row_nothing_refers_to_may_go() -> None:
    refuse_while_used("Warehouse", [])
