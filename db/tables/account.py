"""Browser accounts and the browser sessions account.switch opens: every row belongs to one user."""

from datetime import datetime

from sqlmodel import Field, SQLModel

from db.column_types import ID_LENGTH, UTCDateTime, new_id
from schemas.limits import DATA_DIRECTORY_MAX_LENGTH, DESCRIPTION_MAX_LENGTH, NAME_MAX_LENGTH


class BrowserAccountRow(SQLModel, table=True):
    """One browser identity of a user, with its own data directory and tabs."""

    __tablename__ = "browser_accounts"

    id: str = Field(default_factory=new_id, primary_key=True, max_length=ID_LENGTH)
    user_id: str = Field(
        foreign_key="users.id", ondelete="CASCADE", index=True, max_length=ID_LENGTH
    )
    name: str = Field(max_length=NAME_MAX_LENGTH)
    description: str | None = Field(default=None, max_length=DESCRIPTION_MAX_LENGTH)
    is_protected: bool = Field(default=False)
    # Deleting a proxy detaches the accounts that used it (services do it explicitly;
    # the foreign key says the same for anything that deletes rows directly).
    proxy_config_id: str | None = Field(
        default=None,
        foreign_key="proxy_configs.id",
        ondelete="SET NULL",
        index=True,
        max_length=ID_LENGTH,
    )
    data_directory: str = Field(max_length=DATA_DIRECTORY_MAX_LENGTH)
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)
    last_accessed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class BrowserSessionRow(SQLModel, table=True):
    """Made by account.switch; the tabs opened afterwards hang off the newest one."""

    __tablename__ = "browser_sessions"

    id: str = Field(default_factory=new_id, primary_key=True, max_length=ID_LENGTH)
    account_id: str = Field(
        foreign_key="browser_accounts.id", ondelete="CASCADE", index=True, max_length=ID_LENGTH
    )
    created_at: datetime = Field(sa_type=UTCDateTime)
