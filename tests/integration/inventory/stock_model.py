"""A model of the stock room in plain Python, for tests/integration/inventory/
test_stock_sequences.py: where each unit is and how it got there, the tickets, the RMA
batches and the thresholds, and the outcome each service call should have.

The rules are restated here from the issue and services/inventory/*_rules.py's
docstrings, not imported (only the value types are: Place, and the request's "not
given" marker): a service that breaks one then disagrees with the model. An outcome is
either the domain error the call must raise (its class; a refused call changes
nothing) or what it changes.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Final

from services.errors import BadRequest, Conflict, DomainError, NotFound, PreconditionFailed
from services.inventory.movement_rules import NOT_GIVEN, WarehouseChoice
from services.inventory.moving import Place

IN_SERVICE: Final = "in_service"
DEAD_STOCK: Final = "dead_stock"
RMA_STAGING: Final = "rma_staging"
PLACES: Final = ("warranty_stock", RMA_STAGING, DEAD_STOCK, IN_SERVICE, "parts")
TERMINAL: Final = ("completed", "cancelled")

Refusal = type[DomainError]


@dataclass(frozen=True)
class Moved:
    """One movement a unit should have: its type, where it went, the ticket it names."""

    movement_type: str
    to: Place
    ticket_id: str | None = None


@dataclass
class UnitModel:
    serial: str
    model_id: str
    place: Place
    ticket_id: str | None = None
    moves: list[Moved] = field(default_factory=list)


@dataclass(frozen=True)
class Threshold:
    minimum: int
    reorder: int
    alert: bool


@dataclass(frozen=True)
class Request:
    """A recorded movement as the test asks for it (services' MovementRequest)."""

    movement_type: str
    from_virtual: str | None
    from_physical: WarehouseChoice
    to_virtual: str | None
    to_physical: WarehouseChoice
    ticket_id: str | None
    force: bool


@dataclass
class StockModel:
    model_ids: list[str]
    warehouse_ids: list[str]
    units: dict[str, UnitModel] = field(default_factory=dict)
    tickets: dict[str, str] = field(default_factory=dict)  # id -> status
    comments: Counter[str] = field(default_factory=Counter)  # ticket id -> assignments
    batches: dict[str, str] = field(default_factory=dict)  # id -> status
    entries: dict[str, set[str]] = field(default_factory=dict)  # batch id -> unit ids
    holder: dict[str, str] = field(default_factory=dict)  # unit id -> its open batch
    thresholds: dict[tuple[str, str], Threshold] = field(default_factory=dict)

    # -- registering ------------------------------------------------------------------

    def serial_taken(self, serial: str) -> bool:
        return any(unit.serial == serial for unit in self.units.values())

    def creation_refused(self, serial: str, model_id: str, place: Place) -> Refusal | None:
        if place.virtual_warehouse_type == IN_SERVICE:
            return BadRequest
        if self.serial_taken(serial):
            return Conflict
        if model_id not in self.model_ids:
            return NotFound
        if not self.warehouse_known(place.physical_warehouse_id):
            return NotFound
        return None

    def receive(self, unit_id: str, serial: str, model_id: str, place: Place) -> None:
        self.units[unit_id] = UnitModel(serial, model_id, place, moves=[Moved("receipt", place)])

    def import_outcome(self, rows: list[tuple[str, str, Place] | None]) -> list[bool]:
        """Which rows of a bulk import go in (None: a row whose fields are invalid): a
        serial free in the stock room and in the import's earlier rows (the first
        occurrence holds it even when refused for its model or warehouse), a known
        model and warehouse, never into service."""
        first_seen: set[str] = set()
        taken: list[bool] = []
        for row in rows:
            if row is None or row[2].virtual_warehouse_type == IN_SERVICE:
                taken.append(False)
                continue
            serial, model_id, place = row
            if self.serial_taken(serial) or serial in first_seen:
                taken.append(False)
                continue
            first_seen.add(serial)
            known = model_id in self.model_ids and self.warehouse_known(place.physical_warehouse_id)
            taken.append(known)
        return taken

    def warehouse_known(self, warehouse_id: str | None) -> bool:
        return warehouse_id is None or warehouse_id in self.warehouse_ids

    # -- moving -----------------------------------------------------------------------

    def movement_outcome(self, unit_id: str, request: Request) -> Refusal | Moved:
        """What recording ``request`` for the unit must do, in the order the issue's
        checks come: the request itself, the ticket, the warehouse, the unit, where it
        must be now, then what holds it and where it would go."""
        kind, to_virtual = request.movement_type, request.to_virtual
        if kind == "disposal" and to_virtual not in (None, DEAD_STOCK):
            return BadRequest
        if kind == "assignment" and (
            request.ticket_id is None or to_virtual not in (None, IN_SERVICE)
        ):
            return BadRequest
        if kind != "assignment" and to_virtual == IN_SERVICE:
            return BadRequest
        ticket = None if request.ticket_id is None else self.tickets.get(request.ticket_id)
        if request.ticket_id is not None and ticket is None:
            return NotFound
        if kind == "assignment" and ticket in TERMINAL:
            return PreconditionFailed
        if isinstance(request.to_physical, str) and not self.warehouse_known(request.to_physical):
            return NotFound
        unit = self.units.get(unit_id)
        if unit is None:
            return NotFound
        now = unit.place
        if request.from_virtual is not None and request.from_virtual != now.virtual_warehouse_type:
            return PreconditionFailed
        if (
            request.from_physical is not NOT_GIVEN
            and request.from_physical != now.physical_warehouse_id
        ):
            return PreconditionFailed
        physical = (
            now.physical_warehouse_id if request.to_physical is NOT_GIVEN else request.to_physical
        )
        if kind == "assignment":
            assert request.ticket_id is not None
            refusal = self.assignment_refused(unit_id, request.ticket_id)
            if refusal is not None:
                return refusal
            return Moved("assignment", Place(IN_SERVICE, physical), request.ticket_id)
        if not request.force and (
            now.virtual_warehouse_type == IN_SERVICE or unit_id in self.holder
        ):
            return PreconditionFailed
        virtual = DEAD_STOCK if kind == "disposal" else to_virtual or now.virtual_warehouse_type
        to = Place(virtual, physical)
        if to == now or virtual == IN_SERVICE:
            return BadRequest
        return Moved(kind, to, request.ticket_id)

    def assignment_refused(self, unit_id: str, ticket_id: str) -> Refusal | None:
        """After the ticket and unit are found and the ticket may change."""
        unit = self.units[unit_id]
        if unit.ticket_id == ticket_id:
            return BadRequest  # recordMovement's answer; assignToTicket does nothing
        if unit.ticket_id is not None:
            return Conflict
        if unit_id in self.holder:
            return PreconditionFailed
        return None

    def apply(self, unit_id: str, moved: Moved) -> None:
        unit = self.units[unit_id]
        unit.place = moved.to
        unit.ticket_id = moved.ticket_id if moved.to.virtual_warehouse_type == IN_SERVICE else None
        unit.moves.append(moved)
        if moved.movement_type == "assignment":
            assert moved.ticket_id is not None
            self.comments[moved.ticket_id] += 1

    # -- RMA batches --------------------------------------------------------------------

    def adding_refused(self, batch_id: str) -> Refusal | None:
        status = self.batches.get(batch_id)
        if status is None:
            return NotFound
        return None if status == "draft" else PreconditionFailed

    def add(self, batch_id: str, unit_ids: list[str]) -> tuple[int, int]:
        """Put what may go of ``unit_ids`` into the batch (each once); how many went in
        and how many were refused."""
        added = refused = 0
        for unit_id in sorted(set(unit_ids)):
            unit = self.units.get(unit_id)
            if unit is None or unit_id in self.holder or unit.ticket_id is not None:
                refused += 1
                continue
            added += 1
            self.holder[unit_id] = batch_id
            self.entries[batch_id].add(unit_id)
            if unit.place.virtual_warehouse_type != RMA_STAGING:
                self.apply(
                    unit_id,
                    Moved("transfer", Place(RMA_STAGING, unit.place.physical_warehouse_id)),
                )
        return added, refused

    def finalizing_refused(self, batch_id: str) -> Refusal | None:
        status = self.batches.get(batch_id)
        if status is None:
            return NotFound
        if status != "draft" or not self.entries[batch_id]:
            return PreconditionFailed
        return None

    # -- stock levels -------------------------------------------------------------------

    def levels(self) -> dict[tuple[str, str], tuple[int, int, int, bool, str]]:
        """(model, virtual warehouse) -> count, threshold, reorder quantity, alert,
        status: every place with a unit or a threshold."""
        counts = Counter(
            (unit.model_id, unit.place.virtual_warehouse_type) for unit in self.units.values()
        )
        levels = {}
        for key in set(counts) | set(self.thresholds):
            threshold = self.thresholds.get(key, Threshold(0, 0, False))
            count = counts[key]
            levels[key] = (
                count,
                threshold.minimum,
                threshold.reorder,
                threshold.alert,
                status_of(count, threshold.minimum),
            )
        return levels


def status_of(count: int, minimum: int) -> str:
    """Critical at or below the threshold, warning within 50% above it, else ok."""
    if count <= minimum:
        return "critical"
    if count * 2 <= minimum * 3:
        return "warning"
    return "ok"
