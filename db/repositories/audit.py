"""The audit log (written by the unit of work on commit)."""

from typing import Protocol

from sqlmodel import Session

from db.tables.audit import AuditLogRow


class AuditLogStore(Protocol):
    def add(self, entry: AuditLogRow) -> None: ...


class AuditLogRepository:
    """Append-only, and keyed by a database sequence rather than an id made in Python,
    so it takes nothing of ``SqlRepository`` but ``add``."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, entry: AuditLogRow) -> None:
        self._session.add(entry)
