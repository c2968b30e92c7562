"""``tickets.getPendingCount`` and ``tickets.getDailyRevenue`` over real HTTP: counts
and sums read as differences, since the module's other tests add tickets too."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

import httpx
import pytest

from tests.e2e.browser import INVALID_PARAMS, UNAUTHORIZED, call
from tests.e2e.conftest import (
    Account,
    LiveServer,
    MakeUser,
    error_of,
    issue_paths,
    result_of,
    rpc_call,
)
from tests.e2e.tickets.lifecycle_helpers import (
    completed_ticket,
    new_ticket,
    utc_today_for_a_while,
)


def revenue(client: httpx.Client, user: Account, params: Any = None) -> dict[str, Decimal]:
    days = result_of(call(client, user, "tickets.getDailyRevenue", params))
    return {day["date"]: Decimal(str(day["revenue"])) for day in days}


def test_pending_count_counts_pending_and_in_progress(
    server: LiveServer, client: httpx.Client, make_user: MakeUser
) -> None:
    user = make_user()
    before = result_of(call(client, user, "tickets.getPendingCount"))
    for status in ["pending", "in_progress", "in_progress", "completed", "cancelled"]:
        new_ticket(server, status=status)

    after = result_of(call(client, user, "tickets.getPendingCount", {}))

    assert after == before + 3


def test_daily_revenue_is_every_day_of_the_window_oldest_first(
    client: httpx.Client, make_user: MakeUser
) -> None:
    user = make_user()
    today = utc_today_for_a_while()

    default = result_of(call(client, user, "tickets.getDailyRevenue"))
    three = result_of(call(client, user, "tickets.getDailyRevenue", {"days": 3}))

    assert len(default) == 30
    assert [day["date"] for day in three] == [
        (today - timedelta(days=back)).isoformat() for back in (2, 1, 0)
    ]
    assert all(set(day) == {"date", "revenue"} for day in default)
    assert [day["date"] for day in default][-3:] == [day["date"] for day in three]


def midnight(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=UTC)


def test_revenue_sums_completed_tickets_exactly_by_utc_day(
    server: LiveServer, client: httpx.Client, make_user: MakeUser
) -> None:
    user = make_user()
    today = utc_today_for_a_while()
    yesterday = today - timedelta(days=1)
    before = revenue(client, user, {"days": 3})

    # Just before UTC midnight: yesterday's, not today's.
    completed_ticket(server, midnight(today) - timedelta(microseconds=1), "0.10")
    completed_ticket(server, midnight(yesterday), "0.20")
    completed_ticket(server, midnight(today), "1234567.89")
    completed_ticket(server, midnight(today - timedelta(days=3)), "50.00")  # outside
    new_ticket(server, status="cancelled", completed_at=midnight(today), total_cost=Decimal(7))

    after = revenue(client, user, {"days": 3})

    added = {day: after[day] - before[day] for day in after}
    assert added == {
        (today - timedelta(days=2)).isoformat(): Decimal(0),
        yesterday.isoformat(): Decimal("0.30"),
        today.isoformat(): Decimal("1234567.89"),
    }


@pytest.mark.parametrize(
    ("params", "path"),
    [({"days": 0}, ["days"]), ({"days": 366}, ["days"]), ({"days": 1.5}, ["days"])],
)
def test_daily_revenue_bad_input_names_the_field(
    client: httpx.Client, make_user: MakeUser, params: dict[str, Any], path: list[str]
) -> None:
    error = error_of(call(client, make_user(), "tickets.getDailyRevenue", params), *INVALID_PARAMS)

    assert path in issue_paths(error)


def test_pending_count_takes_no_input(client: httpx.Client, make_user: MakeUser) -> None:
    error_of(call(client, make_user(), "tickets.getPendingCount", {"status": "x"}), *INVALID_PARAMS)


@pytest.mark.parametrize("method", ["tickets.getPendingCount", "tickets.getDailyRevenue"])
def test_not_signed_in_is_unauthorized(client: httpx.Client, method: str) -> None:
    error_of(rpc_call(client, method), *UNAUTHORIZED)
