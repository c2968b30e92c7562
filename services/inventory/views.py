"""What ``inventory.*`` services answer with: a unit's record with its warranty status
on the day it was read (the routers map it; they name db's tables, never its
repositories)."""

from dataclasses import dataclass
from datetime import date

from db.repositories.inventory.unit import UnitViewRecord as UnitViewRecord
from services.inventory.warranty_rules import warranty_status


@dataclass(frozen=True)
class UnitView:
    unit: UnitViewRecord
    warranty_status: str


def unit_view(unit: UnitViewRecord, today: date) -> UnitView:
    return UnitView(unit, warranty_status(unit.warranty_end_date, today))
