"""The two queries of the database floors, written by hand against the app's tables.

They read what Switchyard reads for ``auth.me`` and ``account.list``: the session named
by the access token joined to its user (``db/repositories/auth.py``,
``get_with_user``), and the caller's accounts in the app's default order
(``db/repositories/account.py``: created_at ascending, rows without one last, then id).
Each driver fills in its own placeholder (``?`` for sqlite3, ``%s`` for psycopg).
"""

from __future__ import annotations

from typing import Final

# Column names are the tables' own, so a row reads like the SQLModel row it stands for.
SESSION_WITH_USER_SQL: Final = """
SELECT auth_sessions.user_id AS session_user_id, auth_sessions.revoked_at,
       auth_sessions.expires_at, users.id, users.email, users.full_name, users.role,
       users.is_active, users.created_at, users.updated_at, users.last_signed_in_at
FROM auth_sessions JOIN users ON users.id = auth_sessions.user_id
WHERE auth_sessions.id = {placeholder}
"""

ACCOUNTS_OF_USER_SQL: Final = """
SELECT id, user_id, name, description, is_protected, proxy_config_id, data_directory,
       created_at, updated_at, last_accessed_at
FROM browser_accounts
WHERE user_id = {placeholder}
ORDER BY created_at ASC NULLS LAST, id
"""
