"""The MIME message of a queued email: headers and the two bodies it was rendered with.

Nothing is rendered here: the subject and bodies were rendered when the email was
queued, so what the log shows is what goes out.
"""

import io
from datetime import datetime
from email import policy
from email.generator import BytesGenerator
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr

from db.repositories.email_delivery import OutgoingEmail

# How messages are written out: CRLF line ends, and headers folded at whitespace only
# past RFC 5322's hard limit of 998 characters a line. At the usual 78, a header with no
# whitespace to fold at, such as List-Unsubscribe's URL, would be cut into RFC 2047
# encoded words, which mail clients do not read back as a URL.
WIRE_POLICY = policy.SMTP.clone(max_line_length=998)


def message_bytes(message: EmailMessage) -> bytes:
    """``message`` as it goes out (to the SMTP server, or into an .eml file)."""
    with io.BytesIO() as buffer:
        BytesGenerator(buffer, policy=WIRE_POLICY).flatten(message)
        return buffer.getvalue()


def envelope_sender(message: EmailMessage) -> str:
    """The address of the message's From, for SMTP's MAIL FROM."""
    return str(message["From"].addresses[0].addr_spec)


def message_id(email_id: str, mail_from: str) -> str:
    """The Message-ID of an email: its outbox id at the sender's domain.

    The same on every attempt, so a receiving system can tell a resent email (a
    sender whose claim ran out mid-send) from a new one.
    """
    _, address = parseaddr(mail_from)
    _, at, domain = address.rpartition("@")
    return f"<{email_id}@{domain if at and domain else 'localhost'}>"


def build_message(email: OutgoingEmail, *, mail_from: str, now: datetime) -> EmailMessage:
    """``email`` as multipart/alternative (plain text, then HTML), ready to send."""
    message = EmailMessage()
    message["From"] = mail_from
    local_part, _, domain = email.recipient_email.rpartition("@")
    message["To"] = Address(display_name=email.recipient_name, username=local_part, domain=domain)
    message["Subject"] = email.subject
    message["Date"] = format_datetime(now)
    message["Message-ID"] = message_id(email.id, mail_from)
    if email.unsubscribe_url is not None:
        # RFC 8058: mail clients show an unsubscribe button that POSTs
        # "List-Unsubscribe=One-Click" to the URL, without opening a page.
        message["List-Unsubscribe"] = f"<{email.unsubscribe_url}>"
        message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message.set_content(email.text_body)
    message.add_alternative(email.html_body, subtype="html")
    return message
