"""``tickets.getPendingCount`` and ``tickets.getDailyRevenue``: the dashboard's figures."""

from __future__ import annotations

from middleware.context import RequestContext, SignedInContext
from routers.base import authed
from rpc import Example, Router
from schemas.tickets.analytics import DailyRevenue, DailyRevenueInput
from services.tickets import analytics as analytics_service


@(
    authed.output(int)
    .meta(
        summary="How many tickets are open",
        description="The number of tickets pending or in progress.",
        examples=[Example("some", {}, 7)],
    )
    .query
)
def get_pending_count(ctx: SignedInContext, _: object) -> int:
    return analytics_service.pending_count(ctx.unit_of_work())


@(
    authed.input(DailyRevenueInput)
    .output(list[DailyRevenue])
    .meta(
        summary="Revenue of completed tickets per day",
        description=(
            "The sum of total_cost of the tickets completed on each UTC day (by "
            "completed_at) of the last days days (1-365, 30 by default; params may be "
            "left out altogether), today (by the server's clock) included: "
            "[{date: YYYY-MM-DD, revenue}], oldest first, with 0 on days without any."
        ),
        examples=[
            Example(
                "three-days",
                {"days": 3},
                [
                    {"date": "2026-11-18", "revenue": 194.9},
                    {"date": "2026-11-19", "revenue": 0},
                    {"date": "2026-11-20", "revenue": 65},
                ],
            )
        ],
    )
    .query
)
def get_daily_revenue(ctx: SignedInContext, params: DailyRevenueInput) -> list[DailyRevenue]:
    days = analytics_service.daily_revenue(
        ctx.unit_of_work(), days=params.days, clock=ctx.services.clock
    )
    return [DailyRevenue(date=day.date, revenue=day.revenue) for day in days]


router: Router[RequestContext] = Router(
    {"getPendingCount": get_pending_count, "getDailyRevenue": get_daily_revenue}
)
