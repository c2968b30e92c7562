"""The core stands alone: nothing in rpc/ imports the application's folders."""

from __future__ import annotations

import ast
import logging
from pathlib import Path

import pytest

from rpc import CorrelationIdFilter, current_correlation_id
from rpc.correlation import reset_correlation_id, set_correlation_id

RPC_DIR = Path(__file__).resolve().parents[2] / "rpc"
APP_PACKAGES = {"routers", "schemas", "services", "db", "middleware", "switchyard", "tests"}


def imported_top_level_packages(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("path", sorted(RPC_DIR.glob("*.py")), ids=lambda p: p.name)
def test_core_module_imports_nothing_from_the_app(path: Path) -> None:
    assert not imported_top_level_packages(path) & APP_PACKAGES


def test_the_core_has_modules_to_check() -> None:
    assert {p.name for p in RPC_DIR.glob("*.py")} >= {"transport.py", "procedure.py", "router.py"}


def test_correlation_id_is_set_and_reset() -> None:
    assert current_correlation_id() is None
    token = set_correlation_id("cid-1")
    try:
        assert current_correlation_id() == "cid-1"
    finally:
        reset_correlation_id(token)
    assert current_correlation_id() is None


def test_correlation_filter_stamps_every_record() -> None:
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "msg", None, None)
    assert CorrelationIdFilter().filter(record) is True
    assert getattr(record, "correlation_id", None) == "-"
    token = set_correlation_id("cid-2")
    try:
        CorrelationIdFilter().filter(record)
    finally:
        reset_correlation_id(token)
    assert getattr(record, "correlation_id", None) == "cid-2"
