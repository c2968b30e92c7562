"""Persistence: engine, tables, repositories, unit of work and migrations. All SQL lives here."""

from sqlmodel import SQLModel

# Deterministic constraint names, set before any table is defined (every table module
# is inside this package, so this runs first). Migrations must name constraints to
# drop or alter them later, and SQLite's batch mode needs names to find them.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
