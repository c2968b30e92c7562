"""Run the Alembic migrations from code: `switchyard migrate` and the embedded start-up use this."""

import threading
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from db.engine import make_engine

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
# Alembic keeps the running environment in module globals (`alembic.context`), so two
# threads of one process must not migrate at once. Across processes, env.py takes a
# PostgreSQL advisory lock.
_ALEMBIC_LOCK = threading.Lock()


def alembic_config(url: str) -> Config:
    """An Alembic config for `url` built in memory: no alembic.ini is needed on disk."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    # Through attributes, not set_main_option: ConfigParser would choke on the `%`
    # of a percent-encoded password.
    config.attributes["url"] = url
    return config


def upgrade_to_head(url: str) -> None:
    """Bring the database at `url` to the newest revision; a no-op when it is already there."""
    with _ALEMBIC_LOCK:
        command.upgrade(alembic_config(url), "head")


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config("")).get_current_head()


def current_revision(url: str) -> str | None:
    """The revision the database at `url` is at, or None if it was never migrated."""
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    finally:
        engine.dispose()
