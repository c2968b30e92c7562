"""A run's databases: PostgreSQL's is its own, named uniquely and dropped however the run
ends; an unreachable server is an error the run can report, not a traceback."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import psycopg
import pytest

from benchmarks.databases import (
    DATABASE_NAME_PREFIX,
    UnreachableDatabaseError,
    libpq_url,
    postgresql_database,
    sqlite_database,
)

pytestmark = pytest.mark.postgres


@pytest.fixture
def server_url() -> str:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgresql"):
        reason = "needs PostgreSQL: set DATABASE_URL to a postgresql+psycopg:// server"
        if os.environ.get("REQUIRE_POSTGRES") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    return url


def _exists(server_url: str, name: str) -> bool:
    with psycopg.connect(libpq_url(server_url), autocommit=True) as connection:
        found = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,))
        return found.fetchone() is not None


def test_postgresql_gets_a_database_of_its_own_dropped_even_when_the_run_fails(
    server_url: str, tmp_path: Path
) -> None:
    names = []
    with (  # noqa: PT012 - the failure must happen inside the run
        pytest.raises(RuntimeError, match="the run failed"),
        postgresql_database(server_url, tmp_path) as database,
    ):
        assert database.url is not None
        names.append(database.url.rsplit("/", 1)[1])
        assert names[0].startswith(f"{DATABASE_NAME_PREFIX}_")
        assert _exists(server_url, names[0])
        assert database.environment()["DATABASE_URL"] == database.url
        raise RuntimeError("the run failed")
    assert not _exists(server_url, names[0])


def test_the_database_is_dropped_even_when_setting_up_beside_it_fails(
    server_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    suffix = secrets.token_hex(6)
    monkeypatch.setattr("benchmarks.databases.secrets.token_hex", lambda _: suffix)
    missing = tmp_path / "missing"  # no such directory: its data directory cannot be made
    with pytest.raises(FileNotFoundError), postgresql_database(server_url, missing):
        pass
    assert not _exists(server_url, f"{DATABASE_NAME_PREFIX}_{suffix}")


def test_two_runs_never_share_a_database(server_url: str, tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    with (
        postgresql_database(server_url, tmp_path / "a") as first,
        postgresql_database(server_url, tmp_path / "b") as second,
    ):
        assert first.url != second.url


def test_an_unreachable_server_is_reported_as_such(tmp_path: Path) -> None:
    # Port 1 of the loopback: nothing listens there, the connection is refused at once.
    closed = "postgresql+psycopg://postgres@127.0.0.1:1/test"
    with (
        pytest.raises(UnreachableDatabaseError, match="not reachable"),
        postgresql_database(closed, tmp_path),
    ):
        pass


def test_sqlite_is_the_embedded_default_in_the_run_directory(tmp_path: Path) -> None:
    with sqlite_database(tmp_path) as database:
        assert database.environment() == {"SWITCHYARD_DATA_DIR": str(tmp_path / "sqlite")}
        assert database.data_dir.is_dir()
