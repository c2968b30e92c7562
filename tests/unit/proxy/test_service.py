"""The proxy service on the in-memory fakes."""

from __future__ import annotations

import pytest

from db.tables.auth import UserRow
from services import account as account_service
from services import proxy as proxy_service
from services.errors import NotFound
from services.proxy_probe import ProbeResult, ProbeSettings, ProbeTarget
from services.sealing import SecretSealer
from tests.factories.auth import caller
from tests.factories.proxy import SEALER
from tests.fakes import FakeClock, FakeUnitOfWork

PROBE_SETTINGS = ProbeSettings(1.0, "example.com", 443, allow_private_addresses=True)


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
