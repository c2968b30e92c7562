"""Fresh databases at the newest revision by copying a migrated one, not by migrating.

Running every migration costs about half a second per database on PostgreSQL (and a
good part of that on SQLite), and the tests make a fresh database per test and per
end-to-end module. So each test process migrates one template database, the first time
it needs one, and the fixtures that migrate their fresh database copy it instead:
``CREATE DATABASE ... TEMPLATE`` on PostgreSQL (tests/databases.py, ``migrated=True``),
a file copy on SQLite. The copy holds exactly what migrating the empty database writes,
and the template is migrated by the run itself, so it follows the code under test.

On PostgreSQL the copy is made when the database is created: replacing an empty
database afterwards would cost one more DROP DATABASE, and every DROP DATABASE forces a
checkpoint of the whole server. ``migrate_fresh`` then has nothing left to do. Any other
database is migrated for real, and the tests of the migrations themselves call
``upgrade_to_head`` and Alembic directly on empty databases.

Templates are named uniquely (prefix, process id, random part), so concurrent runs and
the xdist workers of one run never share one, and ``drop_templates`` (called when the
test session ends, pass or fail, and at interpreter exit as a fallback) removes them.
"""

from __future__ import annotations

import atexit
import os
import secrets
import shutil
import tempfile
import threading
from pathlib import Path

from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.pool import NullPool

from db.migrate import upgrade_to_head

TEMPLATE_PREFIX = "switchyard_template"
SQLITE_TEMPLATE_NAME = "migrated-template.db"

_lock = threading.Lock()
# Server URL -> name of this process's migrated template database on that server.
_postgres_templates: dict[str, str] = {}
_sqlite_template_dir: Path | None = None
# The PostgreSQL databases made as copies of a template and not dropped yet.
_copies: set[str] = set()


def note_copy(name: str) -> None:
    _copies.add(name)


def forget_copy(name: str) -> None:
    _copies.discard(name)


def migrate_fresh(url: str) -> None:
    """Bring the database at ``url`` to head, as ``upgrade_to_head`` does: nothing to do
    for a copy of the template, a file copy for an SQLite file not made yet, the
    migrations otherwise."""
    parsed = make_url(url)
    backend = parsed.get_backend_name()
    if backend == "postgresql" and parsed.database in _copies:
        return
    if backend == "sqlite" and _copy_sqlite_template(parsed):
        return
    upgrade_to_head(url)


def drop_templates() -> None:
    """Drop this process's templates; safe to call more than once."""
    global _sqlite_template_dir
    with _lock:
        templates = list(_postgres_templates.items())
        _postgres_templates.clear()
        sqlite_dir, _sqlite_template_dir = _sqlite_template_dir, None
    for server_url, name in templates:
        admin = _admin(server_url)
        try:
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        finally:
            admin.dispose()
    if sqlite_dir is not None:
        shutil.rmtree(sqlite_dir, ignore_errors=True)


atexit.register(drop_templates)


def _admin(server_url: str) -> Engine:
    return create_engine(server_url, isolation_level="AUTOCOMMIT", poolclass=NullPool)


def postgres_template(server_url: str) -> str:
    """The name of this process's migrated template on the server, made the first time."""
    with _lock:
        template = _postgres_templates.get(server_url)
        if template is not None:
            return template
        template = f"{TEMPLATE_PREFIX}_{os.getpid()}_{secrets.token_hex(6)}"
        admin = _admin(server_url)
        try:
            with admin.connect() as connection:
                connection.execute(text(f'CREATE DATABASE "{template}"'))
            rendered = make_url(server_url).set(database=template)
            try:
                # upgrade_to_head disposes its engine: no session stays on the
                # template, which PostgreSQL requires of a database it copies.
                upgrade_to_head(rendered.render_as_string(hide_password=False))
            except BaseException:
                with admin.connect() as connection:
                    connection.execute(text(f'DROP DATABASE IF EXISTS "{template}"'))
                raise
        finally:
            admin.dispose()
        _postgres_templates[server_url] = template
        return template


def _copy_sqlite_template(url: URL) -> bool:
    database = url.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return False
    target = Path(database)
    # Only a file nobody opened yet: overwriting an open SQLite file corrupts it.
    if target.exists() or not target.parent.is_dir():
        return False
    shutil.copyfile(_sqlite_template(), target)
    return True


def _sqlite_template() -> Path:
    global _sqlite_template_dir
    with _lock:
        if _sqlite_template_dir is None:
            directory = Path(tempfile.mkdtemp(prefix=f"{TEMPLATE_PREFIX}_"))
            try:
                upgrade_to_head(f"sqlite:///{directory / SQLITE_TEMPLATE_NAME}")
            except BaseException:
                shutil.rmtree(directory, ignore_errors=True)
                raise
            _sqlite_template_dir = directory
        template = _sqlite_template_dir / SQLITE_TEMPLATE_NAME
    # The last connection closed checkpoints the write-ahead log into the file, so the
    # file alone is the whole database.
    assert not template.with_name(template.name + "-wal").exists(), "template has a WAL"
    return template
