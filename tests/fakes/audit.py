"""An in-memory audit log."""

from db.tables.audit import AuditLogRow


class FakeAuditLogRepository:
    def __init__(self) -> None:
        self.rows: list[AuditLogRow] = []

    def add(self, entry: AuditLogRow) -> None:
        self.rows.append(entry)
