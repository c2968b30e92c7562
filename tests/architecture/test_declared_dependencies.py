"""Every third-party package the product imports is declared in pyproject.toml.

A package that is only another one's dependency can leave, or change, with that one's
next release: the product names what it imports itself (jsonrpcserver's Either comes
through jsonrpcserver, not from oslash, which only jsonrpcserver declares).
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
# The packages the distribution ships (pyproject's setuptools include list).
SHIPPED = PYPROJECT["tool"]["setuptools"]["packages"]["find"]["include"]
PRODUCT = sorted(pattern.rstrip("*") for pattern in SHIPPED)
_REQUIREMENT_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def _normalized(distribution: str) -> str:
    return re.sub(r"[-_.]+", "-", distribution).lower()  # PEP 503


def _declared() -> set[str]:
    names = set()
    for requirement in PYPROJECT["project"]["dependencies"]:
        match = _REQUIREMENT_NAME.match(requirement)
        assert match, requirement
        names.add(_normalized(match.group()))
    return names


def _imported_top_level_modules() -> dict[str, set[str]]:
    """Each top-level module imported by the product, with the files importing it."""
    found: dict[str, set[str]] = {}
    for package in PRODUCT:
        for path in sorted((ROOT / package).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                    names = [node.module]
                else:
                    continue
                for name in names:
                    found.setdefault(name.split(".")[0], set()).add(str(path.relative_to(ROOT)))
    return found


def test_every_imported_third_party_package_is_declared() -> None:
    declared = _declared()
    providers = packages_distributions()
    undeclared = {}
    for module, files in _imported_top_level_modules().items():
        if module in sys.stdlib_module_names or module in PRODUCT:
            continue
        distributions = {_normalized(name) for name in providers.get(module, [])}
        if not distributions & declared:
            undeclared[module] = sorted(files)
    assert not undeclared, (
        f"imported but not declared in pyproject.toml [project].dependencies: {undeclared}"
    )
