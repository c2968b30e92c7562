"""``tab.*``: the tabs of a browser account."""

from __future__ import annotations

from typing import Any

from middleware.context import RequestContext, SignedInContext
from routers.base import authed
from routers.partial import changes_from
from routers.samples import ACCOUNT_ID, CREATED_AT, TAB_ID
from rpc import ErrorCode, Example, RateLimit, Router
from schemas.base import SuccessResult
from schemas.tab import BrowserTab, CreateTabInput, ListTabsInput, TabIdInput, UpdateTabInput
from services import tab as tab_service

TAB_EXAMPLE: dict[str, Any] = {
    "id": TAB_ID,
    "accountId": ACCOUNT_ID,
    "title": "Example Domain",
    "url": "https://example.com/",
    "isActive": True,
    "isIncognito": False,
    "scrollPositionX": 0,
    "scrollPositionY": 480,
    "zoomLevel": 1.25,
    "createdAt": CREATED_AT,
    "lastAccessedAt": "2026-11-21T08:07:30Z",
    "favicon": None,
    "thumbnail": None,
}


@(
    authed.input(ListTabsInput)
    .output(list[BrowserTab])
    .meta(
        summary="The tabs of one of the caller's accounts, oldest first",
        errors=[ErrorCode.NOT_FOUND],
        examples=[Example("tabs", {"accountId": ACCOUNT_ID}, [TAB_EXAMPLE])],
    )
    .query
)
def list_tabs(ctx: SignedInContext, params: ListTabsInput) -> list[BrowserTab]:
    rows = tab_service.list_tabs(ctx.unit_of_work(), ctx.caller, params.account_id)
    return [BrowserTab.model_validate(row) for row in rows]


@(
    authed.input(CreateTabInput)
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
                {"accountId": ACCOUNT_ID, "url": "https://example.com/"},
                {**TAB_EXAMPLE, "scrollPositionY": 0, "zoomLevel": 1.0},
            )
        ],
    )
    .mutation
)
def create_tab(ctx: SignedInContext, params: CreateTabInput) -> BrowserTab:
    row = tab_service.create_tab(
        ctx.unit_of_work(),
        ctx.caller,
        params.account_id,
        url=params.url,
        is_incognito=params.is_incognito,
        clock=ctx.services.clock,
    )
    return BrowserTab.model_validate(row)


@(
    authed.input(UpdateTabInput)
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
                {"tabId": TAB_ID, "scrollPositionY": 480, "zoomLevel": 1.25},
                TAB_EXAMPLE,
            )
        ],
    )
    .mutation
)
def update_tab(ctx: SignedInContext, params: UpdateTabInput) -> BrowserTab:
    row = tab_service.update_tab(
        ctx.unit_of_work(),
        ctx.caller,
        params.tab_id,
        changes_from(params, tab_service.TabChanges),
        clock=ctx.services.clock,
    )
    return BrowserTab.model_validate(row)


@(
    authed.input(TabIdInput)
    .output(SuccessResult)
    .meta(
        summary="Close a tab",
        errors=[ErrorCode.NOT_FOUND],
        examples=[Example("close", {"tabId": TAB_ID}, {"success": True})],
    )
    .mutation
)
def close_tab(ctx: SignedInContext, params: TabIdInput) -> SuccessResult:
    tab_service.close_tab(ctx.unit_of_work(), ctx.caller, params.tab_id)
    return SuccessResult(success=True)


router: Router[RequestContext] = Router(
    {"list": list_tabs, "create": create_tab, "update": update_tab, "close": close_tab}
)
