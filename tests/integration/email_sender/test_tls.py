"""STARTTLS and implicit TLS against an SMTP server on loopback with a test CA's cert.

The CA file setting is how the transport trusts the server (a private CA); without it
the server's certificate is refused, and nothing is sent in clear text instead.
"""

from __future__ import annotations

import gc
import ssl
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import trustme

from db.repositories.email_delivery import OutgoingEmail
from services.email_delivery_rules import DeliveryError
from services.email_message import build_message
from tests.integration.email_sender.outbox import (
    MAIL_FROM,
    SmtpServer,
    running_smtp_server,
    smtp_transport,
)

# The test server (aiosmtpd) leaves the connection it upgraded with STARTTLS to the
# garbage collector, which reports the unclosed socket: collected in the fixture's
# teardown, so it is reported (and ignored) here, not in some later test.
pytestmark = pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")

NOW = datetime(2025, 1, 1, 12, tzinfo=UTC)
EMAIL = OutgoingEmail(
    id="0b5e6a57-7d1f-4b39-9f4e-2f58a1d0c001",
    email_type="ticket_completed",
    recipient_email="dana@customers.test",
    recipient_name="Dana Ortiz",
    subject="Your repair is done",
    text_body="Ready for pick-up.",
    html_body="<p>Ready for pick-up.</p>",
    unsubscribe_url=None,
    retry_count=0,
    created_at=NOW,
)


@pytest.fixture(scope="module")
def authority() -> trustme.CA:
    return trustme.CA()


@pytest.fixture
def ca_file(authority: trustme.CA, tmp_path: Path) -> Path:
    path = tmp_path / "ca.pem"
    authority.cert_pem.write_to_path(str(path))
    return path


def _server_context(authority: trustme.CA) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    authority.issue_cert("127.0.0.1").configure_cert(context)
    return context


@pytest.fixture
def starttls_smtp(authority: trustme.CA) -> Iterator[SmtpServer]:
    yield from running_smtp_server(tls_context=_server_context(authority), require_starttls=True)
    gc.collect()


@pytest.fixture
def tls_smtp(authority: trustme.CA) -> Iterator[SmtpServer]:
    yield from running_smtp_server(ssl_context=_server_context(authority))
    gc.collect()


@pytest.mark.asyncio
async def test_starttls_upgrades_before_sending(starttls_smtp: SmtpServer, ca_file: Path) -> None:
    transport = smtp_transport(starttls_smtp.port, security="starttls", ca_file=ca_file)

    await transport.deliver(EMAIL, build_message(EMAIL, mail_from=MAIL_FROM, now=NOW))

    [message] = starttls_smtp.handler.received
    assert message["Subject"] == "Your repair is done"


@pytest.mark.asyncio
async def test_implicit_tls_sends_over_tls_from_the_start(
    tls_smtp: SmtpServer, ca_file: Path
) -> None:
    transport = smtp_transport(tls_smtp.port, security="tls", ca_file=ca_file)

    await transport.deliver(EMAIL, build_message(EMAIL, mail_from=MAIL_FROM, now=NOW))

    assert len(tls_smtp.handler.received) == 1


@pytest.mark.asyncio
async def test_an_untrusted_certificate_is_a_transient_failure_and_nothing_is_sent(
    starttls_smtp: SmtpServer,
) -> None:
    transport = smtp_transport(starttls_smtp.port, security="starttls")

    with pytest.raises(DeliveryError) as failure:
        await transport.deliver(EMAIL, build_message(EMAIL, mail_from=MAIL_FROM, now=NOW))

    assert not failure.value.permanent
    assert starttls_smtp.handler.received == []


@pytest.mark.asyncio
async def test_a_server_requiring_starttls_refuses_a_client_set_to_none(
    starttls_smtp: SmtpServer,
) -> None:
    transport = smtp_transport(starttls_smtp.port, security="none")

    with pytest.raises(DeliveryError):
        await transport.deliver(EMAIL, build_message(EMAIL, mail_from=MAIL_FROM, now=NOW))

    assert starttls_smtp.handler.received == []
