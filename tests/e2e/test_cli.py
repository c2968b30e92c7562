"""The command line as a new user meets it: serve, create-admin, migrate, openrpc."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]
SWITCHYARD = [sys.executable, "-m", "switchyard"]
ADMIN_PASSWORD = "Harbour-Lights-42"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture
def cli_env(tmp_path: Path, database_url: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("SWITCHYARD_") and key not in {"DATABASE_URL", "REDIS_URL"}
    }
    env.update(
        SWITCHYARD_DATA_DIR=str(tmp_path / "data"),
        SWITCHYARD_PASSWORD_MEMORY_KIB="1024",
        SWITCHYARD_PASSWORD_TIME_COST="1",
        SWITCHYARD_PASSWORD_PARALLELISM="1",
        SWITCHYARD_LOG_LEVEL="WARNING",
    )
    if database_url.startswith("postgresql"):
        # An external database is migrated explicitly (the embedded one migrates itself).
        env.update(DATABASE_URL=database_url, SWITCHYARD_SECRET_KEY="k" * 48)
        migrated = _run(["migrate"], env)
        assert migrated.returncode == 0, migrated.stderr
        assert "database at revision" in migrated.stdout
    return env


def _run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - our own CLI with fixed arguments
        [*SWITCHYARD, *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=60
    )


@pytest.fixture
def server(cli_env: dict[str, str], tmp_path: Path) -> Iterator[str]:
    port = _free_port()
    log = tmp_path / "server.log"
    with log.open("w") as log_file:
        process = subprocess.Popen(  # noqa: S603
            [*SWITCHYARD, "serve", "--host", "127.0.0.1", "--port", str(port)],
            env=cli_env,
            cwd=ROOT,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
    base_url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            assert process.poll() is None, f"server exited: {log.read_text()}"
            try:
                if httpx.get(f"{base_url}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "server did not answer /healthz in 30 s"
            time.sleep(0.1)
        yield base_url
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_serve_then_create_admin_then_login(server: str, cli_env: dict[str, str]) -> None:
    created = _run(
        ["create-admin", "--email", "Root@Example.com", "--password", ADMIN_PASSWORD], cli_env
    )
    assert created.returncode == 0, created.stderr
    assert "created admin root@example.com" in created.stdout

    body = {
        "jsonrpc": "2.0",
        "method": "auth.login",
        "params": {"email": "root@example.com", "password": ADMIN_PASSWORD},
        "id": 1,
    }
    login = httpx.post(f"{server}/rpc", json=body).json()
    token = login["result"]["accessToken"]
    me = httpx.post(
        f"{server}/rpc",
        json={"jsonrpc": "2.0", "method": "auth.me", "id": 2},
        headers={"Authorization": f"Bearer {token}"},
    ).json()
    assert me["result"]["email"] == "root@example.com"
    assert me["result"]["role"] == "admin"


def test_serve_publishes_the_committed_openrpc_document(server: str) -> None:
    served = httpx.get(f"{server}/openrpc.json")
    assert served.status_code == 200
    assert served.content == (ROOT / "openrpc.json").read_bytes()


def test_create_admin_refuses_a_weak_password_and_a_taken_email(cli_env: dict[str, str]) -> None:
    weak = _run(["create-admin", "--email", "a@example.com", "--password", "short"], cli_env)
    assert weak.returncode == 1
    assert "Password must be 8-128 characters" in weak.stderr
    first = _run(
        ["create-admin", "--email", "a@example.com", "--password", ADMIN_PASSWORD], cli_env
    )
    assert first.returncode == 0, first.stderr
    again = _run(
        ["create-admin", "--email", "A@example.com", "--password", ADMIN_PASSWORD], cli_env
    )
    assert again.returncode == 1
    assert "already exists" in again.stderr


def test_openrpc_command_prints_the_committed_document(cli_env: dict[str, str]) -> None:
    printed = _run(["openrpc"], cli_env)
    assert printed.returncode == 0
    assert printed.stdout == (ROOT / "openrpc.json").read_text()
    assert json.loads(printed.stdout)["openrpc"] == "1.3.2"


def test_production_mode_without_a_secret_key_refuses_to_start(cli_env: dict[str, str]) -> None:
    env = {**cli_env, "SWITCHYARD_ENV": "production"}
    env.pop("SWITCHYARD_SECRET_KEY", None)
    result = _run(["serve", "--port", str(_free_port())], env)
    assert result.returncode == 2
    assert "SWITCHYARD_SECRET_KEY is not set" in result.stderr
