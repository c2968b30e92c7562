"""One ownership check for every domain: another user's row is simply not found."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from db.tables.proxy import ProxyConfigRow
from services.caller import Caller
from services.errors import NotFound
from services.ownership import owned

NOW = datetime(2026, 1, 1, tzinfo=UTC)


def caller(user_id: str, role: str = "technician") -> Caller:
    return Caller(user_id, f"{user_id}@example.com", role, f"session-of-{user_id}")


def a_proxy(user_id: str) -> ProxyConfigRow:
    return ProxyConfigRow(
        user_id=user_id, name="p", type="http", host="h", port=1, created_at=NOW, updated_at=NOW
    )


def test_the_owner_gets_the_row() -> None:
    proxy = a_proxy("owner")

    assert owned(proxy, caller("owner"), "Proxy config not found") is proxy


@pytest.mark.parametrize(
    "row",
    [None, a_proxy("owner")],
    ids=["missing", "someone else's"],
)
@pytest.mark.parametrize("role", ["technician", "admin"])  # admins get no special reach
def test_a_missing_row_and_someone_elses_are_answered_alike(
    row: ProxyConfigRow | None, role: str
) -> None:
    with pytest.raises(NotFound) as refused:
        owned(row, caller("stranger", role), "Proxy config not found")

    assert str(refused.value) == "Proxy config not found"
