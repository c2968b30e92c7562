"""``GET``/``POST /unsubscribe`` over real HTTP: the link of a queued email opens the
customer's preferences, a one-click POST turns that type off (and only that one), the
form saves every type, and a wrong token or unknown email is a 404 page."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode, urlsplit

import httpx

from tests.e2e.browser import call
from tests.e2e.conftest import (
    LiveServer,
    MakeUser,
    create_admin_account,
    result_of,
    rpc_call,
    unique_email,
)
from tests.e2e.notifications.helpers import create_customer, emails_to, send_params

ONE_CLICK = {"List-Unsubscribe": "One-Click"}


def link_of_queued_email(
    server: LiveServer, client: httpx.Client, user: Any, recipient: str, email_type: str
) -> str:
    """The path and query of the unsubscribe link in a freshly queued email."""
    result_of(call(client, user, "notifications.send", send_params(recipient, email_type)))
    [email] = [row for row in emails_to(server, recipient) if row.email_type == email_type]
    assert email.unsubscribe_url is not None
    parts = urlsplit(email.unsubscribe_url)
    return f"{parts.path}?{parts.query}"


def preferences_of(server: LiveServer, client: httpx.Client, customer: Any) -> Any:
    token = server.services.customer_links.token_for(customer["id"], customer["email"])
    params = {"email": customer["email"], "token": token}
    return result_of(rpc_call(client, "customers.getByEmail", params))["email_preferences"]


def test_one_click_turns_off_the_links_type_and_no_other(
    server: LiveServer, client: httpx.Client, make_user: MakeUser
) -> None:
    user = make_user("reception")
    customer = create_customer(client, make_user("manager"))
    link = link_of_queued_email(server, client, user, customer["email"], "service_completed")

    answer = client.post(link, data=ONE_CLICK)

    assert answer.status_code == 200
    assert "saved" in answer.text
    wanted = preferences_of(server, client, customer)
    assert wanted["service_completed"] is False
    assert all(on for name, on in wanted.items() if name != "service_completed")
    skipped = call(
        client, user, "notifications.send", send_params(customer["email"], "service_completed")
    )
    assert result_of(skipped) == {"success": True, "skipped": True, "reason": "unsubscribed"}
    still = call(
        client, user, "notifications.send", send_params(customer["email"], "delivery_confirmed")
    )
    assert "emailId" in result_of(still)


def test_the_page_shows_the_preferences_escaped(
    server: LiveServer, client: httpx.Client, make_user: MakeUser
) -> None:
    manager = make_user("manager")
    customer = create_customer(client, manager)
    renamed = {"id": customer["id"], "name": "<b>Ann</b> & Co"}
    result_of(call(client, manager, "customers.updateCustomer", renamed))
    link = link_of_queued_email(server, client, manager, customer["email"], "ticket_created")

    page = client.get(link)

    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert page.headers["referrer-policy"] == "no-referrer"
    assert page.headers["cache-control"] == "no-store"
    assert "&lt;b&gt;Ann&lt;/b&gt; &amp; Co" in page.text
    assert "<b>Ann" not in page.text
    # Every type is shown ticked; both forms post back to the link itself.
    assert page.text.count(" checked>") == 6
    assert page.text.count(f'action="{link.replace("&", "&amp;")}"') == 2
    assert 'name="List-Unsubscribe" value="One-Click"' in page.text


def test_the_form_saves_every_type(
    server: LiveServer, client: httpx.Client, make_user: MakeUser
) -> None:
    manager = make_user("manager")
    customer = create_customer(client, manager)
    link = link_of_queued_email(server, client, manager, customer["email"], "ticket_created")

    form = {"save_preferences": "1", "ticket_created": "on", "request_received": "on"}
    answer = client.post(link, data=form)

    assert answer.status_code == 200
    wanted = preferences_of(server, client, customer)
    assert {name for name, on in wanted.items() if on} == {"ticket_created", "request_received"}


def test_a_wrong_token_or_unknown_email_is_not_a_valid_link(
    server: LiveServer, client: httpx.Client, make_user: MakeUser
) -> None:
    customer = create_customer(client, make_user("manager"))
    token = server.services.customer_links.token_for(customer["id"], customer["email"])
    # One character changed, never to itself: the token's last character is any of 64.
    tampered = token[:-1] + ("B" if token.endswith("A") else "A")
    wrong = {"email": customer["email"], "token": tampered, "type": "ticket_created"}
    unknown = {"email": unique_email("nobody"), "token": token, "type": "ticket_created"}
    no_type = {"email": customer["email"], "token": token}
    bad_type = {"email": customer["email"], "token": token, "type": "newsletter"}

    for params in (wrong, unknown, bad_type):
        page = client.get(f"/unsubscribe?{urlencode(params)}")
        assert page.status_code == 404, params
        assert "This link is not valid." in page.text
        assert client.post(f"/unsubscribe?{urlencode(params)}", data=ONE_CLICK).status_code == 404
    # Without a type the page still shows; a one-click has nothing to turn off.
    assert client.get(f"/unsubscribe?{urlencode(no_type)}").status_code == 200
    assert client.post(f"/unsubscribe?{urlencode(no_type)}", data=ONE_CLICK).status_code == 404
    assert all(preferences_of(server, client, customer).values())


def test_the_page_is_rate_limited_per_address(start_server: Any) -> None:
    live: LiveServer = start_server()
    admin = create_admin_account(live)
    with httpx.Client(base_url=live.url, timeout=30) as http:
        customer = create_customer(http, admin)
        link = link_of_queued_email(live, http, admin, customer["email"], "ticket_created")
        answers = [http.get(link).status_code for _ in range(30)]
        refused = http.post(link, data=ONE_CLICK)
        wanted = preferences_of(live, http, customer)

    assert answers == [200] * 30
    assert refused.status_code == 429
    assert int(refused.headers["retry-after"]) > 0
    assert all(wanted.values())
