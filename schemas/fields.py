"""Field types every namespace shares: ids, and update fields that may not be cleared."""

from typing import Annotated, Any

from pydantic import BeforeValidator, Field
from pydantic_core import PydanticCustomError

from schemas.common import NoControlCharacters
from schemas.limits import LONG_NAME_MAX_LENGTH, NAME_MAX_LENGTH

# One line of text naming something: short (accounts, proxies, brands, warehouses) or
# long (product models, parts, customers), with the widths of their columns.
Name = Annotated[str, Field(min_length=1, max_length=NAME_MAX_LENGTH), NoControlCharacters]
LongName = Annotated[str, Field(min_length=1, max_length=LONG_NAME_MAX_LENGTH), NoControlCharacters]

# Ids are made by the server (UUID4); the bound keeps lookups cheap and storable.
ResourceId = Annotated[str, Field(min_length=1, max_length=64), NoControlCharacters]


def _refuse_null(value: Any) -> Any:
    if value is None:
        raise PydanticCustomError("null_not_allowed", "may be left out, but must not be null")
    return value


def _without_null(schema: dict[str, Any]) -> None:
    # The published schema says what is accepted: a value, never null.
    options = schema.pop("anyOf", [])
    schema.update(next(option for option in options if option.get("type") != "null"))
    schema.pop("default", None)


NotNull = BeforeValidator(_refuse_null)


def not_null() -> Any:
    """For an optional update field that cannot be cleared: ``x: Annotated[X | None,
    NotNull] = not_null()``. Left out means unchanged; null is refused, naming the field.

    (``X | None`` rather than a union with a hidden None: pydantic treats it as a
    nullable X, so an invalid value gets one issue at the field, not one per branch.)
    """
    return Field(default=None, json_schema_extra=_without_null)
