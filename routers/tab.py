"""``tab.*``: the tabs of a browser account (Incog contract, section 4)."""

from __future__ import annotations

from middleware.context import RequestContext
from routers import examples
from routers.base import authed
from routers.partial import given_fields
from rpc import ErrorCode, Example, RateLimit, Router
from schemas.browser import SuccessResult
from schemas.tab import BrowserTab, CreateTabInput, ListTabsInput, TabIdInput, UpdateTabInput
from services import tab as tab_service


def list_tabs(ctx: RequestContext, params: ListTabsInput) -> list[BrowserTab]:
    rows = tab_service.list_tabs(ctx.unit_of_work(), ctx.signed_in(), params.account_id)
    return [BrowserTab.model_validate(row) for row in rows]


def create_tab(ctx: RequestContext, params: CreateTabInput) -> BrowserTab:
    row = tab_service.create_tab(
        ctx.unit_of_work(),
        ctx.signed_in(),
        params.account_id,
        url=params.url,
        is_incognito=params.is_incognito,
        clock=ctx.services.clock,
    )
    return BrowserTab.model_validate(row)


def update_tab(ctx: RequestContext, params: UpdateTabInput) -> BrowserTab:
    row = tab_service.update_tab(
        ctx.unit_of_work(),
        ctx.signed_in(),
        params.tab_id,
        clock=ctx.services.clock,
        **given_fields(
            params,
            "title",
            "url",
            "is_active",
            "scroll_position_x",
            "scroll_position_y",
            "zoom_level",
        ),
    )
    return BrowserTab.model_validate(row)


def close_tab(ctx: RequestContext, params: TabIdInput) -> SuccessResult:
    tab_service.close_tab(ctx.unit_of_work(), ctx.signed_in(), params.tab_id)
    return SuccessResult(success=True)


router: Router[RequestContext] = Router(
    {
        "list": authed.input(ListTabsInput)
        .output(list[BrowserTab])
        .meta(
            summary="The tabs of one of the caller's accounts, oldest first",
            errors=[ErrorCode.NOT_FOUND],
            examples=[Example("tabs", {"accountId": examples.ACCOUNT_ID}, [examples.TAB])],
        )
        .query(list_tabs),
        "create": authed.input(CreateTabInput)
        .output(BrowserTab)
        .meta(
            summary="Open a tab",
            description=(
                "url is http(s) or about: (about:blank by default). The new tab becomes "
                "the account's active tab; it belongs to the account's newest session."
            ),
            rate_limit=RateLimit(100, "minute"),
            errors=[ErrorCode.NOT_FOUND],
            examples=[
                Example(
                    "open",
                    {"accountId": examples.ACCOUNT_ID, "url": "https://example.com/"},
                    {**examples.TAB, "scrollPositionY": 0, "zoomLevel": 1.0},
                )
            ],
        )
        .mutation(create_tab),
        "update": authed.input(UpdateTabInput)
        .output(BrowserTab)
        .meta(
            summary="Change a tab",
            description=(
                "Fields left out stay as they are. isActive true makes every other tab "
                "of the account inactive, in the same transaction. scrollPositionX/Y >= 0, "
                "zoomLevel 0.25-5."
            ),
            errors=[ErrorCode.NOT_FOUND],
            examples=[
                Example(
                    "scroll",
                    {"tabId": examples.TAB_ID, "scrollPositionY": 480, "zoomLevel": 1.25},
                    examples.TAB,
                )
            ],
        )
        .mutation(update_tab),
        "close": authed.input(TabIdInput)
        .output(SuccessResult)
        .meta(
            summary="Close a tab",
            errors=[ErrorCode.NOT_FOUND],
            examples=[Example("close", {"tabId": examples.TAB_ID}, {"success": True})],
        )
        .mutation(close_tab),
    }
)
