"""Browser tabs of an account."""

from datetime import datetime

from sqlmodel import Field, SQLModel

from db.column_types import ID_LENGTH, UTCDateTime, new_id
from schemas.limits import TAB_TITLE_MAX_LENGTH, URL_MAX_LENGTH


class BrowserTabRow(SQLModel, table=True):
    __tablename__ = "browser_tabs"

    id: str = Field(default_factory=new_id, primary_key=True, max_length=ID_LENGTH)
    account_id: str = Field(
        foreign_key="browser_accounts.id", ondelete="CASCADE", index=True, max_length=ID_LENGTH
    )
    session_id: str | None = Field(
        default=None,
        foreign_key="browser_sessions.id",
        ondelete="SET NULL",
        index=True,
        max_length=ID_LENGTH,
    )
    title: str = Field(max_length=TAB_TITLE_MAX_LENGTH)
    url: str = Field(max_length=URL_MAX_LENGTH)
    is_active: bool = Field(default=False)
    is_incognito: bool = Field(default=False)
    scroll_position_x: int = Field(default=0)
    scroll_position_y: int = Field(default=0)
    zoom_level: float = Field(default=1.0)
    favicon: str | None = Field(default=None, max_length=URL_MAX_LENGTH)
    thumbnail: str | None = Field(default=None, max_length=URL_MAX_LENGTH)
    created_at: datetime = Field(sa_type=UTCDateTime)
    last_accessed_at: datetime = Field(sa_type=UTCDateTime)
