import subprocess
import sys

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect, text
from sqlmodel import SQLModel

from db.engine import make_engine
from db.migrate import alembic_config, current_revision, head_revision, upgrade_to_head


def test_fresh_database_has_no_revision(database_url: str) -> None:
    assert current_revision(database_url) is None


def test_upgrade_creates_the_tables_at_head(database_url: str) -> None:
    upgrade_to_head(database_url)

    assert current_revision(database_url) == head_revision() is not None
    engine = make_engine(database_url)
    try:
        tables = set(inspect(engine).get_table_names())
    finally:
        engine.dispose()
    # Every table the code defines, and nothing else (matching columns: see below).
    assert tables == set(SQLModel.metadata.tables) | {"alembic_version"}


def test_upgrade_to_0003_keeps_the_sessions_and_starts_their_chains_empty(
    database_url: str,
) -> None:
    command.upgrade(alembic_config(database_url), "0002")
    engine = make_engine(database_url)
    try:
        with engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO users (id, email, full_name, password_hash, role, is_active,"
                    " created_at, updated_at) VALUES ('u1', 'a@example.com', 'A', 'h', 'admin',"
                    " true, '2026-01-01 00:00:00', '2026-01-01 00:00:00')"
                )
            )
            connection.execute(
                text(
                    "INSERT INTO auth_sessions (id, user_id, refresh_token_hash, created_at,"
                    " expires_at) VALUES ('s1', 'u1', :hash, '2026-01-01 00:00:00',"
                    " '2026-02-01 00:00:00')"
                ),
                {"hash": "0" * 64},
            )

        upgrade_to_head(database_url)

        with engine.connect() as connection:
            sessions = connection.execute(text("SELECT id FROM auth_sessions")).all()
            retired = connection.execute(text("SELECT * FROM retired_refresh_tokens")).all()
        assert [row.id for row in sessions] == ["s1"]
        assert retired == []
    finally:
        engine.dispose()


def test_upgrade_is_idempotent(database_url: str) -> None:
    upgrade_to_head(database_url)
    upgrade_to_head(database_url)
    assert current_revision(database_url) == head_revision()


def test_migrations_match_the_table_definitions(migrated_engine: Engine) -> None:
    # Catches a table change that was made without a migration (or the reverse).
    with migrated_engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, SQLModel.metadata)
    assert differences == []


def test_concurrent_upgrades_on_postgresql_are_serialised(database_url: str) -> None:
    # Several server processes may start together; the advisory lock in env.py makes
    # the late ones wait and then find the database at head. Separate processes,
    # because that is the real case (and Alembic's context is per process).
    if not database_url.startswith("postgresql"):
        pytest.skip("PostgreSQL advisory lock")
    script = "import sys; from db.migrate import upgrade_to_head; upgrade_to_head(sys.argv[1])"
    workers = [
        subprocess.Popen(  # noqa: S603 (our own interpreter and a fixed script)
            [sys.executable, "-c", script, database_url], stderr=subprocess.PIPE
        )
        for _ in range(3)
    ]
    outputs = [worker.communicate(timeout=60)[1] for worker in workers]
    failures = [err for worker, err in zip(workers, outputs, strict=True) if worker.returncode]
    assert failures == []
    assert current_revision(database_url) == head_revision()
