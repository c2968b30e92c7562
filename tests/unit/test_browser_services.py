"""The account, proxy and tab services on the in-memory fakes."""

from __future__ import annotations

from datetime import timedelta

import pytest

from db.tables.auth import UserRow
from services import account as account_service
from services import proxy as proxy_service
from services import tab as tab_service
from services.caller import Caller
from services.errors import NotFound, PermissionDenied, PreconditionFailed
from services.passwords import PasswordHasher
from services.proxy_probe import ProbeResult, ProbeSettings, ProbeTarget
from services.sealing import SecretSealer
from tests.factories import DEFAULT_PASSWORD, make_user
from tests.fakes import FakeClock, FakeUnitOfWork

SEALER = SecretSealer("unit-test-sealing-key-material-32chars")
PROBE_SETTINGS = ProbeSettings(1.0, "example.com", 443, allow_private_addresses=True)


@pytest.fixture
def owner(hasher: PasswordHasher) -> UserRow:
    return make_user(hasher, email="owner@example.com")


@pytest.fixture
def stranger(hasher: PasswordHasher) -> UserRow:
    return make_user(hasher, email="stranger@example.com", role="admin")


@pytest.fixture
def uow(owner: UserRow, stranger: UserRow) -> FakeUnitOfWork:
    return FakeUnitOfWork([owner, stranger])


def caller(user: UserRow) -> Caller:
    return Caller(user.id, user.email, user.role, f"session-of-{user.id}")


# --- accounts ---------------------------------------------------------------------


def test_create_account_assigns_the_data_directory(
    uow: FakeUnitOfWork, owner: UserRow, clock: FakeClock
) -> None:
    account = account_service.create_account(uow, caller(owner), name="Work", clock=clock)

    assert account.data_directory == f"accounts/{owner.id}/{account.id}"
    assert (account.user_id, account.created_at, account.is_protected) == (owner.id, clock(), False)
    assert uow.accounts.rows == {account.id: account}
    assert uow.committed


def test_create_account_with_someone_elses_proxy_is_not_found(
    uow: FakeUnitOfWork, owner: UserRow, stranger: UserRow
) -> None:
    proxy = proxy_service.create_proxy(
        uow, caller(stranger), proxy_service.NewProxy("P", "HTTP", "a.example", 80), SEALER
    )
    uow.commits = 0
    with pytest.raises(NotFound, match="Proxy config not found"):
        account_service.create_account(uow, caller(owner), name="W", proxy_config_id=proxy.id)
    assert (uow.accounts.rows, uow.commits) == ({}, 0)


def test_pages_count_from_one(uow: FakeUnitOfWork, owner: UserRow, clock: FakeClock) -> None:
    for n in range(5):
        account_service.create_account(uow, caller(owner), name=f"A{n}", clock=clock)
        clock.advance(timedelta(seconds=1))

    page = account_service.list_accounts_page(uow, caller(owner), page=2, page_size=2)

    assert [a.name for a in page.rows] == ["A2", "A3"]
    assert (page.total, page.page_count) == (5, 3)


def test_update_account_changes_only_what_is_given(
    uow: FakeUnitOfWork, owner: UserRow, clock: FakeClock
) -> None:
    account = account_service.create_account(
        uow, caller(owner), name="A", description="d", clock=clock
    )
    clock.advance(timedelta(minutes=1))

    account_service.update_account(
        uow,
        caller(owner),
        account.id,
        account_service.AccountChanges(is_protected=True),
        clock=clock,
    )

    assert (account.name, account.description, account.is_protected) == ("A", "d", True)
    assert account.updated_at == clock()


def test_switch_to_a_protected_account(
    uow: FakeUnitOfWork, owner: UserRow, hasher: PasswordHasher, clock: FakeClock
) -> None:
    account = account_service.create_account(uow, caller(owner), name="Vault")
    account.is_protected = True

    with pytest.raises(PermissionDenied):
        account_service.switch_account(uow, hasher, caller(owner), account.id)
    with pytest.raises(PermissionDenied):
        account_service.switch_account(
            uow, hasher, caller(owner), account.id, password="Nope-Nope-1"
        )
    assert uow.browser_sessions.rows == {}

    switched = account_service.switch_account(
        uow, hasher, caller(owner), account.id, password=DEFAULT_PASSWORD, clock=clock
    )
    assert switched.session.account_id == account.id
    assert account.last_accessed_at == clock()


def test_an_admin_cannot_reach_another_users_account(
    uow: FakeUnitOfWork, owner: UserRow, stranger: UserRow, hasher: PasswordHasher
) -> None:
    account = account_service.create_account(uow, caller(owner), name="Mine")
    with pytest.raises(NotFound):
        account_service.update_account(
            uow, caller(stranger), account.id, account_service.AccountChanges(name="Theirs")
        )
    with pytest.raises(NotFound):
        account_service.switch_account(uow, hasher, caller(stranger), account.id)
    with pytest.raises(NotFound):
        account_service.delete_account(uow, caller(stranger), account.id, confirm_deletion=True)
    assert account.name == "Mine"


def test_delete_account_needs_confirmation_and_takes_tabs_and_sessions(
    uow: FakeUnitOfWork, owner: UserRow, hasher: PasswordHasher
) -> None:
    account = account_service.create_account(uow, caller(owner), name="A")
    account_service.switch_account(uow, hasher, caller(owner), account.id)
    tab_service.create_tab(uow, caller(owner), account.id)

    with pytest.raises(PreconditionFailed):
        account_service.delete_account(uow, caller(owner), account.id, confirm_deletion=False)
    assert account.id in uow.accounts.rows

    account_service.delete_account(uow, caller(owner), account.id, confirm_deletion=True)
    assert (uow.accounts.rows, uow.tabs.rows, uow.browser_sessions.rows) == ({}, {}, {})


# --- proxies ----------------------------------------------------------------------


def test_create_proxy_seals_the_password(uow: FakeUnitOfWork, owner: UserRow) -> None:
    new = proxy_service.NewProxy("P", "SOCKS5", "a.example", 1080, "user", "pass-1", '{"k": "v"}')
    proxy = proxy_service.create_proxy(uow, caller(owner), new, SEALER)

    assert proxy.sealed_password is not None
    assert "pass-1" not in proxy.sealed_password
    assert proxy_service.opened_password(SEALER, proxy) == "pass-1"
    assert proxy_service.opened_v2ray_config(SEALER, proxy) == '{"k": "v"}'


def test_delete_proxy_detaches_accounts(uow: FakeUnitOfWork, owner: UserRow) -> None:
    proxy = proxy_service.create_proxy(
        uow, caller(owner), proxy_service.NewProxy("P", "HTTP", "h", 80), SEALER
    )
    account = account_service.create_account(uow, caller(owner), name="A", proxy_config_id=proxy.id)

    proxy_service.delete_proxy(uow, caller(owner), proxy.id)

    assert (account.proxy_config_id, uow.proxies.rows) == (None, {})


@pytest.mark.asyncio
async def test_run_proxy_test_probes_with_opened_secrets_and_keeps_the_result(
    uow: FakeUnitOfWork, owner: UserRow, clock: FakeClock
) -> None:
    new = proxy_service.NewProxy("P", "SOCKS5", "proxy.example", 1080, "user", "pass-1")
    proxy = proxy_service.create_proxy(uow, caller(owner), new, SEALER)
    seen: list[ProbeTarget] = []

    async def prober(target: ProbeTarget, settings: ProbeSettings) -> ProbeResult:
        seen.append(target)
        return ProbeResult(success=False, latency_ms=12, error="Connection refused")

    result = await proxy_service.run_proxy_test(
        uow, caller(owner), proxy.id, SEALER, PROBE_SETTINGS, prober=prober, clock=clock
    )

    assert seen == [ProbeTarget("SOCKS5", "proxy.example", 1080, "user", "pass-1")]
    assert result == ProbeResult(False, 12, "Connection refused")
    assert (proxy.last_tested_at, proxy.test_success, proxy.test_latency_ms, proxy.test_error) == (
        clock(),
        False,
        12,
        "Connection refused",
    )


@pytest.mark.asyncio
async def test_run_proxy_test_of_someone_elses_proxy_never_probes(
    uow: FakeUnitOfWork, owner: UserRow, stranger: UserRow
) -> None:
    proxy = proxy_service.create_proxy(
        uow, caller(owner), proxy_service.NewProxy("P", "HTTP", "h", 80), SEALER
    )

    async def prober(target: ProbeTarget, settings: ProbeSettings) -> ProbeResult:
        raise AssertionError("must not probe")

    with pytest.raises(NotFound):
        await proxy_service.run_proxy_test(
            uow, caller(stranger), proxy.id, SEALER, PROBE_SETTINGS, prober=prober
        )


# --- tabs -------------------------------------------------------------------------


def test_tabs_activate_exclusively_under_the_account_lock(
    uow: FakeUnitOfWork, owner: UserRow, hasher: PasswordHasher
) -> None:
    account = account_service.create_account(uow, caller(owner), name="A")
    session = account_service.switch_account(uow, hasher, caller(owner), account.id).session
    first = tab_service.create_tab(uow, caller(owner), account.id)
    second = tab_service.create_tab(uow, caller(owner), account.id, url="https://example.com/")

    assert (first.is_active, second.is_active, second.session_id) == (False, True, session.id)
    tab_service.update_tab(
        uow, caller(owner), first.id, tab_service.TabChanges(is_active=True, zoom_level=2.0)
    )

    assert (first.is_active, second.is_active, first.zoom_level) == (True, False, 2.0)
    assert uow.accounts.locked.count(account.id) == 3  # both creations and the update


def test_someone_elses_tab_is_not_found(
    uow: FakeUnitOfWork, owner: UserRow, stranger: UserRow
) -> None:
    account = account_service.create_account(uow, caller(owner), name="A")
    tab = tab_service.create_tab(uow, caller(owner), account.id)

    for attempt in (
        lambda: tab_service.update_tab(
            uow, caller(stranger), tab.id, tab_service.TabChanges(title="x")
        ),
        lambda: tab_service.close_tab(uow, caller(stranger), tab.id),
        lambda: tab_service.list_tabs(uow, caller(stranger), account.id),
        lambda: tab_service.create_tab(uow, caller(stranger), account.id),
    ):
        with pytest.raises(NotFound):
            attempt()
    assert tab.title == "New Tab"


@pytest.mark.asyncio
async def test_a_password_sealed_under_another_key_is_a_failed_test_not_an_error(
    uow: FakeUnitOfWork, owner: UserRow, clock: FakeClock
) -> None:
    new = proxy_service.NewProxy("P", "HTTP", "h.example", 80, "user", "pass-1")
    proxy = proxy_service.create_proxy(uow, caller(owner), new, SEALER)
    rotated = SecretSealer("a-different-key-material-of-32-chars!")

    async def prober(target: ProbeTarget, settings: ProbeSettings) -> ProbeResult:
        raise AssertionError("must not probe without the password")

    result = await proxy_service.run_proxy_test(
        uow, caller(owner), proxy.id, rotated, PROBE_SETTINGS, prober=prober, clock=clock
    )

    assert result == ProbeResult(False, 0, proxy_service.UNREADABLE_PASSWORD)
    assert (proxy.test_success, proxy.test_error) == (False, proxy_service.UNREADABLE_PASSWORD)
