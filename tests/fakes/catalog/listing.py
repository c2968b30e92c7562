"""What the in-memory catalog lists share: SQL's order, search and paging, in Python."""

from collections.abc import Iterable, Sequence
from typing import Any


def by_name(rows: Iterable[Any]) -> list[Any]:
    """Ordered as the SQL repositories order a list: by name, then id (binary, as
    SQLite compares text)."""
    return sorted(rows, key=lambda row: (row.name, row.id))


def matches(text: str | None, *values: str | None) -> bool:
    """``text`` anywhere in one of ``values``, ignoring case; None matches everything."""
    if text is None:
        return True
    needle = text.casefold()
    return any(value is not None and needle in value.casefold() for value in values)


def page(rows: Sequence[Any], offset: int, limit: int) -> list[Any]:
    return list(rows[offset : offset + limit])
