"""Settings of the browser namespaces: rate-limit overrides, the data key, proxy.test."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from rpc import RateLimit
from switchyard.app import create_app
from switchyard.settings import (
    ConfigurationError,
    Settings,
    parse_rate_limit_overrides,
    resolve_data_key,
)

KEY = "k" * 40


def test_overrides_are_read_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(
        "SWITCHYARD_RATE_LIMIT_OVERRIDES", "account.create=20/hour, proxy.test=5/minute"
    )
    settings = Settings(data_dir=tmp_path)
    assert settings.rate_limit_overrides == {
        "account.create": RateLimit(20, "hour"),
        "proxy.test": RateLimit(5, "minute"),
    }


@pytest.mark.parametrize(
    "text",
    ["account.create=20/fortnight", "account.create=20", "=5/hour", "a.b=x/hour", "a.b=0/hour"],
)
def test_malformed_overrides_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="rate limit"):
        parse_rate_limit_overrides(text)


def test_an_empty_override_list_means_none() -> None:
    assert parse_rate_limit_overrides(" , ") == {}


def test_an_override_of_an_unknown_procedure_stops_start_up(tmp_path: Path) -> None:
    settings = Settings(
        data_dir=tmp_path, secret_key=KEY, rate_limit_overrides="acount.create=1/hour"
    )
    with pytest.raises(ConfigurationError, match=r"unknown procedures: acount\.create"):
        create_app(settings)


def test_the_data_key_defaults_to_the_signing_key(tmp_path: Path) -> None:
    assert resolve_data_key(Settings(data_dir=tmp_path), KEY) == KEY
    own = "d" * 32
    assert resolve_data_key(Settings(data_dir=tmp_path, data_key=own), KEY) == own
    with pytest.raises(ConfigurationError, match="SWITCHYARD_DATA_KEY"):
        resolve_data_key(Settings(data_dir=tmp_path, data_key="short"), KEY)


def test_proxy_test_target_is_host_and_port(tmp_path: Path) -> None:
    assert Settings(
        data_dir=tmp_path, proxy_test_target="[::1]:8443"
    ).proxy_test_target_address == (
        "::1",
        8443,
    )
    with pytest.raises(ValidationError, match="host:port"):
        Settings(data_dir=tmp_path, proxy_test_target="example.com")
    with pytest.raises(ValidationError):
        Settings(data_dir=tmp_path, proxy_test_timeout_seconds=0)
