"""The dashboard's figures about tickets: how many are open, and the revenue of the
last days."""

from dataclasses import dataclass
from decimal import Decimal

from db.unit_of_work import UnitOfWork
from services.clock import Clock, utc_now
from services.day_window_rules import day_window, filled


@dataclass(frozen=True)
class DayRevenue:
    # The UTC day, YYYY-MM-DD.
    date: str
    revenue: Decimal


def pending_count(uow: UnitOfWork) -> int:
    """The tickets pending or in progress."""
    with uow:
        return uow.tickets.count_open()


def daily_revenue(uow: UnitOfWork, *, days: int, clock: Clock = utc_now) -> list[DayRevenue]:
    """The sum of ``total_cost`` of the tickets completed on each of the last ``days``
    UTC days (today included, by ``clock``), oldest first, 0 on days without any. One
    query sums by day in the database; the days without revenue are filled in here."""
    window = day_window(clock(), days)
    with uow:
        sums = dict(uow.tickets.revenue_by_day(window.start, window.end))
    return [DayRevenue(day, revenue) for day, revenue in filled(window.days, sums, Decimal("0.00"))]
