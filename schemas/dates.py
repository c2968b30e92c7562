"""Calendar dates on the wire: ``YYYY-MM-DD`` strings, as the contract's "ISO date".

In, only a JSON string of exactly that form names a date: pydantic's lax ``date`` would
also read an integer as seconds since 1970 and accept a date-time with a zero time, both
against the one coercion rule of schemas.common. Out, the same form.
"""

import re
from datetime import date
from typing import Annotated, Any, Final

from pydantic import BeforeValidator, PlainSerializer, WithJsonSchema
from pydantic_core import PydanticCustomError

ISO_DATE_PATTERN: Final = re.compile(r"\d{4}-\d{2}-\d{2}")


def date_from_json(value: Any) -> date:
    """The date a ``YYYY-MM-DD`` string names (or a stored date); refuses anything else."""
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or ISO_DATE_PATTERN.fullmatch(value) is None:
        raise PydanticCustomError("iso_date", "must be a date as YYYY-MM-DD")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise PydanticCustomError("iso_date", "must be a real calendar date") from None


IsoDate = Annotated[
    date,
    BeforeValidator(date_from_json),
    PlainSerializer(date.isoformat, return_type=str, when_used="json"),
    WithJsonSchema({"type": "string", "format": "date"}),
]
