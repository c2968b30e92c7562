"""Browser accounts, their sessions and tabs, and proxy configurations.

Revision ID: 0002
Revises: 0001
Create Date: 2025-02-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from db.column_types import UTCDateTime

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _id(name: str = "id", *, nullable: bool = False) -> sa.Column[str]:
    return sa.Column(name, sa.String(length=36), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "proxy_configs",
        _id(),
        _id("user_id"),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("type", sa.String(length=16), nullable=False),
        sa.Column("host", sa.String(length=253), nullable=False),
        sa.Column("port", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=255), nullable=True),
        sa.Column("sealed_password", sa.Text(), nullable=True),
        sa.Column("sealed_v2ray_config", sa.Text(), nullable=True),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.Column("last_tested_at", UTCDateTime(), nullable=True),
        sa.Column("test_success", sa.Boolean(), nullable=True),
        sa.Column("test_latency_ms", sa.Integer(), nullable=True),
        sa.Column("test_error", sa.String(length=500), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_proxy_configs"),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name="fk_proxy_configs_user_id_users", ondelete="CASCADE"
        ),
    )
    op.create_index("ix_proxy_configs_user_id", "proxy_configs", ["user_id"])

    op.create_table(
        "browser_accounts",
        _id(),
        _id("user_id"),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("description", sa.String(length=500), nullable=True),
        sa.Column("is_protected", sa.Boolean(), nullable=False),
        _id("proxy_config_id", nullable=True),
        sa.Column("data_directory", sa.String(length=255), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.Column("last_accessed_at", UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_browser_accounts"),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name="fk_browser_accounts_user_id_users", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["proxy_config_id"],
            ["proxy_configs.id"],
            name="fk_browser_accounts_proxy_config_id_proxy_configs",
            ondelete="SET NULL",
        ),
    )
    op.create_index("ix_browser_accounts_user_id", "browser_accounts", ["user_id"])
    op.create_index("ix_browser_accounts_proxy_config_id", "browser_accounts", ["proxy_config_id"])

    op.create_table(
        "browser_sessions",
        _id(),
        _id("account_id"),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_browser_sessions"),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["browser_accounts.id"],
            name="fk_browser_sessions_account_id_browser_accounts",
            ondelete="CASCADE",
        ),
    )
    op.create_index("ix_browser_sessions_account_id", "browser_sessions", ["account_id"])

    op.create_table(
        "browser_tabs",
        _id(),
        _id("account_id"),
        _id("session_id", nullable=True),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("url", sa.String(length=2048), nullable=False),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("is_incognito", sa.Boolean(), nullable=False),
        sa.Column("scroll_position_x", sa.Integer(), nullable=False),
        sa.Column("scroll_position_y", sa.Integer(), nullable=False),
        sa.Column("zoom_level", sa.Float(), nullable=False),
        sa.Column("favicon", sa.String(length=2048), nullable=True),
        sa.Column("thumbnail", sa.String(length=2048), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("last_accessed_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_browser_tabs"),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["browser_accounts.id"],
            name="fk_browser_tabs_account_id_browser_accounts",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["browser_sessions.id"],
            name="fk_browser_tabs_session_id_browser_sessions",
            ondelete="SET NULL",
        ),
    )
    op.create_index("ix_browser_tabs_account_id", "browser_tabs", ["account_id"])
    op.create_index("ix_browser_tabs_session_id", "browser_tabs", ["session_id"])


def downgrade() -> None:
    op.drop_index("ix_browser_tabs_session_id", table_name="browser_tabs")
    op.drop_index("ix_browser_tabs_account_id", table_name="browser_tabs")
    op.drop_table("browser_tabs")
    op.drop_index("ix_browser_sessions_account_id", table_name="browser_sessions")
    op.drop_table("browser_sessions")
    op.drop_index("ix_browser_accounts_proxy_config_id", table_name="browser_accounts")
    op.drop_index("ix_browser_accounts_user_id", table_name="browser_accounts")
    op.drop_table("browser_accounts")
    op.drop_index("ix_proxy_configs_user_id", table_name="proxy_configs")
    op.drop_table("proxy_configs")
