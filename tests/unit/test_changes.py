"""Partial updates: typed changes, made from the fields sent and applied to a row."""

from __future__ import annotations

import dataclasses
import typing
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pytest
from pydantic import BaseModel

from db.tables.account import BrowserAccountRow
from db.tables.proxy import ProxyConfigRow
from db.tables.tab import BrowserTabRow
from routers.partial import changes_from, check_fits
from schemas.account import UpdateAccountInput
from schemas.catalog.brand import UpdateBrandInput
from schemas.catalog.part import UpdatePartInput
from schemas.catalog.product import UpdateProductInput
from schemas.catalog.warehouse import UpdateWarehouseInput
from schemas.customers import UpdateCustomerInput
from schemas.inventory.unit import UpdateUnitInput
from schemas.proxy import UpdateProxyInput
from schemas.tab import UpdateTabInput
from schemas.tickets.lifecycle import UpdateTicketInput
from services.account import AccountChanges
from services.catalog.brand import BrandChanges
from services.catalog.part import PartChanges
from services.catalog.product import ProductChanges
from services.catalog.warehouse import WarehouseChanges
from services.changes import UNCHANGED, Changes, Unchanged, apply_changes, given_fields
from services.customers import CustomerChanges
from services.inventory.units import UnitChanges
from services.proxy import ProxyChanges
from services.tab import TabChanges
from services.tickets.lifecycle import TicketChanges

NOW = datetime(2026, 1, 1, tzinfo=UTC)
ACCOUNT_ID = "acc_" + "a" * 24
PROXY_ID = "prx_" + "b" * 24

# Every update's changes, with the input model it is made from and the fields its
# service applies by its own rule instead of apply_changes (so not row attributes).
UPDATES: list[tuple[type[BaseModel], type[Changes[Any]], set[str]]] = [
    (UpdateAccountInput, AccountChanges, set()),
    (UpdateProxyInput, ProxyChanges, {"password"}),  # sealed into sealed_password
    (UpdateTabInput, TabChanges, set()),
    (UpdateCustomerInput, CustomerChanges, set()),  # the phone's key follows the phone
    (UpdatePartInput, PartChanges, {"product_ids"}),  # the fits: rows of their own
    (UpdateBrandInput, BrandChanges, set()),  # name_key follows name in the service
    (UpdateProductInput, ProductChanges, set()),
    (UpdateWarehouseInput, WarehouseChanges, set()),
    (UpdateTicketInput, TicketChanges, set()),
    # The place fields are checked against where the unit is, never applied.
    (UpdateUnitInput, UnitChanges, set()),
]


def an_account() -> BrowserAccountRow:
    return BrowserAccountRow(
        user_id="someone",
        name="Work",
        description="for work",
        proxy_config_id=PROXY_ID,
        data_directory="accounts/someone/x",
        created_at=NOW,
        updated_at=NOW,
    )


def test_a_field_left_out_stays_a_null_clears_a_value_sets() -> None:
    account = an_account()

    changed = apply_changes(account, AccountChanges(name="Home", description=None))

    assert changed == {"name", "description"}
    assert (account.name, account.description) == ("Home", None)
    assert (account.proxy_config_id, account.is_protected) == (PROXY_ID, False)


def test_a_value_equal_to_the_old_one_still_counts_as_given() -> None:
    account = an_account()

    assert apply_changes(account, AccountChanges(name="Work")) == {"name"}


def test_no_changes_change_nothing() -> None:
    account = an_account()
    before = account.model_dump()

    assert apply_changes(account, AccountChanges()) == frozenset()
    assert account.model_dump() == before


def test_fields_applied_by_the_service_are_reported_but_left_alone() -> None:
    proxy = ProxyConfigRow(
        user_id="someone", name="p", type="http", host="h", port=1, created_at=NOW, updated_at=NOW
    )

    changed = apply_changes(proxy, ProxyChanges(port=2, password="s3cret"), except_for={"password"})

    assert changed == {"port", "password"}
    assert proxy.port == 2
    assert proxy.sealed_password is None


def test_a_misspelt_exception_is_refused() -> None:
    with pytest.raises(TypeError, match="passwort"):
        apply_changes(an_account(), AccountChanges(), except_for={"passwort"})


def test_a_field_the_row_does_not_have_is_refused_not_invented() -> None:
    @dataclass(frozen=True)
    class Stray(Changes[BrowserAccountRow]):
        colour: str | Unchanged = UNCHANGED

    account = an_account()
    with pytest.raises(TypeError, match="colour"):
        apply_changes(account, Stray(colour="red"))
    assert not hasattr(account, "colour")


def test_given_fields_names_what_was_sent() -> None:
    assert given_fields(TabChanges(url="https://example.com", zoom_level=2.0)) == {
        "url",
        "zoom_level",
    }


@pytest.mark.parametrize(
    ("sent", "expected"),
    [
        ({}, AccountChanges()),
        ({"name": "Home"}, AccountChanges(name="Home")),
        ({"description": None}, AccountChanges(description=None)),  # null clears
        ({"proxyConfigId": None}, AccountChanges(proxy_config_id=None)),  # null detaches
        (
            {"isProtected": True, "proxyConfigId": PROXY_ID},
            AccountChanges(is_protected=True, proxy_config_id=PROXY_ID),
        ),
    ],
)
def test_changes_are_made_from_the_fields_sent(
    sent: dict[str, Any], expected: AccountChanges
) -> None:
    params = UpdateAccountInput.model_validate({"accountId": ACCOUNT_ID, **sent})

    assert changes_from(params, AccountChanges) == expected


@pytest.mark.parametrize(("input_type", "changes_type", "own_rule"), UPDATES)
def test_each_update_input_fits_its_changes(
    input_type: type[BaseModel], changes_type: type[Changes[Any]], own_rule: set[str]
) -> None:
    check_fits(input_type, changes_type)  # raises if a name or a type does not fit


@pytest.mark.parametrize(("input_type", "changes_type", "own_rule"), UPDATES)
def test_each_change_fits_its_row(
    input_type: type[BaseModel], changes_type: type[Changes[Any]], own_rule: set[str]
) -> None:
    (base,) = (b for b in changes_type.__orig_bases__ if typing.get_origin(b) is Changes)  # type: ignore[attr-defined]
    (row_type,) = typing.get_args(base)
    row_hints = typing.get_type_hints(row_type)
    hints = typing.get_type_hints(changes_type)
    for field in (f.name for f in dataclasses.fields(changes_type)):
        hint = hints[field]
        if field in own_rule:
            assert field not in row_hints
            continue
        accepted = set(typing.get_args(hint)) - {Unchanged}
        stored = set(typing.get_args(row_hints[field])) | {row_hints[field]}
        # A Literal (a closed vocabulary) fits a column of the type of its values.
        assert all(_fits(kind, stored) for kind in accepted), field


def _fits(kind: Any, stored: set[Any]) -> bool:
    if typing.get_origin(kind) is typing.Literal:
        return all(type(value) in stored for value in typing.get_args(kind))
    return kind in stored


def test_every_changes_type_is_checked_above() -> None:
    declared = {cls for cls in Changes.__subclasses__() if cls.__module__.startswith("services.")}
    assert declared == {changes_type for _, changes_type, _ in UPDATES}


def test_changes_that_do_not_fit_their_input_are_refused() -> None:
    class Input(BaseModel):
        count: int | None = None

    @dataclass(frozen=True)
    class WrongType(Changes[BrowserTabRow]):
        count: str | Unchanged = UNCHANGED

    @dataclass(frozen=True)
    class WrongName(Changes[BrowserTabRow]):
        counter: int | Unchanged = UNCHANGED

    with pytest.raises(TypeError, match="count"):
        check_fits(Input, WrongType)
    with pytest.raises(TypeError, match="counter"):
        check_fits(Input, WrongName)


def test_changes_are_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        TabChanges().url = "x"  # type: ignore[misc]
