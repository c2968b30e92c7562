"""One in-memory repository for every table: what ``db.repositories.base`` does in SQL.

A domain's fake subclasses ``InMemoryRepository[ItsRow]`` and adds only the queries of
its own store, written over ``rows`` as plain Python.
"""

from collections.abc import Iterable
from typing import Any, Generic, TypeVar

from sqlmodel import SQLModel

RowT = TypeVar("RowT", bound=SQLModel)


class InMemoryRepository(Generic[RowT]):
    def __init__(self, rows: Iterable[RowT] = ()) -> None:
        self.rows: dict[str, RowT] = {row.id: row for row in rows}  # type: ignore[attr-defined]
        # The ids that were locked, in order: tests of locking rules look at it.
        self.locked: list[str] = []

    def add(self, row: RowT) -> None:
        self.rows[row.id] = row  # type: ignore[attr-defined]

    def get(self, row_id: str, *, reload: bool = False) -> RowT | None:
        return self.rows.get(row_id)

    def lock(self, row_id: str) -> RowT | None:
        self.locked.append(row_id)
        return self.rows.get(row_id)

    def delete(self, row: RowT) -> None:
        del self.rows[row.id]  # type: ignore[attr-defined]


def sorted_like_sql(rows: Iterable[Any], sort_by: str, *, descending: bool) -> list[Any]:
    """Rows ordered as the SQL repositories order them: by the column, missing values
    last in either direction, then by id."""
    by_id = sorted(rows, key=lambda row: row.id)
    present = [row for row in by_id if getattr(row, sort_by) is not None]
    missing = [row for row in by_id if getattr(row, sort_by) is None]
    # sorted() stays stable with reverse=True: equal values keep ascending ids, as
    # ORDER BY column DESC, id does.
    ordered = sorted(present, key=lambda row: getattr(row, sort_by), reverse=descending)
    return ordered + missing
