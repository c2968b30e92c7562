"""Browser accounts: a user's separate browser identities.

Every account belongs to the user who made it. Another user's id is answered exactly
like an id that does not exist (NotFound), so ids cannot be probed; admins get no
special reach. The browser services are reached through the RPC schemas only, which
check the field rules; the services keep the rules about ownership and state.
"""

import math
from dataclasses import dataclass

# Re-exported: what listing answers with, for the router to map.
from db.repositories.account import AccountRecord as AccountRecord
from db.tables.account import BrowserAccountRow, BrowserSessionRow
from db.unit_of_work import UnitOfWork
from services.account_rules import data_directory, may_delete, may_switch
from services.caller import Caller
from services.changes import UNCHANGED, Changes, Unchanged, apply_changes
from services.clock import Clock, utc_now
from services.errors import PermissionDenied, PreconditionFailed
from services.ownership import owned
from services.passwords import PasswordHasher
from services.proxy import PROXY_NOT_FOUND

ACCOUNT_NOT_FOUND = "Account not found"
PROOF_NEEDED = "This account is protected: confirm your password to switch to it"
CONFIRM_DELETION = "Set confirmDeletion to true to delete the account and all its tabs"


@dataclass(frozen=True)
class AccountPage:
    rows: list[AccountRecord]
    total: int
    page: int
    page_size: int

    @property
    def page_count(self) -> int:
        return math.ceil(self.total / self.page_size)


@dataclass(frozen=True)
class AccountChanges(Changes[BrowserAccountRow]):
    """account.update: description None clears it; proxy_config_id None detaches the proxy."""

    name: str | Unchanged = UNCHANGED
    description: str | Unchanged | None = UNCHANGED
    is_protected: bool | Unchanged = UNCHANGED
    proxy_config_id: str | Unchanged | None = UNCHANGED


@dataclass(frozen=True)
class SwitchResult:
    account: BrowserAccountRow
    session: BrowserSessionRow


def owned_account(uow: UnitOfWork, caller: Caller, account_id: str) -> BrowserAccountRow:
    return owned(uow.accounts.get(account_id), caller, ACCOUNT_NOT_FOUND)


def list_accounts(
    uow: UnitOfWork,
    caller: Caller,
    *,
    sort_by: str = "created_at",
    descending: bool = False,
    is_protected: bool | None = None,
) -> list[AccountRecord]:
    with uow:
        return uow.accounts.list_for_user(
            caller.user_id, sort_by=sort_by, descending=descending, is_protected=is_protected
        )


def list_accounts_page(
    uow: UnitOfWork,
    caller: Caller,
    *,
    page: int,
    page_size: int,
    sort_by: str = "created_at",
    descending: bool = False,
    is_protected: bool | None = None,
) -> AccountPage:
    with uow:
        rows = uow.accounts.list_for_user(
            caller.user_id,
            sort_by=sort_by,
            descending=descending,
            is_protected=is_protected,
            offset=(page - 1) * page_size,
            limit=page_size,
        )
        total = uow.accounts.count_for_user(caller.user_id, is_protected=is_protected)
        return AccountPage(rows=rows, total=total, page=page, page_size=page_size)


def create_account(
    uow: UnitOfWork,
    caller: Caller,
    *,
    name: str,
    description: str | None = None,
    proxy_config_id: str | None = None,
    clock: Clock = utc_now,
) -> BrowserAccountRow:
    with uow:
        if proxy_config_id is not None:
            owned(uow.proxies.get(proxy_config_id), caller, PROXY_NOT_FOUND)
        now = clock()
        account = BrowserAccountRow(
            user_id=caller.user_id,
            name=name,
            description=description,
            proxy_config_id=proxy_config_id,
            data_directory="",
            created_at=now,
            updated_at=now,
        )
        account.data_directory = data_directory(caller.user_id, account.id)
        uow.accounts.add(account)
        uow.commit()
        return account


def update_account(
    uow: UnitOfWork,
    caller: Caller,
    account_id: str,
    changes: AccountChanges,
    *,
    clock: Clock = utc_now,
) -> BrowserAccountRow:
    with uow:
        account = owned_account(uow, caller, account_id)
        if isinstance(changes.proxy_config_id, str):
            # Only one's own proxy can be attached.
            owned(uow.proxies.get(changes.proxy_config_id), caller, PROXY_NOT_FOUND)
        apply_changes(account, changes)
        account.updated_at = clock()
        uow.commit()
        return account


def switch_account(
    uow: UnitOfWork,
    hasher: PasswordHasher,
    caller: Caller,
    account_id: str,
    *,
    password: str | None = None,
    clock: Clock = utc_now,
) -> SwitchResult:
    """Open a new browser session on the account; a protected one needs the caller's
    password again (the contract's biometric check, done with what the server has)."""
    with uow:
        needs_proof = owned_account(uow, caller, account_id).is_protected
        user = uow.users.get(caller.user_id)
        password_hash = user.password_hash if user is not None else None
    # Outside the transaction: Argon2 is slow, and SQLite has one write lock.
    proven = (
        needs_proof
        and password is not None
        and password_hash is not None
        and hasher.verify(password, password_hash)
    )
    if not may_switch(is_protected=needs_proof, password_proven=proven):
        raise PermissionDenied(PROOF_NEEDED)
    with uow:
        account = owned_account(uow, caller, account_id)
        # It may have been protected meanwhile: check again on what we write.
        if not may_switch(is_protected=account.is_protected, password_proven=proven):
            raise PermissionDenied(PROOF_NEEDED)
        now = clock()
        account.last_accessed_at = now
        session = BrowserSessionRow(account_id=account.id, created_at=now)
        uow.browser_sessions.add(session)
        uow.commit()
        return SwitchResult(account=account, session=session)


def delete_account(
    uow: UnitOfWork, caller: Caller, account_id: str, *, confirm_deletion: bool
) -> None:
    with uow:
        account = owned_account(uow, caller, account_id)
        if not may_delete(confirm_deletion=confirm_deletion):
            raise PreconditionFailed(CONFIRM_DELETION)
        uow.accounts.delete(account)  # with its tabs and sessions, in this transaction
        uow.commit()
