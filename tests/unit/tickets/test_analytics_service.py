"""Open tickets and the daily revenue, on the fakes and on plain values."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

from services.day_window_rules import day_window, filled
from services.tickets import analytics as analytics_service
from services.tickets.analytics import DayRevenue
from tests.fakes import FakeClock, FakeUnitOfWork
from tests.unit.tickets.test_lifecycle_service import ticket

NOW = datetime(2026, 11, 20, 0, 30, tzinfo=UTC)


def test_the_window_is_the_last_days_up_to_today_in_utc() -> None:
    window = day_window(NOW, 3)

    assert window.days == ["2026-11-18", "2026-11-19", "2026-11-20"]
    assert window.start == datetime(2026, 11, 18, tzinfo=UTC)
    assert window.end == datetime(2026, 11, 21, tzinfo=UTC)


def test_the_window_of_a_clock_in_another_zone_is_still_utc() -> None:
    late_in_new_york = datetime(2026, 11, 19, 20, 30, tzinfo=timezone(timedelta(hours=-5)))

    assert day_window(late_in_new_york, 1).days == ["2026-11-20"]


def test_days_without_revenue_are_zero() -> None:
    assert filled(["a", "b"], {"b": Decimal("5.00")}, Decimal("0.00")) == [
        ("a", Decimal("0.00")),
        ("b", Decimal("5.00")),
    ]


def test_pending_count_counts_pending_and_in_progress() -> None:
    uow = FakeUnitOfWork()
    for status in ["pending", "in_progress", "in_progress", "completed", "cancelled"]:
        ticket(uow, status=status)

    assert analytics_service.pending_count(uow) == 3


def test_daily_revenue_sums_completed_tickets_by_utc_day() -> None:
    uow = FakeUnitOfWork()

    def completed(at: datetime, total: str, status: str = "completed") -> None:
        row = ticket(uow, status=status)
        row.completed_at, row.total_cost = at, Decimal(total)

    completed(datetime(2026, 11, 19, 23, 59, 59, tzinfo=UTC), "10.10")
    completed(datetime(2026, 11, 19, 8, tzinfo=UTC), "0.20")
    completed(datetime(2026, 11, 20, 0, 0, tzinfo=UTC), "7.00")
    completed(datetime(2026, 11, 17, 23, 59, 59, tzinfo=UTC), "99.00")  # before the window
    completed(datetime(2026, 11, 19, 9, tzinfo=UTC), "50.00", status="cancelled")

    days = analytics_service.daily_revenue(uow, days=3, clock=FakeClock(NOW))

    assert days == [
        DayRevenue("2026-11-18", Decimal("0.00")),
        DayRevenue("2026-11-19", Decimal("10.30")),
        DayRevenue("2026-11-20", Decimal("7.00")),
    ]
