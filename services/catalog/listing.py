"""What every catalog list answers: one page of rows, and how many match in all."""

from dataclasses import dataclass
from typing import Generic, TypeVar

RowT = TypeVar("RowT")


@dataclass(frozen=True)
class Page(Generic[RowT]):
    rows: list[RowT]
    total: int


@dataclass(frozen=True)
class PageRequest:
    """``limit`` rows from ``offset``, of those matching ``search`` (None: all)."""

    search: str | None = None
    offset: int = 0
    limit: int = 50
