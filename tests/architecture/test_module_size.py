"""Keeps hand-written modules small: at most 500 lines each.

A module past that holds more than one concept (Netflix Dispatch's 1,400-line
``case/flows.py`` is the example of where it ends); split it by concept before it grows.
Migrations and generated files are written once and never read as code: not counted.
"""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = (
    "rpc",
    "routers",
    "schemas",
    "services",
    "db",
    "middleware",
    "switchyard",
    "benchmarks",
)
NOT_HAND_WRITTEN = (ROOT / "db" / "migrations" / "versions",)
# A generator marks its output in the first lines ("@generated", "DO NOT EDIT").
GENERATED_MARKERS = ("@generated", "do not edit")
MAX_LINES = 500


def _is_generated(path: Path) -> bool:
    with path.open() as source:
        head = "".join(line for _, line in zip(range(5), source, strict=False)).lower()
    return any(marker in head for marker in GENERATED_MARKERS)


def _hand_written_modules() -> list[Path]:
    return [
        path
        for package in PACKAGES
        for path in sorted((ROOT / package).rglob("*.py"))
        if not any(path.is_relative_to(skipped) for skipped in NOT_HAND_WRITTEN)
        and not _is_generated(path)
    ]


MODULES = _hand_written_modules()


def test_the_packages_have_modules_to_check() -> None:
    assert len(MODULES) > 50  # the walk found the tree (not an empty or moved root)


@pytest.mark.parametrize("path", MODULES, ids=[str(p.relative_to(ROOT)) for p in MODULES])
def test_module_stays_under_the_size_cap(path: Path) -> None:
    lines = len(path.read_text().splitlines())
    assert lines <= MAX_LINES, (
        f"{path.relative_to(ROOT)} has {lines} lines, over the cap of {MAX_LINES}: "
        "split it by concept, one module per concept"
    )
