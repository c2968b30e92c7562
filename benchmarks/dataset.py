"""The data every server of a database reads: one admin, signed in, with 20 accounts.

Made once per database before any server is measured (``benchmarks/databases.py``),
through Switchyard itself: the admin with ``switchyard create-admin``, the rest with
JSON-RPC calls whose bodies and answers are built and read here, so the benchmark run
(over HTTP) and the tests (in process) make the same data the same way.
"""

from __future__ import annotations

import json
from typing import Any, Final

ADMIN_EMAIL: Final = "bench@example.com"
ADMIN_PASSWORD: Final = "Bench-Marks-2026"
ACCOUNTS: Final = 20


def create_admin_arguments() -> list[str]:
    """``switchyard`` CLI arguments that make the admin."""
    return ["create-admin", "--email", ADMIN_EMAIL, "--password", ADMIN_PASSWORD]


def sign_in_body() -> str:
    return json.dumps(
        {
            "jsonrpc": "2.0",
            "method": "auth.login",
            "params": {"email": ADMIN_EMAIL, "password": ADMIN_PASSWORD},
            "id": 1,
        }
    )


def token_from(answer: Any) -> str:
    """The access token of ``auth.login``'s answer."""
    require_success(answer)
    token: str = answer["result"]["accessToken"]
    return token


def create_accounts_body(count: int = ACCOUNTS) -> str:
    """One batch of ``account.create`` calls, "Account 1" to "Account <count>"."""
    return json.dumps(
        [
            {
                "jsonrpc": "2.0",
                "method": "account.create",
                "params": {"name": f"Account {i}"},
                "id": i,
            }
            for i in range(1, count + 1)
        ]
    )


def require_success(answer: Any) -> None:
    """Raise unless every answer (one, or a batch's) has a result."""
    answers = answer if isinstance(answer, list) else [answer]
    failed = [a for a in answers if not isinstance(a, dict) or "result" not in a]
    if failed:
        raise RuntimeError(f"the benchmark call fails: {failed[0]}")
