"""Each email type's subject, plain-text body and HTML body, rendered from templates.

The templates are files of this package (``templates/<type>.subject.txt``,
``<type>.txt``, ``<type>.html``), rendered with Jinja2: the HTML body autoescapes every
value, so what a caller passes (a product's name, a rejection reason) is text and never
markup; the subject and the plain-text body are text and are not escaped.
``StrictUndefined`` makes a template that names a value no email has an error, never
an empty string: every value a template may use is always passed (None when absent).
"""

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from db.tables.customers import EMAIL_TYPES
from schemas.limits import EMAIL_SUBJECT_MAX_LENGTH

TEMPLATES: Final = Path(__file__).parent / "templates"
# What a template may show besides the recipient's name and the unsubscribe link: the
# contract's context of notifications.send, in snake_case.
CONTEXT_FIELDS: Final = (
    "tracking_token",
    "ticket_number",
    "product_name",
    "serial_number",
    "rejection_reason",
    "completed_date",
    "delivery_date",
)


@dataclass(frozen=True)
class RenderedEmail:
    subject: str
    text_body: str
    html_body: str


class EmailRenderer:
    """Renders the emails of the contract's six types. Made once: Jinja compiles each
    template on first use and keeps it."""

    def __init__(self, templates: Path = TEMPLATES) -> None:
        self._environment = Environment(
            loader=FileSystemLoader(templates),
            autoescape=select_autoescape(enabled_extensions=("html",), default=False),
            undefined=StrictUndefined,
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
        )

    def render(
        self,
        email_type: str,
        *,
        recipient_name: str,
        context: Mapping[str, str | None],
        unsubscribe_url: str | None,
    ) -> RenderedEmail:
        """The email of ``email_type`` to ``recipient_name``; ``context`` holds the
        values of CONTEXT_FIELDS that the caller has (the others are None)."""
        if email_type not in EMAIL_TYPES:
            raise ValueError(f"No templates for the email type {email_type!r}")
        values: dict[str, str | None] = {
            **dict.fromkeys(CONTEXT_FIELDS),
            **{name: context.get(name) for name in CONTEXT_FIELDS},
            "recipient_name": recipient_name,
            "unsubscribe_url": unsubscribe_url,
        }
        # The subject is text: rendered unescaped, then given to the bodies as a value,
        # so the HTML body escapes it like any other (its <title> shows it).
        subject = one_line(self._render(f"{email_type}.subject.txt", values))
        values["subject"] = subject = subject[:EMAIL_SUBJECT_MAX_LENGTH]
        return RenderedEmail(
            subject=subject,
            text_body=self._render(f"{email_type}.txt", values),
            html_body=self._render(f"{email_type}.html", values),
        )

    def _render(self, name: str, values: Mapping[str, object]) -> str:
        return self._environment.get_template(name).render(values)


def one_line(text: str) -> str:
    """A subject on one line: a header must not be split by what a template wrote."""
    return " ".join(text.split())
