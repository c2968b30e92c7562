"""A cheap first look at params: objects holding more unknown members than an error lists.

Input models forbid unknown fields, and pydantic reports one error per unknown member:
an ``auth.login`` carrying 116,000 unknown keys (0.9 MB) took seconds of the event loop
to validate and describe, and made a 9.9 MB answer. An object with more members than its
model has names for, plus ``MAX_ISSUES``, holds more unknown members than an error lists
anyway: it is refused here, before the model runs, with its first ``MAX_ISSUES`` unknown
members named and all of them counted. That costs a few dictionary lookups per field,
whatever the size of the object. Smaller objects go to the model as usual, which then has
at most a few dozen unknown members to report.

Fields typed as another model (optionally ``| None``) are looked into the same way;
lists and mappings of models are not (give those a ``max_length``).
"""

from __future__ import annotations

import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import islice
from typing import Any

from pydantic import AliasChoices, AliasPath, BaseModel
from pydantic.fields import FieldInfo

from rpc.errors import MAX_ISSUES, Issue

# pydantic's own words for the error, so both ways of refusing read the same.
EXTRA_FORBIDDEN = "extra_forbidden"
EXTRA_FORBIDDEN_MESSAGE = "Extra inputs are not permitted"


@dataclass(frozen=True, slots=True)
class MemberLimit:
    """The names an object may have, and how many members it may have before refusal."""

    names: frozenset[str]
    # More members than this means more than MAX_ISSUES of them are unknown.
    most: int
    # Fields holding another forbidding model: (a name it is sent under, that limit).
    nested: tuple[tuple[str, MemberLimit], ...]


@dataclass(frozen=True, slots=True)
class UnknownMembers:
    """The first unknown members found (as issues) and how many there are in all."""

    issues: tuple[Issue, ...]
    count: int


def member_limit(model: type[BaseModel]) -> MemberLimit:
    """The limit for params of ``model`` (built once per procedure)."""
    return _limit(model, frozenset())


def unknown_members(params: Mapping[str, Any], limit: MemberLimit) -> UnknownMembers | None:
    """The unknown members of every object over its limit, or None if none is over it."""
    issues: list[Issue] = []
    count = _collect(params, limit, (), issues)
    if count == 0:
        return None
    return UnknownMembers(issues=tuple(issues), count=count)


def _collect(
    params: Mapping[str, Any], limit: MemberLimit, path: tuple[str, ...], issues: list[Issue]
) -> int:
    count = 0
    names = limit.names
    if len(params) > limit.most:
        # Counted by looking the few names up, not by walking the members; and only as
        # many members are walked as it takes to find the ones an error lists.
        count = len(params) - sum(1 for name in names if name in params)
        wanted = MAX_ISSUES - len(issues)
        for key in islice((key for key in params if key not in names), wanted):
            issues.append(
                Issue(path=(*path, key), message=EXTRA_FORBIDDEN_MESSAGE, type=EXTRA_FORBIDDEN)
            )
    for name, inner in limit.nested:
        value = params.get(name)
        if type(value) is dict:
            count += _collect(value, inner, (*path, name), issues)
    return count


def _limit(model: type[BaseModel], building: frozenset[type[BaseModel]]) -> MemberLimit:
    # A model that (indirectly) holds itself is looked into once: the walk must end.
    building = building | {model}
    config = model.model_config
    by_name = bool(config.get("validate_by_name") or config.get("populate_by_name"))
    by_alias = config.get("validate_by_alias", True) is not False
    names: set[str] = set()
    nested: list[tuple[str, MemberLimit]] = []
    for name, field in model.model_fields.items():
        aliases = _aliases(field)
        sent_as = set(aliases) if by_alias else set()
        if by_name or not aliases:
            sent_as.add(name)
        names |= sent_as
        inner = _forbidding_model(field.annotation)
        if inner is not None and inner not in building:
            inner_limit = _limit(inner, building)
            nested.extend((wire_name, inner_limit) for wire_name in sorted(sent_as))
    return MemberLimit(names=frozenset(names), most=len(names) + MAX_ISSUES, nested=tuple(nested))


def _aliases(field: FieldInfo) -> list[str]:
    """The names a field's aliases let it be sent under (the first step of a path)."""
    alias = field.validation_alias if field.validation_alias is not None else field.alias
    choices = alias.choices if isinstance(alias, AliasChoices) else [alias]
    found: list[str] = []
    for choice in choices:
        if isinstance(choice, AliasPath):
            first = choice.path[0] if choice.path else None
            if isinstance(first, str):
                found.append(first)
        elif isinstance(choice, str):
            found.append(choice)
    return found


def _forbidding_model(annotation: Any) -> type[BaseModel] | None:
    """The model a field holds (``Model`` or ``Model | None``), if it forbids extras."""
    candidates = [annotation]
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        candidates = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
    if len(candidates) != 1:
        return None
    candidate = candidates[0]
    if (
        isinstance(candidate, type)
        and issubclass(candidate, BaseModel)
        and candidate.model_config.get("extra") == "forbid"
    ):
        return candidate
    return None
