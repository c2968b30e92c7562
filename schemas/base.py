"""Base models of the contract: inputs refuse unknown fields; each namespace one style.

The browser namespaces (auth, account, proxy, tab) speak camelCase; the service-center
namespaces (profile, admin, tickets, ...) speak snake_case. Python code uses snake_case
attribute names everywhere; only the wire names differ.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict
from pydantic.alias_generators import to_camel


class SnakeInput(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class SnakeOutput(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class CamelInput(BaseModel):
    # validate_by_name=False: the wire name is the only accepted spelling, so a field has
    # one name per namespace, as the contract says.
    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        alias_generator=to_camel,
        validate_by_alias=True,
        validate_by_name=False,
    )


class CamelOutput(BaseModel):
    # Built in Python by field name, sent on the wire by alias. Never validated by alias:
    # built from a row's attributes, each field would first be looked up under its
    # camelCase name, which the row does not have, and the failed getattr raises through
    # Python code (20 accounts: 1,126 us with it, 217 us without).
    model_config = ConfigDict(
        from_attributes=True,
        alias_generator=to_camel,
        validate_by_name=True,
        validate_by_alias=False,
        serialize_by_alias=True,
    )


class SuccessResult(SnakeOutput):
    """The answer of deletions and other yes/no mutations in every namespace: its one
    field is spelt the same in snake_case and camelCase."""

    success: bool
