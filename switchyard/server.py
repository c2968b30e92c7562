"""How ``switchyard serve`` runs the app: uvicorn on uvloop and httptools, 1 or N workers.

One worker runs in this process. N workers run under uvicorn's supervisor, which binds
the socket once, starts N processes that each build the app from the environment
(``worker_app``), and replaces any that dies. Workers share nothing in memory, so N > 1
needs the state that must be shared to live outside them: the database (PostgreSQL)
and the rate-limit counts (Redis).
"""

from __future__ import annotations

import gc
import importlib.util
from typing import Any

import uvicorn
from sqlalchemy.engine import make_url
from starlette.applications import Starlette

from db.migrate import upgrade_to_head
from middleware.logging import configure_logging
from switchyard.app import create_app
from switchyard.services import database_url
from switchyard.settings import ConfigurationError, Settings

# What every uvicorn that serves the app is given, here and in the tests' live servers.
UVICORN_OPTIONS: dict[str, Any] = {
    # The fast stack: measured on one core, a plain Starlette route does 5,881 calls
    # per CPU-second on uvloop and httptools, 2,622 on asyncio and h11.
    "loop": "uvloop",
    "http": "httptools",
    "ws": "none",
    # A failed start-up (a migration, the settings) stops the server instead of
    # serving without it.
    "lifespan": "on",
    # uvicorn's default believes X-Forwarded-For from 127.0.0.1: any process on the
    # host could then choose the address it is counted under. The app decides from
    # SWITCHYARD_TRUSTED_PROXIES instead (middleware/client_address.py).
    "proxy_headers": False,
    # Keep the app's JSON-lines logging instead of uvicorn's own; one line per call
    # is written by the app already.
    "log_config": None,
    "access_log": False,
}
WORKER_FACTORY = "switchyard.server:worker_app"
FAST_STACK = ("uvloop", "httptools")
ALLOW_LOCAL_STATE_FLAG = "--allow-local-state"


def serve(
    settings: Settings, *, host: str, port: int, workers: int, allow_local_state: bool
) -> None:
    """Serve until stopped; ConfigurationError before anything starts if it cannot work."""
    require_fast_stack()
    check_workers_share_state(settings, workers, allow_local_state=allow_local_state)
    configure_logging(settings.log_level)
    # Built here even for N workers, where it is thrown away: every check the workers
    # will make (signing key, data key, overrides) fails now, with exit status 2,
    # rather than in N children. It also writes the embedded default's generated
    # signing key before any worker starts, so they cannot race to make N of them.
    app = create_app(settings)
    if workers == 1:
        freeze_start_up_objects()
        uvicorn.run(app, host=host, port=port, **UVICORN_OPTIONS)
        return
    app.state.engine.dispose()
    del app
    if settings.uses_embedded_database:
        # Once, before the workers start: each one's start-up then finds the
        # database at the newest revision and has nothing to do.
        upgrade_to_head(database_url(settings))
    uvicorn.run(
        WORKER_FACTORY, factory=True, host=host, port=port, workers=workers, **UVICORN_OPTIONS
    )


def worker_app() -> Starlette:
    """The app as each worker process builds it: settings and logging from the environment.

    Also what to give another ASGI server, with its own proxy-header handling off:
    ``uvicorn --factory --no-proxy-headers switchyard.server:worker_app``.
    """
    settings = Settings()
    # A worker is a fresh process (spawned, not forked): it configures its own logging.
    configure_logging(settings.log_level)
    app = create_app(settings)
    freeze_start_up_objects()
    return app


def freeze_start_up_objects() -> None:
    """Take what start-up made out of the garbage collector's sight: once per process.

    Process-wide, so it belongs to the process that serves, once the app is built (in
    ``serve`` for one worker, in ``worker_app`` in each of N), not to the app factory,
    which tests call many times in one process.
    """
    # Everything alive now (modules, models, schemas, the app) lives as long as the
    # process: move it out of the garbage collector's sight, so that collections
    # during requests only scan what requests allocate.
    gc.collect()
    gc.freeze()


def require_fast_stack() -> None:
    missing = [name for name in FAST_STACK if importlib.util.find_spec(name) is None]
    if missing:
        raise ConfigurationError(
            f"{' and '.join(missing)} not installed: switchyard serves on uvloop and "
            "httptools (reinstall switchyard, e.g. pip install -e ., to bring them in)"
        )


def check_workers_share_state(settings: Settings, workers: int, *, allow_local_state: bool) -> None:
    """Refuse N > 1 workers whose database or rate-limit counts would be one process's."""
    if workers < 1:
        raise ConfigurationError(f"--workers must be at least 1, not {workers}")
    if workers == 1 or allow_local_state:
        return
    if uses_sqlite(settings):
        raise ConfigurationError(
            f"--workers {workers} needs a database that every worker and host shares: "
            "set DATABASE_URL to a PostgreSQL database (an SQLite file serialises all "
            f"writes on one host), or pass {ALLOW_LOCAL_STATE_FLAG} if that is intended"
        )
    if settings.rate_limits_enabled and settings.redis_url is None:
        raise ConfigurationError(
            f"--workers {workers} needs REDIS_URL: without it each worker counts rate "
            f"limits on its own and a caller gets {workers} times every published limit. "
            f"Set REDIS_URL, or pass {ALLOW_LOCAL_STATE_FLAG} if that is intended"
        )


def uses_sqlite(settings: Settings) -> bool:
    if settings.database_url is None:
        return True
    return make_url(settings.database_url).get_backend_name() == "sqlite"
