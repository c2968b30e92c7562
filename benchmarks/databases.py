"""The databases a run measures on: an SQLite file in the run's directory, and a PostgreSQL
database made for the run on a server (by default the local one) and dropped after it.

Each yields a ``BenchDatabase``: what a server needs in its environment to use it. Every
server of one database (Switchyard, its floor, the FastAPI reference) gets the same
environment, so they all read the same rows with the same signing key.
"""

from __future__ import annotations

import contextlib
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import psycopg
from psycopg import sql
from sqlalchemy.engine import make_url

SQLITE: Final = "sqlite"
POSTGRESQL: Final = "postgresql"
DATABASES: Final = (SQLITE, POSTGRESQL)
DEFAULT_POSTGRESQL_URL: Final = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
DATABASE_NAME_PREFIX: Final = "switchyard_bench"


class UnreachableDatabaseError(RuntimeError):
    """The PostgreSQL server could not be reached to make the run's database."""


@dataclass(frozen=True)
class BenchDatabase:
    kind: str
    # The servers' data directory: the SQLite file lives there (and the generated
    # signing key would, were none given).
    data_dir: Path
    # DATABASE_URL for the servers; None: the embedded SQLite file in data_dir.
    url: str | None = None

    def environment(self) -> dict[str, str]:
        """The variables that point a server at this database (DATABASE_URL unset: SQLite)."""
        variables = {"SWITCHYARD_DATA_DIR": str(self.data_dir)}
        if self.url is not None:
            variables["DATABASE_URL"] = self.url
        return variables


@contextlib.contextmanager
def sqlite_database(workdir: Path) -> Iterator[BenchDatabase]:
    """The embedded default: a file in the run's directory, gone with the directory."""
    data_dir = workdir / SQLITE
    data_dir.mkdir()
    yield BenchDatabase(SQLITE, data_dir)


@contextlib.contextmanager
def postgresql_database(server_url: str, workdir: Path) -> Iterator[BenchDatabase]:
    """A database of its own on the server at ``server_url``, dropped afterwards.

    A unique name, so that two runs (or a run and the test suite) never share one; the
    drop runs even when the run fails, and forces out connections a crashed server
    left behind.
    """
    name = f"{DATABASE_NAME_PREFIX}_{secrets.token_hex(6)}"
    maintenance = libpq_url(server_url)
    try:
        with psycopg.connect(maintenance, autocommit=True, connect_timeout=5) as admin:
            admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    except psycopg.OperationalError as error:
        raise UnreachableDatabaseError(
            f"PostgreSQL at {make_url(server_url).render_as_string()} is not reachable: {error}"
        ) from error
    try:
        data_dir = workdir / POSTGRESQL
        data_dir.mkdir()
        url = make_url(server_url).set(database=name).render_as_string(hide_password=False)
        yield BenchDatabase(POSTGRESQL, data_dir, url)
    finally:
        with psycopg.connect(maintenance, autocommit=True, connect_timeout=5) as admin:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


def libpq_url(url: str) -> str:
    """``postgresql+psycopg://...`` (SQLAlchemy's form) as psycopg takes it."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
