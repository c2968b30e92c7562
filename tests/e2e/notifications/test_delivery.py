"""From ``notifications.send`` to a mailbox and back: the whole way of an email.

A live server with its in-process sender delivers to a real SMTP server on loopback
(aiosmtpd); the test reads what arrives, then follows the email's own one-click
unsubscribe link, as a mail client does, and sees the next email of that type skipped
while another type still arrives.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from email.message import EmailMessage
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

from tests.e2e.browser import call
from tests.e2e.conftest import Account, LiveServer, create_admin_account, result_of
from tests.e2e.notifications.helpers import create_customer, send_params
from tests.integration.email_sender.outbox import SmtpServer, running_smtp_server

PUBLIC_URL = "https://shop.example"
# Never a measured duration: only how long to wait before calling delivery broken.
WAIT_SECONDS = 30


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    yield from running_smtp_server()


@pytest.fixture
def mailing_server(start_server: Callable[..., LiveServer], smtp: SmtpServer) -> LiveServer:
    """A server whose own sender delivers to ``smtp`` right away."""
    return start_server(
        smtp_host=smtp.host,
        smtp_port=smtp.port,
        smtp_security="none",
        send_emails_in_server=True,
        email_poll_interval_seconds=0.05,
        public_url=PUBLIC_URL,
    )


def wait_for_messages(smtp: SmtpServer, count: int) -> list[EmailMessage]:
    deadline = time.monotonic() + WAIT_SECONDS
    while len(smtp.handler.received) < count:
        if time.monotonic() > deadline:
            raise AssertionError(f"{len(smtp.handler.received)} of {count} emails arrived")
        time.sleep(0.05)
    return list(smtp.handler.received)


def wait_for_status(
    client: httpx.Client, admin: Account, email_id: str, status: str
) -> dict[str, Any]:
    """The email as the log shows it, once it has ``status``."""
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        log = result_of(call(client, admin, "notifications.getLog", {}))
        [logged] = [email for email in log["emails"] if email["id"] == email_id]
        if logged["status"] == status or time.monotonic() > deadline:
            assert logged["status"] == status, logged
            return dict(logged)
        time.sleep(0.05)


def body(message: EmailMessage, subtype: str) -> str:
    part = message.get_body(preferencelist=(subtype,))
    assert part is not None, f"no text/{subtype} part"
    content: str = part.get_content()
    return content


def on_this_server(server: LiveServer, link: str) -> str:
    """The link as this test's server serves it: its path and query (the public base a
    customer would reach is the configured PUBLIC_URL, which the link must start with)."""
    assert link.startswith(f"{PUBLIC_URL}/unsubscribe?"), link
    parts = urlsplit(link)
    return f"{server.url}{parts.path}?{parts.query}"


def test_an_email_arrives_and_its_one_click_link_stops_that_type_only(
    mailing_server: LiveServer, smtp: SmtpServer
) -> None:
    server = mailing_server
    with httpx.Client(base_url=server.url, timeout=30) as client:
        admin = create_admin_account(server)
        customer = create_customer(client, admin)
        sent = call(client, admin, "notifications.send", send_params(customer["email"]))
        email_id = result_of(sent)["emailId"]

        [message] = wait_for_messages(smtp, 1)
        assert message["To"].addresses[0].addr_spec == customer["email"]
        assert "SV-1" in message["Subject"]
        assert message["Message-ID"].startswith(f"<{email_id}@")
        link = message["List-Unsubscribe"].strip("<>")
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        # Written as the URL itself, on one line: mail clients read no encoded words there.
        assert f"\r\nList-Unsubscribe: <{link}>\r\n".encode() in smtp.handler.raw[0]
        assert link in body(message, "plain")
        assert link.replace("&", "&amp;") in body(message, "html")
        # The server took it; the sender records that just after.
        logged = wait_for_status(client, admin, email_id, "sent")
        assert logged["sent_at"] is not None

        # What a mail client's unsubscribe button sends (RFC 8058).
        clicked = client.post(
            on_this_server(server, link),
            content="List-Unsubscribe=One-Click",
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        assert clicked.status_code == 200

        again = call(client, admin, "notifications.send", send_params(customer["email"]))
        assert result_of(again) == {"success": True, "skipped": True, "reason": "unsubscribed"}
        other = send_params(customer["email"], "service_completed")
        result_of(call(client, admin, "notifications.send", other))

        messages = wait_for_messages(smtp, 2)
    assert len(messages) == 2
    assert messages[1]["To"].addresses[0].addr_spec == customer["email"]
    assert messages[1]["List-Unsubscribe"].strip("<>").endswith("&type=service_completed")
