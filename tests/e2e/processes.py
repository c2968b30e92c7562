"""`switchyard serve` as a real process (or a supervisor of several), for the tests.

The server binds port 0 and the test reads the port it got from uvicorn's start-up
line, so no port is ever guessed. Each process is stopped by its own pid.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
SWITCHYARD = [sys.executable, "-m", "switchyard"]
START_TIMEOUT_SECONDS = 90  # spawned workers each import the app: slow on a busy host
_LISTENING = re.compile(r"Uvicorn running on (http://127\.0\.0\.1:\d+)")


def base_environment(data_dir: Path) -> dict[str, str]:
    """This process's environment without any Switchyard settings, plus cheap Argon2."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("SWITCHYARD_") and key not in {"DATABASE_URL", "REDIS_URL"}
    }
    env.update(
        SWITCHYARD_DATA_DIR=str(data_dir),
        SWITCHYARD_PASSWORD_MEMORY_KIB="1024",
        SWITCHYARD_PASSWORD_TIME_COST="1",
        SWITCHYARD_PASSWORD_PARALLELISM="1",
        # INFO: the start-up line that names the port is logged at that level.
        SWITCHYARD_LOG_LEVEL="INFO",
    )
    return env


def run_cli(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - our own CLI with fixed arguments
        [*SWITCHYARD, *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=120
    )


@dataclass(frozen=True)
class ServerProcess:
    process: subprocess.Popen[bytes]
    url: str
    log: Path

    @property
    def pid(self) -> int:
        return self.process.pid

    def worker_pids(self) -> list[int]:
        """The pids of the worker processes uvicorn's supervisor spawned."""
        children = Path(f"/proc/{self.pid}/task/{self.pid}/children").read_text().split()
        return [int(child) for child in children if _is_spawned_worker(int(child))]

    def kill_hard(self) -> None:
        """SIGKILL: no shutdown, no flushing, as when a host loses a process."""
        os.kill(self.pid, signal.SIGKILL)
        self.process.wait(timeout=30)


def _is_spawned_worker(pid: int) -> bool:
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes()
    except FileNotFoundError:
        return False
    return b"spawn_main" in command


@contextlib.contextmanager
def switchyard_serve(env: dict[str, str], log: Path, *args: str) -> Iterator[ServerProcess]:
    """Start ``switchyard serve`` on 127.0.0.1, port 0; yield once /healthz answers 200."""
    with log.open("wb") as log_file:
        process = subprocess.Popen(  # noqa: S603
            [*SWITCHYARD, "serve", "--host", "127.0.0.1", "--port", "0", *args],
            env=env,
            cwd=ROOT,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
    try:
        url = _wait_until_serving(process, log)
        yield ServerProcess(process, url, log)
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)


def _wait_until_serving(process: subprocess.Popen[bytes], log: Path) -> str:
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    url = None
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"switchyard serve exited ({process.returncode}):\n{_tail(log)}")
        url = url or _listening_url(log)
        if url is not None:
            with contextlib.suppress(httpx.TransportError):
                if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:
                    return url
        time.sleep(0.1)
    raise AssertionError(
        f"switchyard serve did not serve in {START_TIMEOUT_SECONDS} s:\n{_tail(log)}"
    )


def _listening_url(log: Path) -> str | None:
    for line in log.read_text(errors="replace").splitlines():
        with contextlib.suppress(ValueError):
            match = _LISTENING.search(json.loads(line).get("message", ""))
            if match:
                return match.group(1)
    return None


def _tail(log: Path) -> str:
    return "\n".join(log.read_text(errors="replace").splitlines()[-30:])
