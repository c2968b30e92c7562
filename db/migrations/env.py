"""Alembic environment, driven by `db.migrate` (or the alembic CLI with `-x url=...`).

The URL comes from `config.attributes["url"]` (set programmatically, so passwords with
`%` never meet ConfigParser interpolation) or from `sqlalchemy.url`.
"""

from alembic import context
from sqlalchemy import Connection, text
from sqlmodel import SQLModel

import db.tables  # noqa: F401  (registers the tables on SQLModel.metadata)
from db.engine import make_engine

# Any constant works; it only has to be the same in every process that migrates.
MIGRATION_LOCK_KEY = 0x5317C4A1

config = context.config
target_metadata = SQLModel.metadata


def database_url() -> str:
    url = config.attributes.get("url") or context.get_x_argument(as_dictionary=True).get("url")
    url = url or config.get_main_option("sqlalchemy.url")
    if not url:
        raise RuntimeError("No database URL: pass it through config.attributes['url']")
    return str(url)


def is_sqlite(url: str) -> bool:
    return url.startswith("sqlite")


def run_migrations_offline() -> None:
    url = database_url()
    context.configure(
        url=url,
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=is_sqlite(url),
    )
    with context.begin_transaction():
        context.run_migrations()


def run_with_connection(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        # SQLite cannot ALTER most things; batch mode rebuilds the table instead.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        if connection.dialect.name == "postgresql":
            # Several server processes may start at once and all try to migrate:
            # serialise them. The lock is released when this transaction ends, and
            # the ones that waited then find the database already at head.
            connection.execute(
                text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY}
            )
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        run_with_connection(connection)
        return
    engine = make_engine(database_url())
    try:
        with engine.connect() as connection:
            run_with_connection(connection)
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
