"""Keeps the import arrows: routers → services → db, and rpc stands alone (so the core can
be reused and each layer tested without the one above it)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APP_PACKAGES = {"routers", "schemas", "services", "db", "middleware", "switchyard"}
WEB_LIBRARIES = {"rpc", "starlette", "jsonrpcserver", "uvicorn"}
SQL_LIBRARIES = {"sqlalchemy", "sqlmodel", "psycopg", "alembic"}

# What each package must never import (top-level package names).
FORBIDDEN: dict[str, set[str]] = {
    "rpc": APP_PACKAGES,
    "services": WEB_LIBRARIES | {"routers", "middleware", "switchyard"},
    "schemas": {"db", "services", "routers", "middleware", "switchyard"} | SQL_LIBRARIES,
    "db": {"services", "schemas", "routers", "middleware", "switchyard"} | WEB_LIBRARIES,
    # Routers hold no SQL: they call services, which use db's unit of work.
    "routers": SQL_LIBRARIES | {"switchyard"},
}
# Routers may name db's table classes (to map rows to schemas), but not its machinery.
ROUTERS_MAY_IMPORT_FROM_DB = {"db.tables"}
# The tables read their column widths from the one module of the contract that holds
# plain constants (schemas/limits.py imports nothing), so the two cannot disagree.
DB_MAY_IMPORT_FROM_SCHEMAS = {"schemas.limits"}
SQL_TEXT = re.compile(
    r"\b(SELECT\s.+\sFROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM)\b", re.IGNORECASE
)


def _modules(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def _cases() -> list[tuple[str, Path]]:
    return [(package, path) for package in FORBIDDEN for path in _modules(package)]


@pytest.mark.parametrize(
    ("package", "path"), _cases(), ids=[str(p.relative_to(ROOT)) for _, p in _cases()]
)
def test_module_keeps_the_arrows(package: str, path: Path) -> None:
    imported = _imports(path)
    allowed = DB_MAY_IMPORT_FROM_SCHEMAS if package == "db" else set()
    broken = sorted(
        name
        for name in imported
        if name.split(".")[0] in FORBIDDEN[package] and name not in allowed
    )
    assert not broken, f"{path.relative_to(ROOT)} imports {broken}"
    if package == "routers":
        db_machinery = sorted(
            name
            for name in imported
            if name.split(".")[0] == "db"
            and not any(
                name == allowed or name.startswith(allowed + ".")
                for allowed in ROUTERS_MAY_IMPORT_FROM_DB
            )
        )
        assert not db_machinery, f"{path.relative_to(ROOT)} reaches into db: {db_machinery}"


@pytest.mark.parametrize("path", _modules("routers"), ids=lambda p: p.name)
def test_routers_hold_no_sql_text(path: Path) -> None:
    strings = [
        node.value
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    ]
    assert not [s for s in strings if SQL_TEXT.search(s)]


def test_the_checks_can_fail(tmp_path: Path) -> None:
    # Guard: the import walker really sees both import forms.
    probe = tmp_path / "probe.py"
    probe.write_text("import routers.auth\nfrom services.auth import login\n")
    assert _imports(probe) == {"routers.auth", "services.auth"}
