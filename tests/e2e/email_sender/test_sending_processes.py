"""The sender where it runs: ``switchyard worker`` as a process, and inside ``serve``.

Both use the embedded default's transport (no SMTP host): each email becomes an .eml
file under the data directory, which is how these tests see that it went out.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import sessionmaker
from sqlmodel import Session

from db.unit_of_work import session_factory
from services.clock import utc_now
from tests.e2e.conftest import LiveServer
from tests.e2e.processes import ROOT, SWITCHYARD, base_environment
from tests.integration.email_sender.outbox import queue_email, stored

# Generous: a loaded host starts a Python process slowly. Never a measured duration,
# only how long to wait before calling it broken.
WAIT_SECONDS = 60


def _wait_for(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.05)


def _eml_files(data_dir: Path) -> list[Path]:
    outbox = data_dir / "outbox"
    return sorted(outbox.glob("*.eml")) if outbox.is_dir() else []


def test_switchyard_worker_sends_until_sigterm_then_stops_cleanly(
    migrated_engine: Engine, database_url: str, tmp_path: Path
) -> None:
    sessions: sessionmaker[Session] = session_factory(migrated_engine)
    first = queue_email(sessions, utc_now())
    env = base_environment(tmp_path)
    env.update(DATABASE_URL=database_url, SWITCHYARD_EMAIL_POLL_INTERVAL_SECONDS="0.1")
    log = tmp_path / "worker.log"
    with log.open("wb") as output:
        worker = subprocess.Popen(  # noqa: S603 - our own CLI with fixed arguments
            [*SWITCHYARD, "worker"], env=env, cwd=ROOT, stdout=output, stderr=output
        )
    try:
        _wait_for(lambda: len(_eml_files(tmp_path)) == 1, "the queued email's .eml file")
        # Queued while the worker idles: found on a later poll.
        second = queue_email(sessions, utc_now(), recipient_email="lee@customers.test")
        _wait_for(lambda: len(_eml_files(tmp_path)) == 2, "the second email's .eml file")
        _wait_for(
            lambda: stored(sessions, second.id).status == "sent", "the second email marked sent"
        )

        os.kill(worker.pid, signal.SIGTERM)
        assert worker.wait(timeout=WAIT_SECONDS) == 0
    finally:
        if worker.poll() is None:
            worker.kill()
            worker.wait(timeout=WAIT_SECONDS)

    assert stored(sessions, first.id).status == "sent"
    assert {path.name.split("-", 1)[1] for path in _eml_files(tmp_path)} == {
        f"{first.id}.eml",
        f"{second.id}.eml",
    }
    written = log.read_text()
    assert "SIGTERM received, stopping" in written
    assert "stopped" in written
    # Outcomes are logged by email id, never by address.
    assert first.id in written
    assert "customers.test" not in written


def test_serve_sends_in_process(start_server: Callable[..., LiveServer], tmp_path: Path) -> None:
    server = start_server(send_emails_in_server=True, email_poll_interval_seconds=0.1)
    sessions: sessionmaker[Session] = session_factory(server.engine)

    email = queue_email(sessions, utc_now())

    _wait_for(lambda: stored(sessions, email.id).status == "sent", "the email marked sent")
    [written] = _eml_files(tmp_path)
    assert written.name.endswith(f"-{email.id}.eml")
