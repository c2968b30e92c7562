"""One typed settings object, read from the environment once by the app factory.

Variables carry the ``SWITCHYARD_`` prefix, except ``DATABASE_URL`` and ``REDIS_URL``,
which keep the names every hosting platform and tool already uses.
"""

from __future__ import annotations

import secrets
from email.utils import parseaddr
from pathlib import Path
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import (
    AliasChoices,
    Field,
    IPvAnyNetwork,
    SecretStr,
    field_validator,
    model_validator,
)
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from rpc import RateLimit
from services.file_storage import detectable_types

# Photos of devices and scanned receipts.
DEFAULT_FILE_TYPES = ("image/jpeg", "image/png", "image/webp", "application/pdf")


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

    # Key material for sealing proxy passwords and v2ray secrets at rest (HKDF-derived).
    # Unset: derived from the signing key; set it to rotate one without the other.
    data_key: SecretStr | None = None

    log_level: str = "INFO"
    rate_limits_enabled: bool = True
    rate_limit_key_prefix: str = "switchyard"
    # "account.create=20/hour,proxy.test=5/hour": replaces the published defaults.
    rate_limit_overrides: Annotated[dict[str, RateLimit], NoDecode] = Field(default_factory=dict)
    # Redis for the limits: how long connecting or one command may take, and, while it
    # is down (limits are then counted per process), how often to try it again.
    rate_limit_redis_timeout_seconds: float = Field(default=0.25, gt=0, le=30)
    rate_limit_redis_retry_seconds: float = Field(default=5.0, gt=0, le=3600)
    # /healthz: how long each dependency's check may take before it counts as down.
    health_check_timeout_seconds: float = Field(default=1.0, gt=0, le=30)

    # proxy.test: how long one test may take, what HTTP and SOCKS4 proxies are asked to
    # CONNECT to, and whether proxies on loopback/private/link-local addresses may be
    # tested (off: the endpoint must not become a scanner of the server's network).
    proxy_test_timeout_seconds: float = Field(default=5.0, gt=0, le=60)
    proxy_test_target: str = "example.com:443"
    proxy_test_allow_private: bool = False
    max_batch_size: int = Field(default=100, ge=1)
    # 4 MiB: the largest call the contract asks for, inventory.bulkImport's 10,000 rows,
    # is 1.5-4 MiB of JSON for rows of common size (a serial, a model, a warehouse, a
    # few dates and a supplier); parsing that much takes milliseconds.
    max_body_bytes: int = Field(default=4_194_304, ge=1024)
    cors_origins: Annotated[list[str], NoDecode] = Field(default_factory=list)
    # The reverse proxies and load balancers in front of the server ("10.0.0.5,
    # 10.1.0.0/16"). Only a request from one of them may name its client in
    # X-Forwarded-For; with none, the peer's own address is the client's, whatever the
    # request says. The address counts anonymous callers for rate limits.
    trusted_proxies: Annotated[list[IPvAnyNetwork], NoDecode] = Field(default_factory=list)

    access_token_ttl_minutes: int = Field(default=8 * 60, ge=1)
    refresh_token_ttl_days: int = Field(default=30, ge=1)
    # Argon2id cost; the defaults are 32 MiB, 3 passes and 4 lanes.
    password_memory_kib: int = Field(default=32 * 1024, ge=8)
    password_time_cost: int = Field(default=3, ge=1)
    password_parallelism: int = Field(default=4, ge=1)
    # How many Argon2 runs at once (unset: enough for their lanes, the parallelism
    # above, to fill the usable cores; each run holds the memory cost above), how many
    # callers may wait for one, and for how long at most before they are told
    # TOO_MANY_REQUESTS.
    password_hashing_slots: int | None = Field(default=None, ge=1)
    password_hashing_queue: int = Field(default=32, ge=0)
    password_hashing_wait_seconds: float = Field(default=3.0, gt=0, le=60)

    # Emails: the base of the links they carry (the unsubscribe page is served here).
    public_url: str = "http://127.0.0.1:8000"
    # The email sender (services/email_sender.py). No SMTP host: the embedded default
    # writes each email as an .eml file under <data_dir>/outbox and marks it sent.
    smtp_host: str | None = None
    # Unset: the port of the security mode (25 for none, 587 for starttls, 465 for tls).
    smtp_port: int | None = Field(default=None, ge=1, le=65535)
    smtp_username: str | None = None
    smtp_password: SecretStr | None = None
    # none: plain text (a relay on the same host); starttls: upgrade after connecting,
    # refusing a server that cannot; tls: TLS from the first byte (SMTPS).
    smtp_security: Literal["none", "starttls", "tls"] = "starttls"
    # A CA bundle to verify the SMTP server's certificate with (a private CA); unset:
    # the system's.
    smtp_ca_file: Path | None = None
    # How long one email's delivery may take, connecting included.
    smtp_timeout_seconds: float = Field(default=30.0, gt=0, le=600)
    mail_from: str = "Switchyard <switchyard@localhost>"
    # A transient failure (a 4xx answer, no connection) is retried this many times,
    # with exponential backoff from email_backoff_base_seconds, before the email fails.
    max_retries: int = Field(default=3, ge=0, le=20)
    email_backoff_base_seconds: float = Field(default=60.0, gt=0)
    # switchyard serve runs a sender in each worker process unless this is off (then
    # run `switchyard worker` somewhere). Claims keep several senders from sending an
    # email twice.
    send_emails_in_server: bool = True
    # How often an idle sender looks for due emails, how many it claims at once, and
    # how long a claim holds (longer than one delivery may take: a claim that runs out
    # lets another sender take the email).
    email_poll_interval_seconds: float = Field(default=5.0, gt=0, le=3600)
    email_batch_size: int = Field(default=10, ge=1, le=500)
    email_lease_seconds: float = Field(default=60.0, gt=0)

    # Tickets' files (POST /files): the folder their bytes are kept in (unset:
    # <data_dir>/files), the largest file accepted, and the types accepted, as read from
    # the file's own bytes ("image/jpeg,image/png"; each one the signatures can tell).
    files_dir: Path | None = None
    max_upload_bytes: int = Field(default=10 * 1024 * 1024, ge=1024, le=1024 * 1024 * 1024)
    allowed_file_types: Annotated[list[str], NoDecode] = Field(
        default_factory=lambda: list(DEFAULT_FILE_TYPES)
    )

    @field_validator("database_url", "redis_url", "smtp_host", mode="before")
    @classmethod
    def _empty_means_unset(cls, value: object) -> object:
        # "REDIS_URL=" in an env file or a compose file means "none", not a URL that
        # fails when the first request needs it.
        return None if value == "" else value

    @field_validator("mail_from")
    @classmethod
    def _check_mail_from(cls, value: str) -> str:
        # "Name <address>" or a bare address: the SMTP envelope's sender is taken from it.
        _, address = parseaddr(value)
        local_part, at, domain = address.rpartition("@")
        if not (local_part and at and domain):
            raise ValueError('must be an email address, e.g. "Service <service@example.com>"')
        return value

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _split_origins(cls, value: object) -> object:
        # "https://a.example, https://b.example" reads better in an env file than JSON.
        if isinstance(value, str):
            return [origin.strip() for origin in value.split(",") if origin.strip()]
        return value

    @field_validator("trusted_proxies", mode="before")
    @classmethod
    def _split_trusted_proxies(cls, value: object) -> object:
        if isinstance(value, str):
            return [address.strip() for address in value.split(",") if address.strip()]
        return value

    @field_validator("allowed_file_types", mode="before")
    @classmethod
    def _split_file_types(cls, value: object) -> object:
        if isinstance(value, str):
            return [name.strip().lower() for name in value.split(",") if name.strip()]
        return value

    @field_validator("allowed_file_types")
    @classmethod
    def _check_file_types(cls, value: list[str]) -> list[str]:
        # A type the signatures cannot tell would never match: a typo allowing nothing.
        unknown = sorted(set(value) - detectable_types())
        if unknown:
            raise ValueError(f"not file types the server can tell from their bytes: {unknown}")
        if not value:
            raise ValueError("at least one file type must be allowed")
        return value

    @field_validator("rate_limit_overrides", mode="before")
    @classmethod
    def _parse_rate_limit_overrides(cls, value: object) -> object:
        if isinstance(value, str):
            return parse_rate_limit_overrides(value)
        return value

    @field_validator("proxy_test_target")
    @classmethod
    def _check_proxy_test_target(cls, value: str) -> str:
        split_host_port(value)
        return value

    @field_validator("public_url")
    @classmethod
    def _check_public_url(cls, value: str) -> str:
        # Emails carry links built on it: a typo must stop the start, not every link.
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.netloc or parts.query:
            raise ValueError("public_url must be an http(s) URL such as https://shop.example")
        return value.rstrip("/")

    @model_validator(mode="after")
    def _lease_outlasts_a_delivery(self) -> Settings:
        # A claim that ran out while its sender still delivers lets a second sender
        # send the same email.
        if self.email_lease_seconds <= self.smtp_timeout_seconds:
            raise ValueError(
                "SWITCHYARD_EMAIL_LEASE_SECONDS must be longer than SWITCHYARD_SMTP_TIMEOUT_SECONDS"
            )
        return self

    @property
    def smtp_port_or_default(self) -> int:
        if self.smtp_port is not None:
            return self.smtp_port
        return {"none": 25, "starttls": 587, "tls": 465}[self.smtp_security]

    @property
    def outbox_dir(self) -> Path:
        """Where the embedded default (no SMTP host) writes the emails it would send."""
        return self.data_dir / "outbox"

    @property
    def files_root(self) -> Path:
        """Where tickets' files are kept."""
        return self.files_dir if self.files_dir is not None else self.data_dir / "files"

    @property
    def proxy_test_target_address(self) -> tuple[str, int]:
        return split_host_port(self.proxy_test_target)

    @property
    def uses_embedded_database(self) -> bool:
        return self.database_url is None

    @property
    def secret_key_path(self) -> Path:
        return self.data_dir / "secret_key"


_WINDOWS = ("second", "minute", "hour", "day")


def parse_rate_limit_overrides(text: str) -> dict[str, RateLimit]:
    """``"account.create=20/hour, proxy.test=5/hour"`` as procedure name → limit."""
    overrides: dict[str, RateLimit] = {}
    for entry in filter(None, (part.strip() for part in text.split(","))):
        name, _, rate = entry.partition("=")
        count, _, window = rate.strip().partition("/")
        if not name.strip() or not count.strip().isdigit() or window.strip() not in _WINDOWS:
            raise ValueError(
                f"rate limit override {entry!r} must look like procedure.name=COUNT/WINDOW "
                f"with WINDOW one of {', '.join(_WINDOWS)}"
            )
        overrides[name.strip()] = RateLimit(int(count), window.strip())  # type: ignore[arg-type]
    return overrides


def check_rate_limit_overrides(settings: Settings, procedures: set[str]) -> None:
    """Refuse overrides for procedures that do not exist: a typo must not go unnoticed."""
    unknown = sorted(set(settings.rate_limit_overrides) - procedures)
    if unknown:
        raise ConfigurationError(
            f"SWITCHYARD_RATE_LIMIT_OVERRIDES names unknown procedures: {', '.join(unknown)}"
        )


def split_host_port(value: str) -> tuple[str, int]:
    """``host:port`` (``[v6]:port`` for IPv6) as its parts, or ValueError."""
    host, _, port = value.rpartition(":")
    host = host.removeprefix("[").removesuffix("]")
    if not host or not port.isdigit() or not 1 <= int(port) <= 65535:
        raise ValueError(f"{value!r} must be host:port with a port of 1-65535")
    return host, int(port)


def resolve_data_key(settings: Settings, secret_key: str) -> str:
    """Key material for sealing secrets at rest: its own setting, or the signing key."""
    if settings.data_key is not None and settings.data_key.get_secret_value():
        key = settings.data_key.get_secret_value()
        if len(key) < 32:
            raise ConfigurationError("SWITCHYARD_DATA_KEY must be at least 32 characters long")
        return key
    return secret_key


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
