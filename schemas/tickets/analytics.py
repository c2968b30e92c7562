"""``tickets.getPendingCount`` and ``tickets.getDailyRevenue``: the dashboard's figures."""

from typing import Annotated, Final

from pydantic import Field

from schemas.base import SnakeInput, SnakeOutput
from schemas.common import JsonInteger
from schemas.money import Money

REVENUE_DAYS_DEFAULT: Final = 30
# A year of days: the chart's widest window.
REVENUE_DAYS_MAX: Final = 365

RevenueDays = Annotated[JsonInteger, Field(ge=1, le=REVENUE_DAYS_MAX)]


class DailyRevenueInput(SnakeInput):
    days: RevenueDays = REVENUE_DAYS_DEFAULT


class DailyRevenue(SnakeOutput):
    # The UTC day, YYYY-MM-DD.
    date: str
    revenue: Money
