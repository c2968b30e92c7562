"""Builds the long-lived collaborators from the settings, once per process."""

from __future__ import annotations

from datetime import timedelta

from pydantic import SecretStr
from sqlalchemy import Engine
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.orm import sessionmaker
from sqlmodel import Session

from db.call_runners import off_the_event_loop
from db.engine import default_sqlite_url, make_call_engine, make_engine
from db.unit_of_work import session_factory
from middleware.context import AdminSetup, AppServices
from middleware.rate_limit_fallback import FailOpenRateLimitStore
from middleware.rate_limit_store import (
    InMemoryRateLimitStore,
    LeasingRateLimitStore,
    RateLimitStore,
    RedisRateLimitStore,
)
from services.clock import utc_now
from services.customer_tokens import CustomerLinkTokens
from services.email_delivery_rules import RetryPolicy
from services.email_sender import EmailSender
from services.email_transports import EmlFileTransport, SmtpSettings, SmtpTransport, Transport
from services.file_storage import FileStorage
from services.hashing_gate import HashingGate, default_slots
from services.notifications.emails import NotificationSetup
from services.notifications.links import UnsubscribeLinks
from services.notifications.rendering import EmailRenderer
from services.passwords import PasswordHasher
from services.proxy_probe import ProbeSettings
from services.sealing import SecretSealer
from services.tokens import TokenService
from switchyard.settings import Settings, resolve_data_key, resolve_secret_key


def database_url(settings: Settings) -> str:
    if settings.database_url is not None:
        return settings.database_url
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    return default_sqlite_url(settings.data_dir)


def build_services(
    settings: Settings, engine: Engine, call_engine: AsyncEngine | None = None
) -> AppServices:
    """The collaborators; calls use ``call_engine`` when there is one (db.engine)."""
    secret_key = resolve_secret_key(settings)
    target_host, target_port = settings.proxy_test_target_address
    customer_links = CustomerLinkTokens(secret_key)
    return AppServices(
        session_factory=session_factory(engine),
        call_sessions=session_factory(call_engine.sync_engine if call_engine else engine),
        hasher=PasswordHasher(
            memory_cost=settings.password_memory_kib,
            time_cost=settings.password_time_cost,
            parallelism=settings.password_parallelism,
            gate=HashingGate(
                slots=(
                    settings.password_hashing_slots or default_slots(settings.password_parallelism)
                ),
                max_waiting=settings.password_hashing_queue,
                wait_seconds=settings.password_hashing_wait_seconds,
            ),
            run=off_the_event_loop,
        ),
        tokens=TokenService(
            secret_key,
            access_ttl=timedelta(minutes=settings.access_token_ttl_minutes),
            refresh_ttl=timedelta(days=settings.refresh_token_ttl_days),
            clock=utc_now,
        ),
        clock=utc_now,
        admin_setup=AdminSetup(
            setup_password=_reveal(settings.setup_password),
            admin_email=settings.admin_email,
            admin_password=_reveal(settings.admin_password),
            admin_name=settings.admin_name,
        ),
        rate_limits=make_rate_limit_store(settings) if settings.rate_limits_enabled else None,
        rate_limit_overrides=settings.rate_limit_overrides,
        sealer=SecretSealer(resolve_data_key(settings, secret_key)),
        proxy_probe=ProbeSettings(
            timeout_seconds=settings.proxy_test_timeout_seconds,
            target_host=target_host,
            target_port=target_port,
            allow_private_addresses=settings.proxy_test_allow_private,
        ),
        customer_links=customer_links,
        notifications=NotificationSetup(
            renderer=EmailRenderer(),
            links=UnsubscribeLinks(settings.public_url, customer_links),
            max_retries=settings.max_retries,
        ),
        files=FileStorage(
            settings.files_root,
            max_bytes=settings.max_upload_bytes,
            allowed_types=settings.allowed_file_types,
        ),
    )


def build_email_sender(settings: Settings, sessions: sessionmaker[Session]) -> EmailSender:
    """A sender of the outbox on ``sessions`` (the sync engine's: see services.email_sender)."""
    return EmailSender(
        sessions,
        make_email_transport(settings),
        mail_from=settings.mail_from,
        policy=RetryPolicy(
            max_retries=settings.max_retries,
            backoff_base=timedelta(seconds=settings.email_backoff_base_seconds),
        ),
        lease=timedelta(seconds=settings.email_lease_seconds),
        batch_size=settings.email_batch_size,
        poll_interval_seconds=settings.email_poll_interval_seconds,
    )


def make_email_transport(settings: Settings) -> Transport:
    """SMTP when a host is set; otherwise .eml files under the data directory."""
    if settings.smtp_host is None:
        return EmlFileTransport(settings.outbox_dir)
    return SmtpTransport(
        SmtpSettings(
            host=settings.smtp_host,
            port=settings.smtp_port_or_default,
            username=settings.smtp_username or None,
            password=_reveal(settings.smtp_password),
            security=settings.smtp_security,
            timeout_seconds=settings.smtp_timeout_seconds,
            ca_file=settings.smtp_ca_file,
        )
    )


def make_rate_limit_store(settings: Settings) -> LeasingRateLimitStore:
    """In memory by default; with REDIS_URL, Redis, falling back to memory while it is down."""
    store: RateLimitStore = InMemoryRateLimitStore()
    if settings.redis_url is not None:
        redis_store = RedisRateLimitStore(
            settings.redis_url,
            settings.rate_limit_key_prefix,
            timeout_seconds=settings.rate_limit_redis_timeout_seconds,
        )
        store = FailOpenRateLimitStore(
            redis_store, retry_seconds=settings.rate_limit_redis_retry_seconds
        )
    return LeasingRateLimitStore(store)


def _reveal(secret: SecretStr | None) -> str | None:
    # An empty variable means "not set", not "the empty password".
    return secret.get_secret_value() or None if secret is not None else None


def open_engine(settings: Settings) -> Engine:
    return make_engine(database_url(settings))


def open_call_engine(settings: Settings, engine: Engine) -> AsyncEngine | None:
    return make_call_engine(database_url(settings), engine)
