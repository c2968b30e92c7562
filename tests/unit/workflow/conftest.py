"""A unit of work with an admin, three active task types, one inactive, and a product
model templates may be for."""

from __future__ import annotations

import pytest

from db.tables.auth import UserRow
from db.tables.catalog import ProductModelRow
from db.tables.workflow import TaskTypeRow
from services.passwords import PasswordHasher
from tests.factories.auth import DEFAULT_TIME, make_user
from tests.fakes import FakeUnitOfWork


@pytest.fixture
def admin(hasher: PasswordHasher) -> UserRow:
    return make_user(hasher, email="admin@example.com", role="admin")


def task_type(name: str, *, is_active: bool = True) -> TaskTypeRow:
    return TaskTypeRow(
        name=name,
        name_key=name.casefold(),
        is_active=is_active,
        created_at=DEFAULT_TIME,
        updated_at=DEFAULT_TIME,
    )


@pytest.fixture
def uow(admin: UserRow) -> FakeUnitOfWork:
    uow = FakeUnitOfWork([admin])
    for row in (
        task_type("Diagnosis"),
        task_type("Repair"),
        task_type("Quality Check"),
        task_type("Retired", is_active=False),
    ):
        uow.task_types.add(row)
    product = ProductModelRow(
        name="iPhone 15",
        sku="APL-IP15",
        type="phone",
        brand_id="brand",
        created_at=DEFAULT_TIME,
        updated_at=DEFAULT_TIME,
    )
    uow.templates.products[product.id] = product
    return uow


def type_id(uow: FakeUnitOfWork, name: str) -> str:
    return next(row.id for row in uow.task_types.rows.values() if row.name == name)


def product_id(uow: FakeUnitOfWork) -> str:
    return next(iter(uow.templates.products))
