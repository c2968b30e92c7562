"""Several server processes on one PostgreSQL database and one Redis, as deployed.

Two ``switchyard serve`` processes on two ports stand for two workers (or two hosts
behind a load balancer): same DATABASE_URL, REDIS_URL and signing key, and each can be
addressed on its own. They share rate limits, see each other's logouts at once, and
lose no acknowledged write when one of them is killed with SIGKILL mid-load.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import text

from db.engine import make_engine
from services.auth import SESSION_INVALID
from tests.databases import temporary_postgres_database
from tests.e2e.processes import ServerProcess, base_environment, run_cli, switchyard_serve
from tests.rate_windows import within_one_window
from tests.redis_keys import REDIS_URL, temporary_redis_prefix

pytestmark = pytest.mark.postgres

ADMIN_EMAIL = "root@switchyard.test"
ADMIN_PASSWORD = "Harbour-Lights-42"
JsonObject = dict[str, Any]


@pytest.fixture
def postgres_url() -> Iterator[str]:
    server_url = os.environ.get("DATABASE_URL", "")
    if not server_url.startswith("postgresql"):
        reason = "needs PostgreSQL: set DATABASE_URL to a postgresql+psycopg:// server"
        if os.environ.get("REQUIRE_POSTGRES") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    yield from temporary_postgres_database(server_url, "switchyard_workers")


@pytest.fixture
def deployment_env(postgres_url: str, tmp_path: Path) -> Iterator[dict[str, str]]:
    """A production-mode environment on its own database and Redis key prefix, migrated."""
    for key_prefix in temporary_redis_prefix("switchyard-workers"):
        env = base_environment(tmp_path / "data")
        env.update(
            SWITCHYARD_ENV="production",
            DATABASE_URL=postgres_url,
            REDIS_URL=REDIS_URL,
            SWITCHYARD_SECRET_KEY="workers-signing-key-that-is-long-enough-for-hs256",
            SWITCHYARD_RATE_LIMIT_KEY_PREFIX=key_prefix,
        )
        migrated = run_cli(["migrate"], env)
        assert migrated.returncode == 0, migrated.stderr
        created = run_cli(
            ["create-admin", "--email", ADMIN_EMAIL, "--password", ADMIN_PASSWORD], env
        )
        assert created.returncode == 0, created.stderr
        yield env


StartWorkers = Callable[..., tuple[ServerProcess, ServerProcess]]


@pytest.fixture
def start_two_workers(deployment_env: dict[str, str], tmp_path: Path) -> Iterator[StartWorkers]:
    with contextlib.ExitStack() as stack:

        def start(rate_limit_overrides: str = "") -> tuple[ServerProcess, ServerProcess]:
            env = {**deployment_env, "SWITCHYARD_RATE_LIMIT_OVERRIDES": rate_limit_overrides}
            first = stack.enter_context(switchyard_serve(env, tmp_path / "first.log"))
            second = stack.enter_context(switchyard_serve(env, tmp_path / "second.log"))
            return first, second

        yield start


def call(
    server: ServerProcess, method: str, params: JsonObject | None = None, token: str = ""
) -> JsonObject:
    body: JsonObject = {"jsonrpc": "2.0", "id": 1, "method": method}
    if params is not None:
        body["params"] = params
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    response = httpx.post(f"{server.url}/rpc", json=body, headers=headers, timeout=30)
    assert response.status_code == 200, response.text
    answer: JsonObject = response.json()
    return answer


def error_code(answer: JsonObject) -> str:
    assert "error" in answer, answer
    code: str = answer["error"]["data"]["code"]
    return code


def sign_in(server: ServerProcess) -> JsonObject:
    answer = call(server, "auth.login", {"email": ADMIN_EMAIL, "password": ADMIN_PASSWORD})
    assert "result" in answer, answer
    result: JsonObject = answer["result"]
    return result


def test_rate_limits_are_shared_by_the_workers(start_two_workers: StartWorkers) -> None:
    first, second = start_two_workers("auth.login=4/minute")
    wrong = {"email": "nobody@example.com", "password": "Wrong-Password-1"}
    within_one_window("minute")

    within = [error_code(call(worker, "auth.login", wrong)) for worker in (first, second) * 2]
    beyond = [error_code(call(worker, "auth.login", wrong)) for worker in (first, second)]

    assert within == ["UNAUTHORIZED"] * 4
    assert beyond == ["TOO_MANY_REQUESTS"] * 2


def test_a_logout_through_one_worker_is_refused_by_the_other_at_once(
    start_two_workers: StartWorkers,
) -> None:
    first, second = start_two_workers()
    tokens = sign_in(first)
    access = tokens["accessToken"]
    assert call(second, "profile.getCurrentUser", token=access)["result"]["email"] == ADMIN_EMAIL

    assert call(first, "auth.logout", token=access)["result"] == {"success": True}

    refused = call(second, "profile.getCurrentUser", token=access)
    assert error_code(refused) == "UNAUTHORIZED"
    assert refused["error"]["message"] == SESSION_INVALID
    assert error_code(call(second, "auth.refresh", {"refreshToken": tokens["refreshToken"]})) == (
        "UNAUTHORIZED"
    )


MUTATIONS = 200
CLIENTS_PER_WORKER = 2
KILL_AFTER_ACKNOWLEDGED = 60
TABLES = {
    "account.create": "browser_accounts",
    "proxy.create": "proxy_configs",
    "tab.create": "browser_tabs",
}


@dataclass
class LoadRecord:
    """What the clients were told: the rows each acknowledged write made, per worker."""

    acknowledged: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    failed: dict[str, int] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)
    enough: threading.Event = field(default_factory=threading.Event)

    def ack(self, worker: str, table: str, row_id: str) -> None:
        with self.lock:
            self.acknowledged.setdefault(worker, []).append((table, row_id))
            if sum(map(len, self.acknowledged.values())) >= KILL_AFTER_ACKNOWLEDGED:
                self.enough.set()

    def fail(self, worker: str) -> None:
        with self.lock:
            self.failed[worker] = self.failed.get(worker, 0) + 1


def mutation(index: int, account_id: str) -> tuple[str, JsonObject]:
    """A mix of the three kinds of row a browser front end writes."""
    kind = index % 3
    if kind == 0:
        return "account.create", {"name": f"Load account {index}"}
    if kind == 1:
        proxy = {"name": f"Load proxy {index}", "type": "HTTP", "host": "proxy.example.net"}
        return "proxy.create", {**proxy, "port": 8000 + index}
    return "tab.create", {"accountId": account_id, "url": f"https://example.com/{index}"}


def run_client(
    worker: ServerProcess,
    name: str,
    indexes: range,
    token: str,
    account_id: str,
    record: LoadRecord,
) -> None:
    with httpx.Client(base_url=worker.url, timeout=30) as client:
        for index in indexes:
            method, params = mutation(index, account_id)
            body = {"jsonrpc": "2.0", "id": index, "method": method, "params": params}
            try:
                response = client.post(
                    "/rpc", json=body, headers={"Authorization": f"Bearer {token}"}
                )
                answer = response.json()
            except httpx.TransportError:
                record.fail(name)  # the worker died with (or before) this call
                continue
            assert "result" in answer, answer
            record.ack(name, TABLES[method], answer["result"]["id"])


def test_every_acknowledged_write_survives_a_worker_killed_mid_load(
    start_two_workers: StartWorkers, postgres_url: str
) -> None:
    first, second = start_two_workers("account.create=1000/minute,tab.create=1000/minute")
    token = sign_in(second)["accessToken"]
    account_id = call(second, "account.create", {"name": "Tabs"}, token)["result"]["id"]
    record = LoadRecord()
    share = MUTATIONS // (2 * CLIENTS_PER_WORKER)
    clients = [
        threading.Thread(
            target=run_client,
            args=(worker, name, range(n * share, (n + 1) * share), token, account_id, record),
        )
        for n, (worker, name) in enumerate(
            [(first, "first"), (second, "second")] * CLIENTS_PER_WORKER
        )
    ]
    for client in clients:
        client.start()

    assert record.enough.wait(timeout=180), "the load did not get going"
    first.kill_hard()
    for client in clients:
        client.join(timeout=300)
        assert not client.is_alive()

    # The kill came mid-load: the first worker had acknowledged writes, then failed
    # the calls that came after; the second acknowledged all of its own.
    assert record.acknowledged.get("first"), record
    assert record.failed.get("first", 0) > 0, record
    assert len(record.acknowledged["second"]) == MUTATIONS // 2
    assert not record.failed.get("second")
    acknowledged = [row for rows in record.acknowledged.values() for row in rows]
    assert stored_rows(postgres_url, acknowledged) == set(acknowledged)
    # And the survivor still serves them.
    listed = call(second, "account.list", token=token)["result"]
    acknowledged_accounts = {
        row_id for table, row_id in acknowledged if table == "browser_accounts"
    }
    assert acknowledged_accounts <= {account["id"] for account in listed}


def stored_rows(database_url: str, rows: list[tuple[str, str]]) -> set[tuple[str, str]]:
    engine = make_engine(database_url)
    found: set[tuple[str, str]] = set()
    try:
        with engine.connect() as connection:
            for table in {table for table, _ in rows}:
                ids = [row_id for name, row_id in rows if name == table]
                # Table names come from the fixed TABLES mapping, never from input.
                statement = text(f"SELECT id FROM {table} WHERE id = ANY(:ids)")  # noqa: S608
                found |= {(table, row_id) for row_id in connection.scalars(statement, {"ids": ids})}
    finally:
        engine.dispose()
    return found


def test_serve_with_two_workers_on_postgres_and_redis(
    deployment_env: dict[str, str], tmp_path: Path
) -> None:
    env = {**deployment_env, "SWITCHYARD_RATE_LIMIT_OVERRIDES": "auth.login=4/minute"}
    wrong = {"email": "nobody@example.com", "password": "Wrong-Password-1"}
    with switchyard_serve(env, tmp_path / "serve.log", "--workers", "2") as server:
        assert len(server.worker_pids()) == 2
        within_one_window("minute")
        # Fresh connections, spread over both workers by the kernel: one count whichever
        # worker answers.
        codes = [error_code(call(server, "auth.login", wrong)) for _ in range(6)]

    assert codes == ["UNAUTHORIZED"] * 4 + ["TOO_MANY_REQUESTS"] * 2
