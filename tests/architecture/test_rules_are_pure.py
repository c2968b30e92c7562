"""A domain's rules (services/<domain>_rules.py) stay testable with plain values.

They may read table rows (unsaved ones do), the services' errors and the changes
markers, and other rules; never a unit of work, a repository, the database or the clock.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# A namespace package keeps its rules inside (services/catalog/usage_rules.py).
RULES = sorted((ROOT / "services").rglob("*_rules.py"))
MAY_IMPORT = re.compile(
    r"^(db\.tables(\..+)?|services\.errors|services\.changes|services\.(\w+\.)?\w+_rules"
    r"|__future__|collections\.abc|dataclasses|datetime|decimal|enum|typing"
    # Pure calendar arithmetic (warranty ends: months added to a date).
    r"|dateutil\.relativedelta)$"
)


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def test_there_are_rules_modules() -> None:
    assert {path.name for path in RULES} >= {
        "account_rules.py",
        "admin_rules.py",
        "auth_rules.py",
        "proxy_rules.py",
        "tab_rules.py",
        "name_rules.py",
        "usage_rules.py",
    }


@pytest.mark.parametrize("path", RULES, ids=lambda p: p.name)
def test_rules_import_no_machinery(path: Path) -> None:
    reached = sorted(name for name in _imports(path) if not MAY_IMPORT.match(name))
    assert not reached, f"{path.name} imports {reached}"
