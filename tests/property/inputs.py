"""What the browser domains' input properties share: strategies for one line of text,
host names and ids, and calling the real app as the signed-in admin.

The properties themselves, per stem in tests/property/<stem>/test_inputs.py:

1. every valid input round-trips: what was sent comes back unchanged from the database
   (through the list procedures, and for sealed secrets by opening them);
2. every invalid input is refused with -32602, naming the field.
"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from tests.property.conftest import PropertyApp

ROUND_TRIP = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# One line of text as the schemas accept it: no control characters, no surrogates, and
# no surrounding whitespace (the schemas strip it, so it would not come back unchanged).
line_characters = st.characters(blacklist_categories=("Cs", "Cc"))


def lines(min_size: int, max_size: int) -> st.SearchStrategy[str]:
    return st.text(line_characters, min_size=min_size, max_size=max_size).filter(
        lambda s: s == s.strip() and len(s) >= min_size
    )


labels = st.from_regex(r"[a-z0-9]([a-z0-9-]{0,8}[a-z0-9])?", fullmatch=True)
host_names = st.builds(
    lambda parts, tld: ".".join([*parts, tld]),
    st.lists(labels, min_size=1, max_size=3),
    st.from_regex(r"[a-z]{2,6}", fullmatch=True),
)
uuids = st.uuids().map(str)
# Inside the text: at either end, whitespace such as a newline is stripped, not refused.
with_control = st.builds(
    lambda a, c, b: a + c + b,
    lines(1, 10),
    st.sampled_from(["\x00", "\n", "\x1f", "\x7f"]),
    lines(1, 10),
)


def rpc(prop: PropertyApp, token: str, method: str, params: dict[str, Any]) -> dict[str, Any]:
    headers = {"Content-Type": "application/json", "Authorization": f"Bearer {token}"}
    body = {"jsonrpc": "2.0", "id": 1, "method": method, "params": params}
    response = prop.post(json.dumps(body).encode(), headers)
    assert response.status_code == 200, response.text
    answer: dict[str, Any] = response.json()
    return answer


def ok(answer: dict[str, Any]) -> Any:
    assert "error" not in answer, answer
    return answer["result"]


def refused(answer: dict[str, Any], field: str) -> None:
    assert "error" in answer, answer
    error = answer["error"]
    assert error["code"] == -32602, error
    assert [field] in [issue["path"][:1] for issue in error["data"]["issues"]], error


def find(rows: list[dict[str, Any]], row_id: str) -> dict[str, Any]:
    return next(row for row in rows if row["id"] == row_id)
