"""``account.*``: the browser contract's names (camelCase)."""

from typing import Annotated, Literal

from pydantic import Field

from schemas.base import CamelInput, CamelOutput
from schemas.browser import SortOrder
from schemas.common import JsonBoolean, JsonInteger, NoControlCharacters, Timestamp
from schemas.fields import Name, NotNull, ResourceId, not_null
from schemas.limits import DESCRIPTION_MAX_LENGTH

Description = Annotated[str, Field(max_length=DESCRIPTION_MAX_LENGTH), NoControlCharacters]
PAGE_SIZE_DEFAULT = 20


class AccountFilter(CamelInput):
    protected: JsonBoolean | None = None


class ListAccountsInput(CamelInput):
    sort_by: Literal["name", "createdAt", "lastAccessedAt"] = "createdAt"
    order: SortOrder = "asc"
    filter: AccountFilter | None = None
    # Either one asks for a page; the bound on page keeps the offset in range.
    page: Annotated[JsonInteger, Field(ge=1, le=1_000_000)] | None = None
    page_size: Annotated[JsonInteger, Field(ge=1, le=100)] | None = None


class Account(CamelOutput):
    id: str
    user_id: str
    name: str
    description: str | None
    is_protected: bool
    proxy_config_id: str | None
    data_directory: str
    created_at: Timestamp
    updated_at: Timestamp
    last_accessed_at: Timestamp | None


class AccountPage(CamelOutput):
    data: list[Account]
    total: int
    page: int
    page_size: int
    page_count: int


class CreateAccountInput(CamelInput):
    name: Name
    description: Description | None = None
    proxy_config_id: ResourceId | None = None


class CreatedAccount(CamelOutput):
    id: str
    name: str
    created_at: Timestamp


class UpdateAccountInput(CamelInput):
    account_id: ResourceId
    name: Annotated[Name | None, NotNull] = not_null()
    # null clears the description / detaches the proxy.
    description: Description | None = None
    is_protected: Annotated[JsonBoolean | None, NotNull] = not_null()
    proxy_config_id: ResourceId | None = None


class SwitchAccountInput(CamelInput):
    account_id: ResourceId
    # Needed for a protected account: the caller's own password, checked again.
    password: Annotated[str, Field(min_length=1, max_length=128)] | None = None


class SwitchResult(CamelOutput):
    success: bool
    account_id: str
    session_id: str


class DeleteAccountInput(CamelInput):
    account_id: ResourceId
    confirm_deletion: JsonBoolean
