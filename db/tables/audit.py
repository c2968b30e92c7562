"""The audit log: one row per committed mutation, written by the unit of work."""

from datetime import datetime

from sqlmodel import Field, SQLModel

from db.column_types import ID_LENGTH, UTCDateTime
from schemas.limits import CORRELATION_ID_MAX_LENGTH


class AuditLogRow(SQLModel, table=True):
    """One row per committed mutation."""

    __tablename__ = "audit_log"

    id: int | None = Field(default=None, primary_key=True)
    # No foreign key: deleting a user must not delete or block their history.
    user_id: str | None = Field(default=None, max_length=ID_LENGTH)
    procedure: str = Field(max_length=200)
    correlation_id: str = Field(max_length=CORRELATION_ID_MAX_LENGTH)
    created_at: datetime = Field(sa_type=UTCDateTime)
