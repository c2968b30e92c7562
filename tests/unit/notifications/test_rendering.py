"""Every email type's subject, text body and HTML body, from the package's templates."""

from __future__ import annotations

import pytest

from db.tables.customers import EMAIL_TYPES
from services.notifications.rendering import CONTEXT_FIELDS, EmailRenderer, one_line

RENDERER = EmailRenderer()
LINK = "https://shop.example/unsubscribe?email=an%40example.com&token=abc&type=ticket_created"
FULL_CONTEXT = {
    "tracking_token": "TRK-77",
    "ticket_number": "SV-2026-0042",
    "product_name": "Galaxy S24",
    "serial_number": "R58N123",
    "rejection_reason": "Water damage",
    "completed_date": "2026-11-20",
    "delivery_date": "2026-11-22",
}
# What each type's subject says, and a value of the context only its body shows.
SUBJECTS = {
    "request_submitted": ("We received your service request (TRK-77)", "TRK-77"),
    "request_received": ("Your device has arrived (TRK-77)", "TRK-77"),
    "request_rejected": ("Your service request was not accepted (TRK-77)", "Water damage"),
    "ticket_created": ("Service ticket SV-2026-0042 opened", "SV-2026-0042"),
    "service_completed": ("Your device is ready (SV-2026-0042)", "2026-11-20"),
    "delivery_confirmed": ("Your device was delivered (SV-2026-0042)", "2026-11-22"),
}


def test_every_type_has_its_subject() -> None:
    assert set(SUBJECTS) == set(EMAIL_TYPES)


@pytest.mark.parametrize("email_type", EMAIL_TYPES)
def test_each_type_renders_subject_text_and_html(email_type: str) -> None:
    email = RENDERER.render(
        email_type, recipient_name="An Nguyen", context=FULL_CONTEXT, unsubscribe_url=LINK
    )

    subject, shown = SUBJECTS[email_type]
    assert email.subject == subject
    assert email.text_body.startswith("Hello An Nguyen,")
    assert shown in email.text_body
    assert shown in email.html_body
    assert "Galaxy S24 (serial number R58N123)" in email.text_body
    assert LINK in email.text_body
    assert f'href="{LINK.replace("&", "&amp;")}"' in email.html_body
    assert email.html_body.startswith("<!DOCTYPE html>")
    assert f"<title>{subject}" in email.html_body


@pytest.mark.parametrize("email_type", EMAIL_TYPES)
def test_context_values_are_text_in_the_html_body(email_type: str) -> None:
    hostile = "<script>alert('x')</script>"
    context = dict.fromkeys(CONTEXT_FIELDS, hostile)

    email = RENDERER.render(
        email_type, recipient_name=hostile, context=context, unsubscribe_url=None
    )

    assert "<script>" not in email.html_body
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in email.html_body
    # Plain text is not HTML: the value is shown as written.
    assert hostile in email.text_body


@pytest.mark.parametrize("email_type", EMAIL_TYPES)
def test_an_email_without_a_link_or_context_says_no_more(email_type: str) -> None:
    email = RENDERER.render(email_type, recipient_name="Bo", context={}, unsubscribe_url=None)

    assert "unsubscribe" not in email.text_body.lower()
    assert "unsubscribe" not in email.html_body.lower()
    assert "None" not in email.subject + email.text_body + email.html_body
    assert "Device:" not in email.text_body


def test_a_subject_is_one_line_and_fits_its_column() -> None:
    long_value = "x" * 400 + "\nBcc: someone@example.com"
    email = RENDERER.render(
        "ticket_created",
        recipient_name="Bo",
        context={"ticket_number": long_value},
        unsubscribe_url=None,
    )

    assert "\n" not in email.subject
    assert len(email.subject) == 300
    assert one_line(" a \r\n b\t c ") == "a b c"


def test_an_unknown_type_has_no_templates() -> None:
    with pytest.raises(ValueError, match="newsletter"):
        RENDERER.render("newsletter", recipient_name="Bo", context={}, unsubscribe_url=None)


def test_the_templates_ship_with_the_package() -> None:
    # pyproject's package data names these patterns: every file must match one.
    from services.notifications.rendering import TEMPLATES

    names = sorted(path.name for path in TEMPLATES.iterdir())
    assert names
    assert all(name.endswith((".txt", ".html")) for name in names)
