"""Proxy configurations: create, change, delete, and test them from the server.

Passwords and v2ray configurations are sealed (services.sealing) before they reach
the database and opened only to test the proxy; they are never returned.
"""

from dataclasses import dataclass
from datetime import datetime

from db.call_runners import on_event_loop
from db.tables.proxy import ProxyConfigRow
from db.unit_of_work import UnitOfWork
from services.caller import Caller
from services.changes import UNCHANGED, Changes, Unchanged, apply_changes
from services.clock import Clock, utc_now
from services.ownership import owned
from services.proxy_probe import Prober, ProbeResult, ProbeSettings, ProbeTarget, probe
from services.proxy_rules import forgets_last_test
from services.sealing import SealedSecretError, SecretSealer, seal_context

PASSWORD_COLUMN = "sealed_password"
V2RAY_COLUMN = "sealed_v2ray_config"
PROXY_NOT_FOUND = "Proxy config not found"
UNREADABLE_PASSWORD = (
    "The stored password cannot be decrypted with the current key (was "
    "SWITCHYARD_DATA_KEY or the signing key changed?); set the password again"
)


@dataclass(frozen=True)
class NewProxy:
    name: str
    type: str
    host: str
    port: int
    username: str | None = None
    password: str | None = None
    # The v2ray configuration as JSON (its shape is the schema's business).
    v2ray_config_json: str | None = None


@dataclass(frozen=True)
class ProxyChanges(Changes[ProxyConfigRow]):
    """proxy.update: username or password None removes it; the password is sealed."""

    name: str | Unchanged = UNCHANGED
    host: str | Unchanged = UNCHANGED
    port: int | Unchanged = UNCHANGED
    username: str | Unchanged | None = UNCHANGED
    password: str | Unchanged | None = UNCHANGED
    is_active: bool | Unchanged = UNCHANGED


def owned_proxy(uow: UnitOfWork, caller: Caller, proxy_config_id: str) -> ProxyConfigRow:
    return owned(uow.proxies.get(proxy_config_id), caller, PROXY_NOT_FOUND)


def _seal(
    sealer: SecretSealer, proxy: ProxyConfigRow, column: str, plain: str | None
) -> str | None:
    if plain is None:
        return None
    return sealer.seal(plain, context=seal_context(ProxyConfigRow.__tablename__, column, proxy.id))


def _open(
    sealer: SecretSealer, proxy: ProxyConfigRow, column: str, sealed: str | None
) -> str | None:
    if sealed is None:
        return None
    return sealer.open(sealed, context=seal_context(ProxyConfigRow.__tablename__, column, proxy.id))


def opened_password(sealer: SecretSealer, proxy: ProxyConfigRow) -> str | None:
    return _open(sealer, proxy, PASSWORD_COLUMN, proxy.sealed_password)


def opened_v2ray_config(sealer: SecretSealer, proxy: ProxyConfigRow) -> str | None:
    return _open(sealer, proxy, V2RAY_COLUMN, proxy.sealed_v2ray_config)


def list_proxies(
    uow: UnitOfWork,
    caller: Caller,
    *,
    sort_by: str = "created_at",
    descending: bool = False,
    proxy_type: str | None = None,
    is_active: bool | None = None,
) -> list[ProxyConfigRow]:
    with uow:
        return uow.proxies.list_for_user(
            caller.user_id,
            sort_by=sort_by,
            descending=descending,
            proxy_type=proxy_type,
            is_active=is_active,
        )


def create_proxy(
    uow: UnitOfWork,
    caller: Caller,
    new: NewProxy,
    sealer: SecretSealer,
    clock: Clock = utc_now,
) -> ProxyConfigRow:
    now = clock()
    proxy = ProxyConfigRow(
        user_id=caller.user_id,
        name=new.name,
        type=new.type,
        host=new.host,
        port=new.port,
        username=new.username,
        created_at=now,
        updated_at=now,
    )
    proxy.sealed_password = _seal(sealer, proxy, PASSWORD_COLUMN, new.password)
    proxy.sealed_v2ray_config = _seal(sealer, proxy, V2RAY_COLUMN, new.v2ray_config_json)
    with uow:
        uow.proxies.add(proxy)
        uow.commit()
        return proxy


def update_proxy(
    uow: UnitOfWork,
    caller: Caller,
    proxy_config_id: str,
    sealer: SecretSealer,
    changes: ProxyChanges,
    *,
    clock: Clock = utc_now,
) -> ProxyConfigRow:
    with uow:
        proxy = owned_proxy(uow, caller, proxy_config_id)
        changed = apply_changes(proxy, changes, except_for={"password"})
        if changes.password is not UNCHANGED:
            # Stored only sealed, in its own column.
            proxy.sealed_password = _seal(sealer, proxy, PASSWORD_COLUMN, changes.password)
        if forgets_last_test(changed):
            # The last test was of another proxy, in effect: forget it.
            _record(proxy, None, None)
        proxy.updated_at = clock()
        uow.commit()
        return proxy


def delete_proxy(uow: UnitOfWork, caller: Caller, proxy_config_id: str) -> None:
    with uow:
        proxy = owned_proxy(uow, caller, proxy_config_id)
        uow.accounts.detach_proxy(proxy.id)  # same transaction: no account points nowhere
        uow.proxies.delete(proxy)
        uow.commit()


async def run_proxy_test(
    uow: UnitOfWork,
    caller: Caller,
    proxy_config_id: str,
    sealer: SecretSealer,
    settings: ProbeSettings,
    *,
    prober: Prober = probe,
    clock: Clock = utc_now,
) -> ProbeResult:
    """Test the proxy over the network and keep the result on it.

    The network part holds no transaction; the database parts before and after it
    are short transactions, run as every call's are (db.call_runners).
    """
    try:
        target = await on_event_loop(_probe_target, uow, caller, proxy_config_id, sealer)
    except SealedSecretError:
        # The proxy works or not regardless; what failed is reading our own copy of
        # its password. Say so as a result, like every other reason a test fails.
        result = ProbeResult(success=False, latency_ms=0, error=UNREADABLE_PASSWORD)
    else:
        result = await prober(target, settings)
    await on_event_loop(_store_result, uow, caller, proxy_config_id, result, clock())
    return result


def _probe_target(
    uow: UnitOfWork, caller: Caller, proxy_config_id: str, sealer: SecretSealer
) -> ProbeTarget:
    with uow:
        proxy = owned_proxy(uow, caller, proxy_config_id)
        return ProbeTarget(
            type=proxy.type,
            host=proxy.host,
            port=proxy.port,
            username=proxy.username,
            password=opened_password(sealer, proxy),
        )


def _store_result(
    uow: UnitOfWork, caller: Caller, proxy_config_id: str, result: ProbeResult, now: datetime
) -> None:
    with uow:
        proxy = owned_proxy(uow, caller, proxy_config_id)
        _record(proxy, result, now)
        uow.commit()


def _record(proxy: ProxyConfigRow, result: ProbeResult | None, tested_at: datetime | None) -> None:
    proxy.last_tested_at = tested_at
    proxy.test_success = result.success if result else None
    proxy.test_latency_ms = result.latency_ms if result else None
    proxy.test_error = result.error if result else None
