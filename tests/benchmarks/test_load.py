"""A round starts once the server has finished the requests of the load before it."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from benchmarks.load import wait_until_idle


@contextmanager
def busy_process(busy_seconds: float, done: Path) -> Iterator[int]:
    """A process that spins for ``busy_seconds``, writes ``done``, then sleeps; its pid."""
    program = (
        "import sys, time\n"
        f"end = time.monotonic() + {busy_seconds}\n"
        "while time.monotonic() < end:\n"
        "    pass\n"
        "open(sys.argv[1], 'w').close()\n"
        "time.sleep(60)\n"
    )
    process = subprocess.Popen([sys.executable, "-c", program, str(done)])  # noqa: S603
    try:
        yield process.pid
    finally:
        process.kill()
        process.wait()


def test_waiting_for_idle_returns_after_the_work_in_hand_is_done(tmp_path: Path) -> None:
    done = tmp_path / "done"
    with busy_process(1.0, done) as pid:
        wait_until_idle(pid)
        assert done.exists()


def test_a_server_that_stays_busy_is_an_error(tmp_path: Path) -> None:
    with busy_process(60.0, tmp_path / "done") as pid, pytest.raises(RuntimeError, match="busy"):
        wait_until_idle(pid, timeout=1.0)
