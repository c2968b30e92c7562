"""The audit log (written by the unit of work on commit)."""

from typing import Protocol

from sqlmodel import Session

from db.repositories.base import TransactionLink, as_link
from db.tables.audit import AuditLogRow


class AuditLogStore(Protocol):
    def add(self, entry: AuditLogRow) -> None: ...


class AuditLogRepository:
    """Append-only, and keyed by a database sequence rather than an id made in Python,
    so it takes nothing of ``SqlRepository`` but ``add``."""

    def __init__(self, link: TransactionLink | Session) -> None:
        self._link = as_link(link)

    def add(self, entry: AuditLogRow) -> None:
        self._link.session.add(entry)
