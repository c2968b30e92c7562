"""Keeps one funnel from an unexpected exception to INTERNAL_SERVER_ERROR.

``rpc.errors.rpc_error_from_unknown`` logs the exception with its traceback and the
correlation id and gives the caller none of its text. Building the internal error
anywhere else would be a second place that must remember all of that.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("rpc", "routers", "schemas", "services", "db", "middleware", "switchyard")
FUNNEL = ROOT / "rpc" / "errors.py"


def _calls_internal_error(path: Path) -> list[int]:
    tree = ast.parse(path.read_text(), filename=str(path))
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if name == "internal_error":
                lines.append(node.lineno)
    return lines


def test_only_the_funnel_builds_the_internal_error() -> None:
    found = {
        f"{path.relative_to(ROOT)}:{line}"
        for package in PACKAGES
        for path in sorted((ROOT / package).rglob("*.py"))
        if path != FUNNEL
        for line in _calls_internal_error(path)
    }
    assert not found, (
        f"internal_error() called outside rpc/errors.py at {sorted(found)}: "
        "turn the exception into the caller's error with rpc_error_from_unknown"
    )
