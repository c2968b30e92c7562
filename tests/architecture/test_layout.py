"""One stem per domain in every layer: whoever knows a namespace finds all of its code.

A namespace ``tickets.*`` lives in ``routers/tickets``, ``schemas/tickets`` and
``services/tickets`` (a module, or a package once it grows past about eight
procedures); the tables and repositories of a domain that owns rows live in
``db/tables/<stem>.py`` and ``db/repositories/<stem>.py``, with the in-memory fake in
``tests/fakes/<stem>.py``.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
from pydantic import BaseModel
from sqlmodel import SQLModel

import db.tables  # noqa: F401  (registers every table)
from routers import app_router

ROOT = Path(__file__).resolve().parents[2]
NAMESPACES = sorted({procedure.name.split(".")[0] for procedure in app_router})
# Domains that own tables; admin.* and profile.* are namespaces over auth's users.
TABLE_DOMAINS = sorted(
    path.stem for path in (ROOT / "db" / "tables").glob("*.py") if path.stem != "__init__"
)


def _has_stem(folder: str, stem: str) -> bool:
    return (ROOT / folder / f"{stem}.py").is_file() or (
        ROOT / folder / stem / "__init__.py"
    ).is_file()


def test_the_layout_is_seen() -> None:
    # Guard: the walk finds today's namespaces and table domains.
    assert {"auth", "admin", "profile", "account", "proxy", "tab"} <= set(NAMESPACES)
    assert {"auth", "account", "proxy", "tab"} <= set(TABLE_DOMAINS)


@pytest.mark.parametrize("namespace", NAMESPACES)
@pytest.mark.parametrize("layer", ["routers", "schemas", "services"])
def test_a_namespace_has_its_stem_in_each_layer(layer: str, namespace: str) -> None:
    assert _has_stem(layer, namespace), f"{namespace}.* has no {layer}/{namespace}"


@pytest.mark.parametrize("domain", TABLE_DOMAINS)
@pytest.mark.parametrize("place", ["db/repositories", "tests/fakes"])
def test_a_domain_with_tables_has_its_repository_and_fake(place: str, domain: str) -> None:
    assert _has_stem(place, domain), f"db/tables/{domain}.py has no {place}/{domain}.py"


def test_inputs_are_named_as_inputs() -> None:
    misnamed = sorted(
        f"{procedure.name}: {procedure.input_model.__name__}"
        for procedure in app_router
        if not procedure.input_model.__name__.endswith("Input")
    )
    assert not misnamed


def test_tables_and_wire_models_never_share_a_name() -> None:
    tables = {mapper.class_.__name__ for mapper in SQLModel._sa_registry.mappers}
    # Packages too (schemas/catalog/): every module under schemas/.
    modules = [
        ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        for path in (ROOT / "schemas").rglob("*.py")
    ]
    wire = {
        name
        for module in modules
        for name, value in vars(importlib.import_module(module)).items()
        if isinstance(value, type) and issubclass(value, BaseModel)
    }
    assert tables, "no tables registered"
    assert wire, "no wire models found"
    assert not tables & wire, f"tables and wire models share names: {sorted(tables & wire)}"
    assert all(name.endswith("Row") for name in tables), sorted(tables)
