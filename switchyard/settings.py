"""One typed settings object, read from the environment once by the app factory.

Variables carry the ``SWITCHYARD_`` prefix, except ``DATABASE_URL`` and ``REDIS_URL``,
which keep the names every hosting platform and tool already uses.
"""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AliasChoices, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict


class ConfigurationError(RuntimeError):
    """The settings cannot work as given; the message says what to set."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="SWITCHYARD_", extra="ignore")

    env: Literal["development", "production"] = "development"
    data_dir: Path = Path("var")
    database_url: str | None = Field(
        default=None, validation_alias=AliasChoices("DATABASE_URL", "SWITCHYARD_DATABASE_URL")
    )
    redis_url: str | None = Field(
        default=None, validation_alias=AliasChoices("REDIS_URL", "SWITCHYARD_REDIS_URL")
    )
    secret_key: SecretStr | None = None
    # admin.setup (service-center contract): the setup password guards it; the admin's
    # account is taken from these when it is first created or reset.
    setup_password: SecretStr | None = None
    admin_email: str | None = None
    admin_password: SecretStr | None = None
    admin_name: str = "Administrator"

    log_level: str = "INFO"
    rate_limits_enabled: bool = True
    rate_limit_key_prefix: str = "switchyard"
    max_batch_size: int = Field(default=100, ge=1)
    max_body_bytes: int = Field(default=1_048_576, ge=1024)
    cors_origins: Annotated[list[str], NoDecode] = Field(default_factory=list)

    access_token_ttl_minutes: int = Field(default=8 * 60, ge=1)
    refresh_token_ttl_days: int = Field(default=30, ge=1)
    # Argon2id cost (RPMA contract: 32 MiB, 3 passes, 4 lanes).
    password_memory_kib: int = Field(default=32 * 1024, ge=8)
    password_time_cost: int = Field(default=3, ge=1)
    password_parallelism: int = Field(default=4, ge=1)

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _split_origins(cls, value: object) -> object:
        # "https://a.example, https://b.example" reads better in an env file than JSON.
        if isinstance(value, str):
            return [origin.strip() for origin in value.split(",") if origin.strip()]
        return value

    @property
    def uses_embedded_database(self) -> bool:
        return self.database_url is None

    @property
    def sqlite_path(self) -> Path:
        return self.data_dir / "switchyard.db"

    @property
    def secret_key_path(self) -> Path:
        return self.data_dir / "secret_key"


def resolve_secret_key(settings: Settings) -> str:
    """The signing key: configured, or (embedded default only) generated and kept on disk.

    A production deployment must configure its key: a generated one would differ per
    worker and would silently log everyone out on every redeploy.
    """
    if settings.secret_key is not None and settings.secret_key.get_secret_value():
        key = settings.secret_key.get_secret_value()
        if len(key) < 32:
            raise ConfigurationError("SWITCHYARD_SECRET_KEY must be at least 32 characters long")
        return key
    if settings.env == "production" or not settings.uses_embedded_database:
        raise ConfigurationError(
            "SWITCHYARD_SECRET_KEY is not set. Production mode (SWITCHYARD_ENV=production or "
            "an external DATABASE_URL) needs a signing key of at least 32 characters, "
            'e.g. python -c "import secrets; print(secrets.token_urlsafe(48))"'
        )
    path = settings.secret_key_path
    if path.exists():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    path.touch(mode=0o600)
    path.write_text(key + "\n")
    return key
