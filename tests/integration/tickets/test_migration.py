"""Revision 0008 on a database that already holds parts' ledgers and emails: SQLite
copies those two tables to add their foreign keys, and nothing in them is lost; the
revision goes down and up again."""

from __future__ import annotations

from alembic import command
from sqlalchemy import inspect, text

from db.engine import make_engine
from db.migrate import alembic_config, current_revision

LEDGER_ROW = (
    "INSERT INTO part_stock_entries (id, part_id, delta, stock_after, reason, created_at)"
    " VALUES ('e1', 'p1', 3, 3, 'Opening', '2026-01-01 00:00:00.000000')"
)
EMAIL_ROW = (
    "INSERT INTO email_notifications (id, email_type, recipient_email, recipient_name,"
    " subject, text_body, html_body, status, retry_count, next_attempt_at, created_at,"
    " updated_at) VALUES ('m1', 'ticket_created', 'an@example.com', 'An', 'Hi', 't', 'h',"
    " 'pending', 0, '2026-01-01 00:00:00.000000', '2026-01-01 00:00:00.000000',"
    " '2026-01-01 00:00:00.000000')"
)
PART_ROW = (
    "INSERT INTO parts (id, name, sku, unit_price, stock_quantity, minimum_stock,"
    " created_at, updated_at) VALUES ('p1', 'Screen', 'SCR', 950, 3, 0,"
    " '2026-01-01 00:00:00.000000', '2026-01-01 00:00:00.000000')"
)


def _ticket_foreign_keys(url: str) -> dict[str, list[str | None]]:
    engine = make_engine(url)
    try:
        found = inspect(engine)
        return {
            table: [
                key["name"]
                for key in found.get_foreign_keys(table)
                if key["referred_table"] == "service_tickets"
            ]
            for table in ("part_stock_entries", "email_notifications")
        }
    finally:
        engine.dispose()


def _ids(url: str) -> tuple[list[str], list[str]]:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            entries = connection.execute(text("SELECT id FROM part_stock_entries")).scalars()
            emails = connection.execute(text("SELECT id FROM email_notifications")).scalars()
            return list(entries), list(emails)
    finally:
        engine.dispose()


def test_the_ledger_and_the_outbox_keep_their_rows_and_gain_their_keys(
    database_url: str,
) -> None:
    config = alembic_config(database_url)
    command.upgrade(config, "0007")
    engine = make_engine(database_url)
    try:
        with engine.begin() as connection:
            for statement in (PART_ROW, LEDGER_ROW, EMAIL_ROW):
                connection.execute(text(statement))
    finally:
        engine.dispose()

    command.upgrade(config, "0008")

    assert current_revision(database_url) == "0008"
    assert _ids(database_url) == (["e1"], ["m1"])
    assert _ticket_foreign_keys(database_url) == {
        "part_stock_entries": ["fk_part_stock_entries_ticket_id_service_tickets"],
        "email_notifications": ["fk_email_notifications_service_ticket_id_service_tickets"],
    }

    command.downgrade(config, "0007")

    assert _ids(database_url) == (["e1"], ["m1"])
    assert _ticket_foreign_keys(database_url) == {
        "part_stock_entries": [],
        "email_notifications": [],
    }
    engine = make_engine(database_url)
    try:
        assert "service_tickets" not in inspect(engine).get_table_names()
    finally:
        engine.dispose()

    command.upgrade(config, "0008")
    assert current_revision(database_url) == "0008"
