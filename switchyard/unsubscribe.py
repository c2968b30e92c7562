"""``GET`` and ``POST /unsubscribe``: the page behind the link in every email to a customer.

The link is ``/unsubscribe?email=...&token=...&type=...`` (``services.notifications.links``).
``GET`` answers a small page with the customer's preferences and two forms that post
back to the same URL: one turns off the link's type, the other saves every type's box.
``POST`` with any other body (RFC 8058's one-click, ``List-Unsubscribe=One-Click``, as
a mail client sends it) turns off the link's type. A wrong token and an email that is
no customer's answer the same 404 page, after the same token check
(``services.customers``). The token is the only credential: the page is sent with
``Referrer-Policy: no-referrer`` and is never cached, so the URL does not leak onwards.

Both are public and limited per client address like the public procedures (30 a
minute), counted in the app's rate-limit store; the setting that turns limits off
turns this one off too.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from typing import Final
from urllib.parse import parse_qs

from pydantic import TypeAdapter, ValidationError
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from db.call_runners import on_event_loop
from db.repositories.customers import CustomerRecord
from db.tables.customers import EMAIL_TYPES
from db.unit_of_work import AuditEntry, SqlUnitOfWork
from middleware.context import AppServices
from rpc import RateLimit, current_correlation_id
from schemas.common import Email
from services import customers as customer_service
from services.errors import NotFound
from services.notifications.links import UNSUBSCRIBE_PATH
from services.notifications.outbox_rules import wants

PAGE_LIMIT: Final = RateLimit(30, "minute")
RATE_LIMIT_NAME: Final = "unsubscribe"
# A preferences form is a few hundred bytes; anything far larger is not one.
MAX_FORM_BYTES: Final = 16 * 1024
# The preferences form says so in its body; any other POST is a one-click unsubscribe.
SAVE_FIELD: Final = "save_preferences"
TYPE_NAMES: Final = {
    "request_submitted": "Service request submitted",
    "request_received": "Device received",
    "request_rejected": "Service request not accepted",
    "ticket_created": "Service ticket opened",
    "service_completed": "Service completed",
    "delivery_confirmed": "Device delivered",
}
PAGE_HEADERS: Final = {
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
        "frame-ancestors 'none'; base-uri 'none'"
    ),
}
_email = TypeAdapter(Email)


def unsubscribe_routes(services: AppServices) -> list[Route]:
    async def page(request: Request) -> Response:
        refused = await _over_limit(services, request)
        if refused is not None:
            return refused
        link = _link_of(request)
        if link is None:
            return _not_valid()
        found = await on_event_loop(_find, services, link)
        if found is None:
            return _not_valid()
        return _page(found, link, request.url.query)

    async def change(request: Request) -> Response:
        refused = await _over_limit(services, request)
        if refused is not None:
            return refused
        link = _link_of(request)
        body = await _form(request)
        if link is None or body is None:
            return _not_valid()
        wanted = _wanted_from(body) if SAVE_FIELD in body else _one_click(link)
        if wanted is None:
            return _not_valid()
        try:
            await on_event_loop(_save, services, link, wanted)
        except NotFound:
            return _not_valid()
        return _html("Preferences saved", "<p>Your email preferences are saved.</p>", 200)

    return [
        Route(UNSUBSCRIBE_PATH, page, methods=["GET"]),
        Route(UNSUBSCRIBE_PATH, change, methods=["POST"]),
    ]


class _Link:
    """The link's parameters, the email normalised as the customers' emails are."""

    def __init__(self, email: str, token: str, email_type: str | None) -> None:
        self.email = email
        self.token = token
        self.email_type = email_type


def _link_of(request: Request) -> _Link | None:
    params = request.query_params
    email_type = params.get("type")
    if email_type is not None and email_type not in EMAIL_TYPES:
        return None
    try:
        email = _email.validate_python(params.get("email", ""))
    except ValidationError:
        return None
    return _Link(email, params.get("token", ""), email_type)


async def _form(request: Request) -> Mapping[str, list[str]] | None:
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_FORM_BYTES:
            return None
    return parse_qs(body.decode("utf-8", "replace"))


def _one_click(link: _Link) -> dict[str, bool] | None:
    return None if link.email_type is None else {link.email_type: False}


def _wanted_from(body: Mapping[str, list[str]]) -> dict[str, bool]:
    # A checkbox is sent only when ticked: each type is on exactly when its box is.
    return {email_type: email_type in body for email_type in EMAIL_TYPES}


def _find(services: AppServices, link: _Link) -> CustomerRecord | None:
    uow = SqlUnitOfWork(services.call_sessions, read_only=True)
    return customer_service.get_by_email(uow, services.customer_links, link.email, link.token)


def _save(services: AppServices, link: _Link, wanted: dict[str, bool]) -> None:
    audit = AuditEntry(
        procedure=RATE_LIMIT_NAME,
        correlation_id=current_correlation_id() or "",
        user_id=None,
        clock=services.clock,
    )
    customer_service.update_email_preferences(
        SqlUnitOfWork(services.call_sessions, audit=audit),
        services.customer_links,
        link.email,
        link.token,
        wanted,
        clock=services.clock,
    )


async def _over_limit(services: AppServices, request: Request) -> Response | None:
    store = services.rate_limits
    if store is None:
        return None
    client = request.scope.get("client")
    who = f"addr:{client[0] if client else 'unknown'}"
    if await store.hit(PAGE_LIMIT, RATE_LIMIT_NAME, who):
        return None
    retry_after = await store.seconds_until_reset(PAGE_LIMIT, RATE_LIMIT_NAME, who)
    response = _html("Too many requests", "<p>Too many requests: try again later.</p>", 429)
    response.headers["Retry-After"] = str(retry_after)
    return response


def _page(customer: CustomerRecord, link: _Link, query: str) -> Response:
    action = escape(f"{UNSUBSCRIBE_PATH}?{query}")
    rows = "".join(
        f'<li><label><input type="checkbox" name="{email_type}"'
        f"{' checked' if wants(customer, email_type) else ''}> "
        f"{escape(name)}</label></li>"
        for email_type, name in TYPE_NAMES.items()
    )
    one_click = ""
    if link.email_type is not None:
        one_click = (
            f'<form method="post" action="{action}">'
            '<input type="hidden" name="List-Unsubscribe" value="One-Click">'
            f"<button>Stop “{escape(TYPE_NAMES[link.email_type])}” emails</button></form>"
        )
    body = (
        f"<p>Email preferences of {escape(customer.name)} ({escape(link.email)}).</p>"
        f"{one_click}"
        f'<form method="post" action="{action}"><ul>{rows}</ul>'
        f'<input type="hidden" name="{SAVE_FIELD}" value="1">'
        "<button>Save preferences</button></form>"
    )
    return _html("Email preferences", body, 200)


def _not_valid() -> Response:
    return _html("Link not valid", "<p>This link is not valid.</p>", 404)


def _html(title: str, body: str, status: int) -> Response:
    page = (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title></head>"
        f'<body style="font-family: sans-serif"><h1>{escape(title)}</h1>{body}</body></html>'
    )
    return HTMLResponse(page, status, headers=PAGE_HEADERS)
