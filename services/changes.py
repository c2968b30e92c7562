"""Partial updates: a typed set of changes, and one way to apply it to a row.

An update procedure tells three cases apart: a field left out (unchanged), a field set
to null (cleared, where the contract allows it), and a field set to a value. Each update
declares its changeable fields once, as a frozen dataclass subclassing `Changes[Row]`
whose fields are typed `T | Unchanged` and default to `UNCHANGED`; mypy then checks
what a service reads from it, and that it is applied to the row type it was made for.
`apply_changes` sets every given field on the row under the same name, so a service
writes only the rules particular to a field (an ownership check before attaching a
proxy, sealing a password instead of storing it).
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Collection
from typing import Any, ClassVar, Final, Generic, TypeVar


class Unchanged(enum.Enum):
    UNCHANGED = enum.auto()


UNCHANGED: Final = Unchanged.UNCHANGED

Row = TypeVar("Row")


class Changes(Generic[Row]):
    """Base of every update's changes; `Row` is the table row they apply to.

    Subclasses are frozen dataclasses whose fields all default to UNCHANGED."""

    __dataclass_fields__: ClassVar[dict[str, dataclasses.Field[Any]]]


def given_fields(changes: Changes[Any]) -> frozenset[str]:
    """The names of the fields the caller sent (with a value or null)."""
    return frozenset(
        field.name
        for field in dataclasses.fields(changes)
        if getattr(changes, field.name) is not UNCHANGED
    )


def apply_changes(
    row: Row, changes: Changes[Row], *, except_for: Collection[str] = ()
) -> frozenset[str]:
    """Set each given field on the row (same name), but those in `except_for`, which
    the service applies by its own rule. Answers the names of all the given fields."""
    names = {field.name for field in dataclasses.fields(changes)}
    unknown = set(except_for) - names
    if unknown:
        raise TypeError(f"{type(changes).__name__} has no fields {sorted(unknown)}")
    given = given_fields(changes)
    for name in given - set(except_for):
        if not hasattr(row, name):
            raise TypeError(f"{type(row).__name__} has no field {name!r} to change")
        setattr(row, name, getattr(changes, name))
    return given
