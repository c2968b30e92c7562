"""The sender inside ``serve``: started with the app's lifespan, stopped with it, or not
started at all when SWITCHYARD_SEND_EMAILS_IN_SERVER is off."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import anyio
import pytest

from switchyard import app as app_module
from switchyard.app import create_app
from switchyard.settings import Settings


class RecordingSender:
    def __init__(self) -> None:
        self.events: list[str] = []

    async def run(self, stop: anyio.Event) -> None:
        self.events.append("started")
        await stop.wait()
        self.events.append("stopped")


@pytest.fixture
def sender(monkeypatch: pytest.MonkeyPatch) -> RecordingSender:
    recording = RecordingSender()

    def build(*_: Any) -> RecordingSender:
        return recording

    monkeypatch.setattr(app_module, "build_email_sender", build)
    return recording


def _settings(tmp_path: Path, **overrides: Any) -> Settings:
    return Settings(
        DATABASE_URL=f"sqlite:///{tmp_path / 'app.db'}",
        REDIS_URL=None,
        data_dir=tmp_path,
        secret_key="k" * 32,
        **overrides,
    )


@pytest.mark.asyncio
async def test_the_sender_runs_for_the_apps_lifetime(
    sender: RecordingSender, tmp_path: Path
) -> None:
    app = create_app(_settings(tmp_path))
    async with app.router.lifespan_context(app):
        await anyio.wait_all_tasks_blocked()
        assert sender.events == ["started"]
    assert sender.events == ["started", "stopped"]


@pytest.mark.asyncio
async def test_the_setting_turns_the_in_process_sender_off(
    sender: RecordingSender, tmp_path: Path
) -> None:
    app = create_app(_settings(tmp_path, send_emails_in_server=False))
    async with app.router.lifespan_context(app):
        await anyio.wait_all_tasks_blocked()
    assert sender.events == []
