"""Serial-numbered units: registering, changing and reading them.

A unit's place is not changed here: it moves only through services/inventory/moving.py,
with a movement row.
"""

from db.unit_of_work import UnitOfWork
from services.clock import Clock, utc_now
from services.errors import BadRequest, NotFound
from services.inventory.views import UnitView, unit_view

UNIT_NOT_FOUND = "Product not found"
ID_OR_SERIAL_REQUIRED = "Give the product's id or its serial_number"


def get_unit(
    uow: UnitOfWork,
    *,
    unit_id: str | None = None,
    serial_number: str | None = None,
    clock: Clock = utc_now,
) -> UnitView:
    """The unit with this id or (upper-case) serial number; both given must agree."""
    if unit_id is None and serial_number is None:
        raise BadRequest(ID_OR_SERIAL_REQUIRED)
    with uow:
        if unit_id is not None:
            unit = uow.physical_products.view(unit_id)
        else:
            assert serial_number is not None
            unit = uow.physical_products.view_by_serial(serial_number)
        if unit is None or (serial_number is not None and unit.serial_number != serial_number):
            raise NotFound(UNIT_NOT_FOUND)
        return unit_view(unit, clock().date())
