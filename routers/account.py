"""``account.*``: a user's browser accounts (camelCase fields, as the browser client sends them)."""

from __future__ import annotations

from typing import Any

from db.tables.account import BrowserAccountRow
from middleware.context import RequestContext, SignedInContext
from routers.base import authed, hashes_passwords
from routers.partial import changes_from
from routers.samples import ACCOUNT_ID, CREATED_AT, PROXY_ID, SESSION_ID, UPDATED_AT, USER_ID
from rpc import ErrorCode, Example, RateLimit, Router
from schemas.account import (
    PAGE_SIZE_DEFAULT,
    Account,
    AccountPage,
    CreateAccountInput,
    CreatedAccount,
    DeleteAccountInput,
    ListAccountsInput,
    SwitchAccountInput,
    SwitchResult,
    UpdateAccountInput,
)
from schemas.base import SuccessResult
from services import account as account_service
from services.account import AccountRecord

SORT_COLUMNS = {"name": "name", "createdAt": "created_at", "lastAccessedAt": "last_accessed_at"}

ACCOUNT_EXAMPLE: dict[str, Any] = {
    "id": ACCOUNT_ID,
    "userId": USER_ID,
    "name": "Work Account",
    "description": "For work-related browsing",
    "isProtected": False,
    "proxyConfigId": PROXY_ID,
    "dataDirectory": f"accounts/{USER_ID}/{ACCOUNT_ID}",
    "createdAt": CREATED_AT,
    "updatedAt": UPDATED_AT,
    "lastAccessedAt": "2026-11-21T08:05:10Z",
}


def account_of(row: BrowserAccountRow | AccountRecord) -> Account:
    return Account.model_validate(row)


@(
    authed.input(ListAccountsInput)
    .output(list[Account] | AccountPage)
    .meta(
        summary="The caller's browser accounts",
        description=(
            "Sorted by sortBy (createdAt by default) in order (asc by default); "
            "accounts never accessed sort last. filter.protected keeps protected or "
            "unprotected ones. Without page and pageSize the answer is the array of "
            "accounts; with either, one page: {data, total, page, pageSize, pageCount} "
            "(page from 1, pageSize 20 by default, at most 100)."
        ),
        rate_limit=RateLimit(100, "minute"),
        examples=[
            Example("all", {"sortBy": "lastAccessedAt", "order": "desc"}, [ACCOUNT_EXAMPLE]),
            Example(
                "first-page",
                {"page": 1, "pageSize": 20},
                {
                    "data": [ACCOUNT_EXAMPLE],
                    "total": 1,
                    "page": 1,
                    "pageSize": 20,
                    "pageCount": 1,
                },
            ),
        ],
    )
    .query
)
def list_accounts(ctx: SignedInContext, params: ListAccountsInput) -> list[Account] | AccountPage:
    order: dict[str, Any] = {
        "sort_by": SORT_COLUMNS[params.sort_by],
        "descending": params.order == "desc",
        "is_protected": params.filter.protected if params.filter else None,
    }
    if params.page is None and params.page_size is None:
        rows = account_service.list_accounts(ctx.unit_of_work(), ctx.caller, **order)
        return [account_of(row) for row in rows]
    page = account_service.list_accounts_page(
        ctx.unit_of_work(),
        ctx.caller,
        page=params.page or 1,
        page_size=params.page_size or PAGE_SIZE_DEFAULT,
        **order,
    )
    return AccountPage(
        data=[account_of(row) for row in page.rows],
        total=page.total,
        page=page.page,
        page_size=page.page_size,
        page_count=page.page_count,
    )


@(
    authed.input(CreateAccountInput)
    .output(CreatedAccount)
    .meta(
        summary="Create a browser account",
        description=(
            "The server assigns the data directory (per user and account). "
            "proxyConfigId must name one of the caller's proxy configs (NOT_FOUND "
            "otherwise)."
        ),
        rate_limit=RateLimit(10, "hour"),
        errors=[ErrorCode.NOT_FOUND],
        examples=[
            Example(
                "work",
                {"name": "Work Account", "description": "For work-related browsing"},
                {"id": ACCOUNT_ID, "name": "Work Account", "createdAt": CREATED_AT},
            )
        ],
    )
    .mutation
)
def create_account(ctx: SignedInContext, params: CreateAccountInput) -> CreatedAccount:
    row = account_service.create_account(
        ctx.unit_of_work(),
        ctx.caller,
        name=params.name,
        description=params.description,
        proxy_config_id=params.proxy_config_id,
        clock=ctx.services.clock,
    )
    return CreatedAccount.model_validate(row)


@(
    authed.input(UpdateAccountInput)
    .output(Account)
    .meta(
        summary="Change a browser account",
        description=(
            "Fields left out stay as they are. description null clears it; "
            "proxyConfigId null detaches the proxy."
        ),
        errors=[ErrorCode.NOT_FOUND],
        examples=[
            Example(
                "protect",
                {"accountId": ACCOUNT_ID, "isProtected": True},
                {**ACCOUNT_EXAMPLE, "isProtected": True},
            )
        ],
    )
    .mutation
)
def update_account(ctx: SignedInContext, params: UpdateAccountInput) -> Account:
    row = account_service.update_account(
        ctx.unit_of_work(),
        ctx.caller,
        params.account_id,
        changes_from(params, account_service.AccountChanges),
        clock=ctx.services.clock,
    )
    return account_of(row)


@(
    hashes_passwords(authed, only_when_given="password")
    .input(SwitchAccountInput)
    .output(SwitchResult)
    .meta(
        summary="Switch to a browser account",
        description=(
            "Opens a new browser session on the account (its id is sessionId) and "
            "sets lastAccessedAt. A protected account needs the caller's password "
            "in password; without it, or with a wrong one, FORBIDDEN."
        ),
        rate_limit=RateLimit(100, "minute"),
        errors=[ErrorCode.NOT_FOUND, ErrorCode.FORBIDDEN],
        examples=[
            Example(
                "switch",
                {"accountId": ACCOUNT_ID},
                {"success": True, "accountId": ACCOUNT_ID, "sessionId": SESSION_ID},
            )
        ],
    )
    .mutation
)
def switch_account(ctx: SignedInContext, params: SwitchAccountInput) -> SwitchResult:
    switched = account_service.switch_account(
        ctx.unit_of_work(),
        ctx.services.hasher,
        ctx.caller,
        params.account_id,
        password=params.password,
        clock=ctx.services.clock,
    )
    return SwitchResult(
        success=True, account_id=switched.account.id, session_id=switched.session.id
    )


@(
    authed.input(DeleteAccountInput)
    .output(SuccessResult)
    .meta(
        summary="Delete a browser account with its tabs and sessions",
        description="confirmDeletion must be true (PRECONDITION_FAILED otherwise).",
        errors=[ErrorCode.NOT_FOUND, ErrorCode.PRECONDITION_FAILED],
        examples=[
            Example(
                "delete",
                {"accountId": ACCOUNT_ID, "confirmDeletion": True},
                {"success": True},
            )
        ],
    )
    .mutation
)
def delete_account(ctx: SignedInContext, params: DeleteAccountInput) -> SuccessResult:
    account_service.delete_account(
        ctx.unit_of_work(),
        ctx.caller,
        params.account_id,
        confirm_deletion=params.confirm_deletion,
    )
    return SuccessResult(success=True)


router: Router[RequestContext] = Router(
    {
        "list": list_accounts,
        "create": create_account,
        "update": update_account,
        "switch": switch_account,
        "delete": delete_account,
    }
)
