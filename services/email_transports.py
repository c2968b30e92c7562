"""Where a sender hands an email: an SMTP server (aiosmtplib), or .eml files on disk.

A transport delivers one message or raises ``DeliveryError`` with the server's answer
and whether it is permanent. It never puts the SMTP password into that answer: it is
recorded on the row and shown by ``notifications.getLog``.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from datetime import UTC
from email.message import EmailMessage
from pathlib import Path
from typing import Any, Literal, Protocol

import aiosmtplib
import anyio
from anyio import to_thread

from db.repositories.email_delivery import OutgoingEmail
from services.email_delivery_rules import DeliveryError
from services.email_message import envelope_sender, message_bytes

# Answers to the message's own transaction (MAIL FROM, RCPT TO, DATA). A 5xx there
# refuses this email for good; a 5xx elsewhere (greeting, AUTH, STARTTLS) is about the
# server or our settings, and retrying after they are fixed can succeed.
_MESSAGE_ANSWERS = (
    aiosmtplib.SMTPSenderRefused,
    aiosmtplib.SMTPRecipientRefused,
    aiosmtplib.SMTPDataError,
)


class Transport(Protocol):
    async def deliver(self, email: OutgoingEmail, message: EmailMessage) -> None: ...


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    username: str | None
    password: str | None
    security: Literal["none", "starttls", "tls"]
    timeout_seconds: float
    ca_file: Path | None = None

    def __repr__(self) -> str:
        # The password never reaches a log line or a traceback's locals.
        return f"SmtpSettings(host={self.host!r}, port={self.port}, security={self.security!r})"


class SmtpTransport:
    """One SMTP connection per email, bounded by the settings' timeout as a whole."""

    def __init__(self, settings: SmtpSettings) -> None:
        self._settings = settings

    def options(self) -> dict[str, Any]:
        """What aiosmtplib.send is given besides the message."""
        settings = self._settings
        return {
            "hostname": settings.host,
            "port": settings.port,
            "username": settings.username,
            "password": settings.password,
            "use_tls": settings.security == "tls",
            # False, not None: "none" must not upgrade on its own, and "starttls" must
            # fail rather than send in clear text to a server that does not offer it.
            "start_tls": settings.security == "starttls",
            "timeout": settings.timeout_seconds,
            "cert_bundle": str(settings.ca_file) if settings.ca_file else None,
        }

    async def deliver(self, email: OutgoingEmail, message: EmailMessage) -> None:
        try:
            with anyio.fail_after(self._settings.timeout_seconds):
                await aiosmtplib.send(
                    message_bytes(message),
                    sender=envelope_sender(message),
                    recipients=[email.recipient_email],
                    **self.options(),
                )
        except TimeoutError as error:
            raise DeliveryError(
                f"no answer within {self._settings.timeout_seconds:g} s", permanent=False
            ) from error
        except aiosmtplib.SMTPRecipientsRefused as error:
            raise _answer_failure(error.recipients[0], for_the_message=True) from error
        except aiosmtplib.SMTPResponseException as error:
            raise _answer_failure(
                error, for_the_message=isinstance(error, _MESSAGE_ANSWERS)
            ) from error
        except (aiosmtplib.SMTPException, OSError) as error:
            # No connection, a dropped one, a TLS handshake that failed.
            raise DeliveryError(str(error) or type(error).__name__, permanent=False) from error


def _answer_failure(
    error: aiosmtplib.SMTPResponseException, *, for_the_message: bool
) -> DeliveryError:
    return DeliveryError(
        f"{error.code} {error.message}", permanent=for_the_message and 500 <= error.code < 600
    )


class EmlFileTransport:
    """The embedded default: each email as ``<directory>/<created>-<id>.eml``."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def path_of(self, email: OutgoingEmail) -> Path:
        created = email.created_at.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
        return self.directory / f"{created}-{email.id}.eml"

    async def deliver(self, email: OutgoingEmail, message: EmailMessage) -> None:
        try:
            await to_thread.run_sync(self._write, self.path_of(email), message)
        except OSError as error:
            raise DeliveryError(
                f"could not write the .eml file: {error.strerror or error}", permanent=False
            ) from error

    def _write(self, path: Path, message: EmailMessage) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Written aside, then renamed: a reader never sees half a message.
        descriptor, temporary = tempfile.mkstemp(dir=path.parent, suffix=".part")
        try:
            with os.fdopen(descriptor, "wb") as file:
                file.write(message_bytes(message))
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
