"""What still refers to a row: one query, before the row is deleted.

A row that other tables refer to (a brand by product models, a product model by parts
and templates, a customer or a template by tickets...) is not deleted while they do:
the service answers CONFLICT and names what refers to it. Each referring table is one
:class:`Reference` in its target's tuple, so a table added later is one line there; all
of them are asked in one statement (an EXISTS per reference). The foreign keys
(RESTRICT) still settle a reference added between this check and the delete.
"""

from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import ColumnElement, bindparam, exists, select

from db.compiled_query import CompiledQuery, DriverLink
from db.repositories.base import storable


# eq=False: compared and hashed by identity, so a module's tuple of references is a
# cache key of its own (columns overload == to build SQL).
@dataclass(frozen=True, eq=False)
class Reference:
    """A column that refers to a row, and what its rows are called in a message; with
    ``only_when``, only the referring rows that meet that condition count (the ledger
    entries written for a ticket, the tickets still in work)."""

    column: ColumnElement[Any]
    called: str  # plural: "parts", "product models"
    only_when: ColumnElement[bool] | None = None


def referring(link: DriverLink, references: tuple[Reference, ...], row_id: str) -> list[str]:
    """What the ``references`` hold of ``row_id``: the names of those that refer to it,
    in the tuple's order (none when the tuple is empty: nothing can refer yet)."""
    used = uses(link, references, row_id)
    return [reference.called for reference, refers in zip(references, used, strict=True) if refers]


def uses(link: DriverLink, references: tuple[Reference, ...], row_id: str) -> list[bool]:
    """For each of ``references``, in order, whether it refers to ``row_id``: one
    statement, whatever their number (none when the tuple is empty)."""
    if not references or not storable(row_id):
        return [False] * len(references)
    row = _referring(references).first(link, row_id=row_id)
    assert row is not None  # a SELECT without FROM answers exactly one row
    return [bool(used) for used in row]


@cache
def _referring(references: tuple[Reference, ...]) -> CompiledQuery:
    used: list[Any] = [
        exists().where(*_conditions(reference)).label(f"used_{index}")
        for index, reference in enumerate(references)
    ]
    return CompiledQuery(select(*used))


def _conditions(reference: Reference) -> list[ColumnElement[bool]]:
    refers = reference.column == bindparam("row_id")
    return [refers] if reference.only_when is None else [refers, reference.only_when]
