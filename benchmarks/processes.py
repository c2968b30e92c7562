"""Starting a benchmark server alone on its core, and calling it.

Each server runs under ``benchmarks.launch`` (the stack ``switchyard serve`` ships),
one worker pinned to the server's CPU, with an environment made for it alone: the
parent's, less its database and Redis, plus what the run chose.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
SERVER_CPU = "0"
LOAD_CPU = "1"
START_SECONDS = 30


def tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise RuntimeError(f"{name} is missing: apt-get install wrk util-linux")
    return path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def server_environment(variables: dict[str, str]) -> dict[str, str]:
    """This process's environment for a server, with ``variables`` on top.

    DATABASE_URL and REDIS_URL are dropped first: a server uses the database the run
    names (unset: the embedded SQLite file) and in-memory rate limits.
    """
    env = {name: value for name, value in os.environ.items()
           if name not in ("DATABASE_URL", "REDIS_URL")}  # fmt: skip
    return {**env, **variables}


@contextlib.contextmanager
def running(factory: str, env: dict[str, str]) -> Iterator[tuple[subprocess.Popen[bytes], str]]:
    """The app ``factory`` serving on a free port, pinned to SERVER_CPU; its base URL."""
    port = free_port()
    command = [
        tool("taskset"), "-c", SERVER_CPU, sys.executable, "-m", "benchmarks.launch",
        factory, "--host", "127.0.0.1", "--port", str(port),
    ]  # fmt: skip
    process = subprocess.Popen(command, cwd=ROOT, env=env)  # noqa: S603
    try:
        _wait_until_serving(process, port)
        yield process, f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)


def _wait_until_serving(process: subprocess.Popen[bytes], port: int) -> None:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}")
        # A TCP connection is enough: the first call is checked before any load.
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 1):
            return
        time.sleep(0.1)
    raise RuntimeError(f"server did not start in {START_SECONDS} s")


def post(url: str, body: str, token: str | None = None, timeout: float = 30) -> Any:
    """The JSON answer to ``body`` POSTed to ``url``, as the load generator sends it."""
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    return httpx.post(url, content=body, headers=headers, timeout=timeout).json()


def run_switchyard_command(arguments: list[str], env: dict[str, str]) -> None:
    """``python -m switchyard <arguments>`` in ``env``; its output only if it fails."""
    completed = subprocess.run(  # noqa: S603 - fixed arguments, no shell
        [sys.executable, "-m", "switchyard", *arguments],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    if completed.returncode != 0:
        raise RuntimeError(
            f"switchyard {arguments[0]} failed ({completed.returncode}): {completed.stderr}"
        )
