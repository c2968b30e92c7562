"""Settings: environment names, the signing key rules, list parsing."""

from __future__ import annotations

from ipaddress import ip_network
from pathlib import Path

import pytest
from pydantic import ValidationError

from switchyard.settings import ConfigurationError, Settings, resolve_secret_key


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    # These tests say what the settings read; the suite's own DATABASE_URL must not leak in.
    for name in (
        "DATABASE_URL",
        "REDIS_URL",
        "SWITCHYARD_SECRET_KEY",
        "SWITCHYARD_ENV",
        "SWITCHYARD_TRUSTED_PROXIES",
    ):
        monkeypatch.delenv(name, raising=False)


def test_embedded_default_generates_a_key_once_and_keeps_it(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path)
    first = resolve_secret_key(settings)
    assert len(first) >= 32
    assert settings.secret_key_path.read_text().strip() == first
    assert settings.secret_key_path.stat().st_mode & 0o077 == 0, "key file must be private"
    assert resolve_secret_key(settings) == first


def test_external_database_needs_a_configured_key(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, DATABASE_URL="postgresql+psycopg://db/app")
    with pytest.raises(ConfigurationError, match="SWITCHYARD_SECRET_KEY is not set"):
        resolve_secret_key(settings)


def test_production_mode_needs_a_configured_key(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match="SWITCHYARD_SECRET_KEY is not set"):
        resolve_secret_key(Settings(data_dir=tmp_path, env="production"))


def test_a_short_key_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match="at least 32 characters"):
        resolve_secret_key(Settings(data_dir=tmp_path, secret_key="short"))


def test_environment_variables_are_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://db/app")
    monkeypatch.setenv("REDIS_URL", "redis://cache:6379/0")
    monkeypatch.setenv("SWITCHYARD_MAX_BATCH_SIZE", "7")
    monkeypatch.setenv("SWITCHYARD_CORS_ORIGINS", "https://a.example, https://b.example")
    monkeypatch.setenv("SWITCHYARD_RATE_LIMITS_ENABLED", "false")
    settings = Settings()
    assert settings.database_url == "postgresql+psycopg://db/app"
    assert settings.redis_url == "redis://cache:6379/0"
    assert settings.max_batch_size == 7
    assert settings.cors_origins == ["https://a.example", "https://b.example"]
    assert settings.rate_limits_enabled is False
    assert not settings.uses_embedded_database


def test_no_proxy_is_trusted_by_default() -> None:
    assert Settings().trusted_proxies == []


def test_trusted_proxies_are_addresses_and_networks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SWITCHYARD_TRUSTED_PROXIES", "10.0.0.5, 10.1.0.0/16,,fd00::/8 ")
    assert Settings().trusted_proxies == [
        ip_network("10.0.0.5/32"),
        ip_network("10.1.0.0/16"),
        ip_network("fd00::/8"),
    ]


@pytest.mark.parametrize("value", ["*", "load-balancer.internal", "10.0.0.5/16", "10.0.0.300"])
def test_a_trusted_proxy_that_is_no_address_or_network_is_refused(
    monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    # "*" would let any caller choose its address; a host name or a network written
    # with host bits would silently trust something else than meant.
    monkeypatch.setenv("SWITCHYARD_TRUSTED_PROXIES", f"127.0.0.1,{value}")
    with pytest.raises(ValidationError, match="not a valid IPv4 or IPv6 network"):
        Settings()


def test_an_empty_database_or_redis_url_means_unset(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "")
    monkeypatch.setenv("REDIS_URL", "")
    settings = Settings()
    assert settings.database_url is None
    assert settings.redis_url is None
    assert settings.uses_embedded_database


def test_the_public_url_is_an_http_address_without_its_last_slash() -> None:
    assert Settings().public_url == "http://127.0.0.1:8000"
    assert Settings(public_url="https://shop.example/service/").public_url == (
        "https://shop.example/service"
    )
    for wrong in ("shop.example", "ftp://shop.example", "https://", "https://a.example/?x=1"):
        with pytest.raises(ValidationError, match="public_url"):
            Settings(public_url=wrong)


def test_emails_are_retried_three_times_by_default() -> None:
    assert Settings().max_retries == 3
    with pytest.raises(ValidationError):
        Settings(max_retries=-1)
