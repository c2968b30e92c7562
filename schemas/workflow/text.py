"""Text fields of the workflow namespace: one-line names and multi-line instructions."""

import re
from typing import Annotated, Final

from pydantic import AfterValidator, Field
from pydantic_core import PydanticCustomError

from schemas.common import NoControlCharacters
from schemas.limits import LONG_NAME_MAX_LENGTH, LONG_TEXT_MAX_LENGTH, TASK_CATEGORY_MAX_LENGTH

NAME_MIN_LENGTH: Final = 3
# Control characters other than tab, line feed and carriage return: PostgreSQL cannot
# store NUL, and the others are never meant in a description or an instruction.
_UNPRINTABLE: Final = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _refuse_unprintable(value: str) -> str:
    if _UNPRINTABLE.search(value):
        raise PydanticCustomError(
            "control_character", "must not contain control characters other than line breaks"
        )
    return value


# The contract's "min 3, max 255", counted after surrounding whitespace is stripped.
WorkflowName = Annotated[
    str, Field(min_length=NAME_MIN_LENGTH, max_length=LONG_NAME_MAX_LENGTH), NoControlCharacters
]
Category = Annotated[
    str, Field(min_length=1, max_length=TASK_CATEGORY_MAX_LENGTH), NoControlCharacters
]
# Several lines allowed (descriptions, instructions).
LongText = Annotated[
    str, Field(max_length=LONG_TEXT_MAX_LENGTH), AfterValidator(_refuse_unprintable)
]
