"""Concurrent calls that race for the same rows, over real HTTP.

Each race is started from a barrier so the calls meet in the database. Whatever the
interleaving, every answer is a result or a domain error (CONFLICT, NOT_FOUND), never
INTERNAL_SERVER_ERROR, and what is stored afterwards is what some order of the calls
that succeeded would have left. Rounds and thread counts are bounded; nothing is timed.

On PostgreSQL these races met unique violations, foreign-key violations, deadlocks and
updates of deleted rows, each answered INTERNAL_SERVER_ERROR before the call boundary
classified them (db.failures) and retried the transient ones (middleware.retry). On
SQLite, writers take turns (BEGIN IMMEDIATE), so the same races must simply stay fine.
"""

from __future__ import annotations

import logging
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest
from sqlmodel import col, select

from db.tables.account import BrowserAccountRow
from db.tables.auth import UserRow
from db.tables.proxy import ProxyConfigRow
from db.tables.tab import BrowserTabRow
from tests.e2e.conftest import (
    Account,
    LiveServer,
    MakeUser,
    make_settings,
    result_of,
    rpc_call,
    serve,
    unique_email,
)

ROUNDS = 10
TABS_PER_ROUND = 3
OK = "OK"


@pytest.fixture(scope="module")
def server(
    module_database_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LiveServer]:
    # The races create far more accounts than account.create's 10 an hour allow one
    # user; the limits have tests of their own.
    settings = make_settings(
        module_database_url, tmp_path_factory.mktemp("e2e-data"), rate_limits_enabled=False
    )
    with serve(settings) as live:
        yield live


Call = Callable[[httpx.Client], dict[str, Any]]


def race(server: LiveServer, calls: list[Call]) -> list[dict[str, Any]]:
    """Run ``calls`` at once, each on its own connection; their answers, in order."""
    barrier = threading.Barrier(len(calls), timeout=30)

    def run(call: Call) -> dict[str, Any]:
        with httpx.Client(base_url=server.url, timeout=60) as own:
            own.get("/healthz")  # connect before the barrier, so the calls leave together
            barrier.wait()
            return call(own)

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(run, calls))


def outcome(answer: dict[str, Any]) -> str:
    if "error" in answer:
        code: str = answer["error"]["data"]["code"]
        return code
    return OK


def as_user(user: Account, method: str, params: dict[str, Any]) -> Call:
    return lambda client: rpc_call(client, method, params, user.token)


def test_one_of_ten_racing_for_an_email_gets_it_the_others_conflict(
    server: LiveServer, make_user: MakeUser, caplog: pytest.LogCaptureFixture
) -> None:
    users = [make_user() for _ in range(10)]
    wanted = unique_email("wanted")
    params = {"full_name": "Racer", "email": wanted, "avatar_url": None}

    with caplog.at_level(logging.DEBUG):
        answers = race(server, [as_user(user, "profile.updateProfile", params) for user in users])

    # The losers' unique violations were not logged with the row's values.
    assert wanted not in caplog.text

    outcomes = Counter(outcome(answer) for answer in answers)
    assert outcomes == {OK: 1, "CONFLICT": 9}, answers
    winner = next(user for user, answer in zip(users, answers, strict=True) if "result" in answer)
    with server.db() as session:
        holders = session.exec(select(UserRow.id).where(col(UserRow.email) == wanted)).all()
        assert holders == [winner.id]
        # The losers kept their own emails.
        for user in users:
            if user is not winner:
                row = session.get(UserRow, user.id)
                assert row is not None
                assert row.email == user.email


def test_deleting_an_account_while_tabs_open_on_it(
    server: LiveServer, client: httpx.Client, make_user: MakeUser
) -> None:
    user = make_user()
    seen: Counter[str] = Counter()
    for _ in range(ROUNDS):
        account_id = result_of(rpc_call(client, "account.create", {"name": "Doomed"}, user.token))[
            "id"
        ]
        for _ in range(2):  # tabs for the delete to remove while new ones arrive
            result_of(rpc_call(client, "tab.create", {"accountId": account_id}, user.token))
        delete = as_user(user, "account.delete", {"accountId": account_id, "confirmDeletion": True})
        opens = [as_user(user, "tab.create", {"accountId": account_id})] * TABS_PER_ROUND

        answers = race(server, [delete, *opens])

        outcomes = [outcome(answer) for answer in answers]
        seen.update(outcomes)
        assert outcomes[0] in (OK, "CONFLICT"), answers
        assert set(outcomes[1:]) <= {OK, "NOT_FOUND", "CONFLICT"}, answers
        with server.db() as session:
            account = session.get(BrowserAccountRow, account_id)
            tabs = session.exec(
                select(BrowserTabRow).where(col(BrowserTabRow.account_id) == account_id)
            ).all()
        if outcomes[0] == OK:
            # Deleted with every tab, including any opened before the delete took it.
            assert account is None
            assert tabs == []
        else:
            assert account is not None
            opened = {answer["result"]["id"] for answer in answers[1:] if "result" in answer}
            assert opened <= {tab.id for tab in tabs}
    assert "INTERNAL_SERVER_ERROR" not in seen


def test_deleting_a_proxy_while_an_account_is_attached_to_it(
    server: LiveServer, client: httpx.Client, make_user: MakeUser
) -> None:
    user = make_user()
    account_id = result_of(rpc_call(client, "account.create", {"name": "Routed"}, user.token))["id"]
    seen: Counter[str] = Counter()
    for _ in range(ROUNDS):
        proxy_id = result_of(
            rpc_call(
                client,
                "proxy.create",
                {"name": "P", "type": "SOCKS5", "host": "127.0.0.1", "port": 1080},
                user.token,
            )
        )["id"]
        delete = as_user(user, "proxy.delete", {"proxyConfigId": proxy_id})
        attach = as_user(
            user, "account.update", {"accountId": account_id, "proxyConfigId": proxy_id}
        )

        answers = race(server, [delete, attach, attach])

        outcomes = [outcome(answer) for answer in answers]
        seen.update(outcomes)
        assert outcomes[0] in (OK, "CONFLICT"), answers
        assert set(outcomes[1:]) <= {OK, "NOT_FOUND", "CONFLICT"}, answers
        with server.db() as session:
            proxy = session.get(ProxyConfigRow, proxy_id)
            account = session.get(BrowserAccountRow, account_id)
            assert account is not None
            # Never pointing at a proxy that is gone (this round's or, after a round
            # whose delete was refused, an earlier one's).
            if account.proxy_config_id is not None:
                assert session.get(ProxyConfigRow, account.proxy_config_id) is not None
        if outcomes[0] == OK:
            # A deleted proxy is nobody's any more.
            assert proxy is None
            assert account.proxy_config_id != proxy_id
        else:
            assert proxy is not None  # the refused delete kept it
    assert "INTERNAL_SERVER_ERROR" not in seen


def test_renaming_an_account_while_it_is_deleted(
    server: LiveServer, client: httpx.Client, make_user: MakeUser
) -> None:
    user = make_user()
    seen: Counter[str] = Counter()
    for round_number in range(ROUNDS):
        account_id = result_of(rpc_call(client, "account.create", {"name": "Old"}, user.token))[
            "id"
        ]
        delete = as_user(user, "account.delete", {"accountId": account_id, "confirmDeletion": True})
        rename = as_user(
            user, "account.update", {"accountId": account_id, "name": f"New {round_number}"}
        )

        answers = race(server, [delete, rename, rename])

        outcomes = [outcome(answer) for answer in answers]
        seen.update(outcomes)
        assert outcomes[0] in (OK, "CONFLICT"), answers
        assert set(outcomes[1:]) <= {OK, "NOT_FOUND", "CONFLICT"}, answers
        with server.db() as session:
            account = session.get(BrowserAccountRow, account_id)
        assert (account is None) == (outcomes[0] == OK)
    assert "INTERNAL_SERVER_ERROR" not in seen
