"""The "leave this field as it is" marker for partial updates.

Update procedures tell three cases apart: a field left out (unchanged), a field set to
null (cleared, where the contract allows it), and a field set to a value.
"""

import enum
from typing import Final


class Unchanged(enum.Enum):
    UNCHANGED = enum.auto()


UNCHANGED: Final = Unchanged.UNCHANGED
