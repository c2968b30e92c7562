"""Partial updates: a service's typed changes, made from the fields the caller sent."""

from __future__ import annotations

import dataclasses
import types
import typing
from typing import Any, TypeVar, Union

from pydantic import BaseModel

from services.changes import Changes, Unchanged

SomeChanges = TypeVar("SomeChanges", bound=Changes[Any])


def changes_from(params: BaseModel, changes_type: type[SomeChanges]) -> SomeChanges:
    """The changes the caller asked for: each field of `changes_type` the caller sent
    (even as null, which clears it where the input model allows null), by the same
    name in the input model; a field left out stays UNCHANGED."""
    if (type(params), changes_type) not in _fitting:
        check_fits(type(params), changes_type)
        _fitting.add((type(params), changes_type))
    sent = params.model_fields_set
    return changes_type(
        **{
            field.name: getattr(params, field.name)
            for field in dataclasses.fields(changes_type)
            if field.name in sent
        }
    )


# Pairs already checked: the check reads type hints, once per pair is enough.
_fitting: set[tuple[type[BaseModel], type[Changes[Any]]]] = set()


def check_fits(input_type: type[BaseModel], changes_type: type[Changes[Any]]) -> None:
    """Refuse changes whose fields the input model does not have or
    whose types do not hold every non-null value the input model lets through.

    Building changes goes by field names, which mypy cannot follow: this check is the
    typed half of the seam, run by every test of an update procedure."""
    input_hints = typing.get_type_hints(input_type)
    changes_hints = typing.get_type_hints(changes_type)
    for field in dataclasses.fields(changes_type):
        if field.name not in input_type.model_fields:
            raise TypeError(f"{input_type.__name__} has no field {field.name!r}")
        accepted = _members(changes_hints[field.name]) - {Unchanged}
        sent = _members(input_hints[field.name]) - {type(None)}
        if not sent <= accepted:
            raise TypeError(
                f"{changes_type.__name__}.{field.name} does not take every value of "
                f"{input_type.__name__}.{field.name}: {sorted(map(str, sent - accepted))}"
            )


def _members(hint: Any) -> set[Any]:
    """The members of a union (Annotated metadata dropped by get_type_hints)."""
    if typing.get_origin(hint) in (Union, types.UnionType):
        return set(typing.get_args(hint))
    return {hint}
