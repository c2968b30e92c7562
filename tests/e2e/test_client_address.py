"""Which address an anonymous caller is counted under, with and without trusted proxies.

``auth.login`` is limited per client address. With its limit set to 2 a minute, the
third call counted under one address is TOO_MANY_REQUESTS, which shows over real HTTP
which address the app took from each request. Every test runs on a server of its own.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import httpx

from rpc import RateLimit
from tests.e2e.conftest import LiveServer
from tests.rate_windows import within_one_window

LoginLimit = {"auth.login": RateLimit(2, "minute")}
COUNTED = "UNAUTHORIZED"  # a wrong password: the call got through the limit
LIMITED = "TOO_MANY_REQUESTS"
StartServer = Callable[..., LiveServer]


def login_outcome(server: LiveServer, *forwarded_for: str) -> str:
    """Sign in with a wrong password, one X-Forwarded-For line per argument."""
    body = {
        "jsonrpc": "2.0",
        "id": 1,
        "method": "auth.login",
        "params": {"email": "nobody@example.com", "password": "Wrong-Password-1"},
    }
    headers = [("x-forwarded-for", value) for value in forwarded_for]
    response = httpx.post(f"{server.url}/rpc", json=body, headers=headers, timeout=30)
    assert response.status_code == 200, response.text
    code: str = response.json()["error"]["data"]["code"]
    assert code in {COUNTED, LIMITED}, response.text
    return code


def outcomes(server: LiveServer, requests: Sequence[Sequence[str]]) -> list[str]:
    return [login_outcome(server, *forwarded_for) for forwarded_for in requests]


def test_without_trusted_proxies_a_caller_cannot_choose_its_address(
    start_server: StartServer,
) -> None:
    server = start_server(rate_limit_overrides=LoginLimit)
    # Every call of the test counts in one window of the limiter (tests/rate_windows.py).
    within_one_window("minute")

    # A caller on this host (the uvicorn default would believe it) and one elsewhere
    # alike: the header is ignored and every call counts against 127.0.0.1.
    assert outcomes(
        server, [["198.51.100.1"], ["198.51.100.2"], ["198.51.100.3"], [], ["127.0.0.2"]]
    ) == [COUNTED, COUNTED, LIMITED, LIMITED, LIMITED]


def test_a_trusted_proxy_names_each_client(start_server: StartServer) -> None:
    server = start_server(rate_limit_overrides=LoginLimit, trusted_proxies=["127.0.0.1"])
    # Every call of the test counts in one window of the limiter (tests/rate_windows.py).
    within_one_window("minute")

    assert outcomes(server, [["198.51.100.1"]] * 3) == [COUNTED, COUNTED, LIMITED]
    # Other clients behind the same proxy have buckets of their own...
    assert outcomes(server, [["198.51.100.2"], ["203.0.113.50"]]) == [COUNTED, COUNTED]
    # ...and so does the proxy itself, for what it sends without the header.
    assert outcomes(server, [[], []]) == [COUNTED, COUNTED]


def test_what_a_client_forges_left_of_the_proxys_entry_is_ignored(
    start_server: StartServer,
) -> None:
    server = start_server(rate_limit_overrides=LoginLimit, trusted_proxies=["127.0.0.1"])
    # Every call of the test counts in one window of the limiter (tests/rate_windows.py).
    within_one_window("minute")

    # The caller wrote "evil-N"; the proxy appended the address it saw: 203.0.113.7.
    assert outcomes(
        server,
        [["evil-1, 203.0.113.7"], ["198.51.100.66, 203.0.113.7"], ["evil-3, 203.0.113.7"]],
    ) == [COUNTED, COUNTED, LIMITED]
    assert outcomes(server, [["203.0.113.7"]]) == [LIMITED]
    # Forging the exhausted address does not borrow its bucket either.
    assert outcomes(server, [["203.0.113.7, 198.51.100.99"]]) == [COUNTED]


def test_trusted_proxies_in_the_chain_are_skipped(start_server: StartServer) -> None:
    server = start_server(
        rate_limit_overrides=LoginLimit, trusted_proxies=["127.0.0.1", "10.0.0.0/8"]
    )
    # Every call of the test counts in one window of the limiter (tests/rate_windows.py).
    within_one_window("minute")

    # client -> proxy at 10.1.2.3 -> proxy at 127.0.0.1: the client is 203.0.113.9.
    assert outcomes(server, [["203.0.113.9, 10.1.2.3"]] * 2) == [COUNTED, COUNTED]
    assert outcomes(server, [["203.0.113.9"], ["evil, 203.0.113.9, 10.200.0.1"]]) == [
        LIMITED,
        LIMITED,
    ]
    assert outcomes(server, [["198.51.100.5, 10.1.2.3"]]) == [COUNTED]


def test_every_forwarded_for_line_is_read_in_order(start_server: StartServer) -> None:
    server = start_server(rate_limit_overrides=LoginLimit, trusted_proxies=["127.0.0.1"])
    # Every call of the test counts in one window of the limiter (tests/rate_windows.py).
    within_one_window("minute")

    # A proxy may add its own line rather than extend the caller's: the last line's
    # entry is the one the proxy wrote.
    assert outcomes(server, [["evil", "203.0.113.21"]] * 2) == [COUNTED, COUNTED]
    assert outcomes(server, [["203.0.113.21"], ["evil"]]) == [LIMITED, COUNTED]
