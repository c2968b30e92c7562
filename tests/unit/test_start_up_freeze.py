"""``gc.freeze()`` runs once per serving process, after the app is built: never in the
app factory, which tests call many times in one process."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette

from switchyard import server
from switchyard.app import create_app
from switchyard.server import WORKER_FACTORY, freeze_start_up_objects, serve, worker_app
from switchyard.settings import Settings

KEY = "k" * 32


def embedded_settings(data_dir: Path) -> Settings:
    # Explicitly the embedded default, whatever the environment of the test run says.
    return Settings(
        DATABASE_URL=None,
        REDIS_URL=None,
        data_dir=data_dir,
        secret_key=KEY,
        password_memory_kib=1024,
        password_time_cost=1,
        password_parallelism=1,
    )


@pytest.fixture
def events(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """What the serving path does, in order: build the app, freeze, serve.

    ``gc.freeze`` and ``uvicorn.run`` are only recorded (the test process is not frozen,
    and nothing is served); the app is built for real.
    """
    seen: list[str] = []
    built: list[Starlette] = []
    build = server.create_app

    def recorded_build(settings: Settings) -> Starlette:
        seen.append("build")
        built.append(build(settings))
        return built[-1]

    def recorded_run(app: Starlette | str, **options: Any) -> None:
        seen.append(f"serve {app}" if isinstance(app, str) else "serve")

    monkeypatch.setattr(server, "create_app", recorded_build)
    monkeypatch.setattr(gc, "freeze", lambda: seen.append("freeze"))
    monkeypatch.setattr(server.uvicorn, "run", recorded_run)
    # serve() and worker_app() set up the process's logging: not the test runner's.
    monkeypatch.setattr(server, "configure_logging", lambda level: None)
    yield seen
    for app in built:
        app.state.engine.dispose()


@pytest.mark.asyncio
async def test_building_and_starting_the_app_leaves_the_gc_alone(tmp_path: Path) -> None:
    before = gc.get_freeze_count()
    app = create_app(embedded_settings(tmp_path))
    async with app.router.lifespan_context(app):  # start-up (migrations) and shut-down
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://app") as client:
            assert (await client.get("/healthz")).status_code == 200
    assert gc.get_freeze_count() == before


def test_one_worker_is_frozen_once_after_the_app_is_built_and_before_serving(
    events: list[str], tmp_path: Path
) -> None:
    serve(embedded_settings(tmp_path), host="127.0.0.1", port=0, workers=1, allow_local_state=False)
    assert events == ["build", "freeze", "serve"]


def test_with_several_workers_each_worker_freezes_once_and_the_supervisor_never(
    events: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    serve(embedded_settings(tmp_path), host="127.0.0.1", port=0, workers=2, allow_local_state=True)
    # The supervisor builds the app only to check the settings, and serves the factory.
    assert events == ["build", f"serve {WORKER_FACTORY}"]

    # What each worker process runs.
    events.clear()
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("REDIS_URL", raising=False)
    monkeypatch.setenv("SWITCHYARD_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("SWITCHYARD_SECRET_KEY", KEY)
    worker_app()
    assert events == ["build", "freeze"]


@pytest.fixture
def unfrozen_afterwards() -> Iterator[None]:
    yield
    gc.unfreeze()


@pytest.mark.usefixtures("unfrozen_afterwards")
def test_freezing_moves_what_is_alive_out_of_the_collectors_sight() -> None:
    long_lived = {"made": ["at start-up"]}
    assert any(tracked is long_lived for tracked in gc.get_objects())
    freeze_start_up_objects()
    # Frozen objects sit in the permanent generation, which collections never scan.
    assert not any(tracked is long_lived for tracked in gc.get_objects())
    assert gc.get_freeze_count() > 0
