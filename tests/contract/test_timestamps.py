"""One timestamp precision everywhere: every datetime in every procedure's output.

Each must be a ``schemas.common.Timestamp``, whose serializer writes UTC with six
fractional digits; a bare ``datetime`` would be written by pydantic, which drops a zero
fraction. The walk finds every output field, nested models and list items included, so
a procedure added later is held to the rule without a test of its own.
"""

from __future__ import annotations

import types
from collections.abc import Iterator
from datetime import datetime
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel

from routers import app_router
from schemas.common import TIMESTAMP_SERIALIZER


def datetime_fields(
    annotation: Any, path: str, metadata: tuple[Any, ...] = ()
) -> Iterator[tuple[str, bool]]:
    """(path, whether it is a Timestamp) for each datetime reachable from `annotation`."""
    origin = get_origin(annotation)
    if origin is Annotated:
        inner, *extra = get_args(annotation)
        yield from datetime_fields(inner, path, (*metadata, *extra))
    elif origin in (Union, types.UnionType, list, dict, tuple):
        for argument in get_args(annotation):
            yield from datetime_fields(argument, path)
    elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
        for name, field in annotation.model_fields.items():
            # pydantic moves a field's Annotated metadata onto the FieldInfo.
            yield from datetime_fields(
                field.annotation, f"{path}.{field.alias or name}", tuple(field.metadata)
            )
    elif annotation is datetime:
        yield path, TIMESTAMP_SERIALIZER in metadata


def test_every_output_timestamp_has_the_one_wire_form() -> None:
    found = [
        (path, is_timestamp)
        for procedure in app_router
        for path, is_timestamp in datetime_fields(procedure.output_type, procedure.name)
    ]

    assert len(found) > 10, "the walk must reach the outputs' timestamps"
    assert [path for path, is_timestamp in found if not is_timestamp] == []


def test_the_walk_sees_a_bare_datetime() -> None:
    class Stamped(BaseModel):
        at: datetime
        maybe: list[datetime] | None

    assert [path for path, is_timestamp in datetime_fields(Stamped, "x") if not is_timestamp] == [
        "x.at",
        "x.maybe",
    ]
