"""``switchyard serve`` as an operator runs it: the caller's address, and N workers."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import httpx
import pytest

from tests.e2e.processes import ServerProcess, base_environment, run_cli, switchyard_serve
from tests.rate_windows import within_one_window

WRONG_LOGIN = {
    "jsonrpc": "2.0",
    "id": 1,
    "method": "auth.login",
    "params": {"email": "nobody@example.com", "password": "Wrong-Password-1"},
}


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """The embedded default (SQLite in a fresh data directory), auth.login at 2 a minute."""
    env = base_environment(tmp_path / "data")
    env["SWITCHYARD_RATE_LIMIT_OVERRIDES"] = "auth.login=2/minute"
    return env


def login_codes(server: ServerProcess, forwarded_for: list[str]) -> list[str]:
    within_one_window("minute")
    codes = []
    for address in forwarded_for:
        answer = httpx.post(
            f"{server.url}/rpc", json=WRONG_LOGIN, headers={"X-Forwarded-For": address}, timeout=30
        ).json()
        codes.append(answer["error"]["data"]["code"])
    return codes


def test_serve_does_not_let_a_local_caller_choose_its_address(
    env: dict[str, str], tmp_path: Path
) -> None:
    # uvicorn on its own believes X-Forwarded-For from 127.0.0.1; switchyard serve must not.
    with switchyard_serve(env, tmp_path / "serve.log") as server:
        codes = login_codes(server, ["198.51.100.1", "198.51.100.2", "198.51.100.3"])

    assert codes == ["UNAUTHORIZED", "UNAUTHORIZED", "TOO_MANY_REQUESTS"]


def test_serve_takes_the_address_from_a_trusted_proxy(env: dict[str, str], tmp_path: Path) -> None:
    env["SWITCHYARD_TRUSTED_PROXIES"] = "127.0.0.1"
    with switchyard_serve(env, tmp_path / "serve.log") as server:
        codes = login_codes(server, ["198.51.100.1", "198.51.100.2", "198.51.100.3"])

    assert codes == ["UNAUTHORIZED"] * 3


def test_serve_refuses_a_malformed_trusted_proxy(env: dict[str, str]) -> None:
    env["SWITCHYARD_TRUSTED_PROXIES"] = "10.0.0.1, load-balancer.internal"

    result = run_cli(["serve", "--port", "0"], env)

    assert result.returncode == 2
    assert "SWITCHYARD_TRUSTED_PROXIES (entry 2): value is not a valid IPv4 or IPv6 network" in (
        result.stderr
    )
    assert "Traceback" not in result.stderr


def test_several_workers_on_sqlite_are_refused(env: dict[str, str]) -> None:
    result = run_cli(["serve", "--port", "0", "--workers", "2"], env)

    assert result.returncode == 2
    assert "--workers 2 needs a database that every worker and host shares" in result.stderr
    assert "DATABASE_URL" in result.stderr
    assert "--allow-local-state" in result.stderr


def test_several_workers_without_redis_are_refused(env: dict[str, str]) -> None:
    # Refused before anything connects, so no server has to be there.
    env["DATABASE_URL"] = "postgresql+psycopg://postgres@127.0.0.1:1/unused"
    env["SWITCHYARD_SECRET_KEY"] = "k" * 48

    result = run_cli(["serve", "--port", "0", "--workers", "3"], env)

    assert result.returncode == 2
    assert "--workers 3 needs REDIS_URL" in result.stderr
    assert "3 times every published limit" in result.stderr


def test_several_workers_with_a_bad_setting_stop_before_any_worker_starts(
    env: dict[str, str],
) -> None:
    env["SWITCHYARD_RATE_LIMIT_OVERRIDES"] = "auth.logn=5/minute"

    result = run_cli(["serve", "--port", "0", "--workers", "2", "--allow-local-state"], env)

    assert result.returncode == 2
    assert "SWITCHYARD_RATE_LIMIT_OVERRIDES names unknown procedures: auth.logn" in result.stderr
    assert "Started parent process" not in result.stderr


def test_two_workers_serve_and_a_dead_one_is_replaced(env: dict[str, str], tmp_path: Path) -> None:
    log = tmp_path / "serve.log"
    with switchyard_serve(env, log, "--workers", "2", "--allow-local-state") as server:
        workers = wait_for_workers(server, 2)
        assert all(is_served(server) for _ in range(20))

        # kill -9 one worker: the other keeps answering, and the supervisor starts
        # a replacement.
        killed = workers[0]
        kill_hard(killed)
        assert all(is_served(server) for _ in range(20))
        replaced = wait_for_workers(server, 2, without=killed)

    assert killed not in replaced
    # The parent migrated the embedded database once before the workers started;
    # each worker's start-up then found it at the newest revision.
    assert log.read_text().count("Running upgrade  -> 0001") == 1


def wait_for_workers(server: ServerProcess, count: int, *, without: int = 0) -> list[int]:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        pids = server.worker_pids()
        if len(pids) == count and without not in pids:
            return pids
        time.sleep(0.2)
    raise AssertionError(f"expected {count} workers, found {server.worker_pids()}")


def is_served(server: ServerProcess) -> bool:
    # A fresh connection each time, so the calls spread over the workers.
    answer = httpx.post(
        f"{server.url}/rpc", json={"jsonrpc": "2.0", "id": 1, "method": "auth.me"}, timeout=30
    ).json()
    return answer == {"jsonrpc": "2.0", "id": 1, "result": None}


def kill_hard(pid: int) -> None:
    """SIGKILL a worker and wait until it is gone (a zombie until its parent reaps it)."""
    os.kill(pid, signal.SIGKILL)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
        except FileNotFoundError:
            return
        if state == "Z":
            return
        time.sleep(0.05)
    raise AssertionError(f"worker {pid} still runs 30 s after SIGKILL")
