"""Any rendered email survives the trip to MIME and back; backoffs stay in their bounds."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email import message_from_bytes, policy

from hypothesis import given, settings
from hypothesis import strategies as st

from db.repositories.email_delivery import OutgoingEmail
from services.email_delivery_rules import (
    JITTER_SHARE,
    DeliveryError,
    Failed,
    Retry,
    RetryPolicy,
    outcome_of_failure,
)
from services.email_message import build_message

NOW = datetime(2025, 1, 1, 12, tzinfo=UTC)
# One line of text: what a rendered subject or a name is (no control characters).
one_line = st.text(
    st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1, max_size=120
).filter(lambda text: text.strip() == text)
# Bodies: lines of text, line breaks as "\n" (what the templates render).
body = st.lists(
    st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), max_size=200),
    min_size=1,
    max_size=8,
).map(lambda lines: "\n".join(lines) + "\n")
local_parts = st.from_regex(r"[a-z0-9][a-z0-9._+-]{0,20}", fullmatch=True).filter(
    lambda text: ".." not in text and not text.endswith(".")
)


def _spaced(text: str) -> str:
    return "".join(text.split())


@settings(max_examples=100, deadline=None)
@given(one_line, one_line, body, body, local_parts)
def test_a_rendered_email_comes_back_from_its_mime_message_as_it_was(
    subject: str, name: str, text_body: str, html_body: str, local_part: str
) -> None:
    email = OutgoingEmail(
        id="8a1f6a3e-0000-4000-8000-000000000002",
        email_type="ticket_delivered",
        recipient_email=f"{local_part}@customers.test",
        recipient_name=name,
        subject=subject,
        text_body=text_body,
        html_body=html_body,
        unsubscribe_url=None,
        retry_count=0,
        created_at=NOW,
    )

    wire = build_message(email, mail_from="Desk <desk@repairs.example>", now=NOW).as_bytes()
    parsed = message_from_bytes(wire, policy=policy.default)

    assert parsed["Subject"] == subject
    [to] = parsed["To"].addresses
    # A display name is a phrase: folding may collapse runs of spaces in it, and the
    # stdlib may put a space between the encoded words of a long non-ASCII name.
    assert (_spaced(to.display_name), to.addr_spec) == (_spaced(name), email.recipient_email)
    text = parsed.get_body(preferencelist=("plain",))
    html = parsed.get_body(preferencelist=("html",))
    assert text is not None
    assert html is not None
    assert text.get_content() == text_body
    assert html.get_content() == html_body


@settings(max_examples=200, deadline=None)
@given(
    st.integers(min_value=0, max_value=10),
    st.integers(min_value=0, max_value=10),
    st.floats(min_value=0, max_value=1, exclude_max=True),
    st.integers(min_value=1, max_value=3600),
)
def test_a_transient_failure_waits_its_backoff_or_fails_at_max_retries(
    max_retries: int, retry_count: int, jitter: float, base_seconds: int
) -> None:
    policy_ = RetryPolicy(max_retries=max_retries, backoff_base=timedelta(seconds=base_seconds))
    failure = DeliveryError("421 4.7.0 Closing", permanent=False)

    outcome = outcome_of_failure(
        failure, retry_count=retry_count, policy=policy_, now=NOW, jitter=jitter
    )

    if retry_count >= max_retries:
        assert outcome == Failed("421 4.7.0 Closing")
        return
    assert isinstance(outcome, Retry)
    assert outcome.retry_count == retry_count + 1 <= max_retries
    shortest = timedelta(seconds=base_seconds) * 2**retry_count
    assert shortest <= outcome.next_attempt_at - NOW <= shortest * (1 + JITTER_SHARE)
