"""How `switchyard serve` configures uvicorn, and when it refuses several workers."""

from __future__ import annotations

import pytest
import uvicorn
from starlette.applications import Starlette
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from switchyard import server
from switchyard.server import UVICORN_OPTIONS, check_workers_share_state, require_fast_stack
from switchyard.settings import ConfigurationError, Settings

POSTGRES = "postgresql+psycopg://db/app"
REDIS = "redis://cache:6379/0"


def test_uvicorn_never_rewrites_the_client_address_itself(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Even where the environment tells uvicorn to trust everyone.
    monkeypatch.setenv("FORWARDED_ALLOW_IPS", "*")
    config = uvicorn.Config(Starlette(), **UVICORN_OPTIONS)
    config.load()

    assert not isinstance(config.loaded_app, ProxyHeadersMiddleware)
    assert config.proxy_headers is False


def test_uvicorn_runs_on_uvloop_and_httptools() -> None:
    config = uvicorn.Config(Starlette(), **UVICORN_OPTIONS)
    config.load()

    assert config.http_protocol_class is HttpToolsProtocol
    assert config.get_loop_factory() is not None
    assert config.get_loop_factory().__module__.startswith("uvloop")


def test_a_missing_part_of_the_fast_stack_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    require_fast_stack()
    monkeypatch.setattr(server, "FAST_STACK", ("uvloop", "switchyard_no_such_loop"))
    with pytest.raises(ConfigurationError, match="switchyard_no_such_loop not installed"):
        require_fast_stack()


@pytest.mark.parametrize(
    "settings",
    [
        Settings(DATABASE_URL=POSTGRES, REDIS_URL=REDIS),
        # Without rate limits there is nothing to count, so nothing to share.
        Settings(DATABASE_URL=POSTGRES, REDIS_URL=None, rate_limits_enabled=False),
    ],
)
def test_several_workers_with_shared_state_are_allowed(settings: Settings) -> None:
    check_workers_share_state(settings, 4, allow_local_state=False)


@pytest.mark.parametrize(
    ("settings", "named"),
    [
        (Settings(DATABASE_URL=None, REDIS_URL=REDIS), "DATABASE_URL"),
        (Settings(DATABASE_URL="sqlite:///var/app.db", REDIS_URL=REDIS), "DATABASE_URL"),
        (Settings(DATABASE_URL=POSTGRES, REDIS_URL=None), "REDIS_URL"),
    ],
)
def test_several_workers_with_local_state_are_refused_unless_allowed(
    settings: Settings, named: str
) -> None:
    with pytest.raises(ConfigurationError, match=f"{named}.*--allow-local-state"):
        check_workers_share_state(settings, 2, allow_local_state=False)
    check_workers_share_state(settings, 2, allow_local_state=True)
    check_workers_share_state(settings, 1, allow_local_state=False)


def test_fewer_than_one_worker_is_refused() -> None:
    with pytest.raises(ConfigurationError, match="at least 1"):
        check_workers_share_state(Settings(), 0, allow_local_state=True)
