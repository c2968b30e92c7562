"""Random days in the stock room, on the test's database (SQLite, or PostgreSQL when
DATABASE_URL names one), through the services the procedures call: units registered one
by one and in bulk; transfers, returns and disposals, forced moves of units in service
or in an RMA batch, and moves the rules refuse; assignments to tickets (some completed
or cancelled), by assignToTicket and by recordMovement; RMA batches filled and
submitted; thresholds set. A model of the stock room (stock_model.py) says what each
call must do. After every step: each unit is where the model says, in one virtual
warehouse, in service exactly while it names a ticket; its movements, oldest first,
replay from its receipt to where it is; getStockLevels, every page, is a recount of the
model; a unit is in at most one open RMA batch; a ticket has a comment per assignment.
A refused call must raise the domain error the model expects (any other exception fails
the test) and, the model being unchanged, the checks see that it changed nothing."""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from itertools import pairwise
from typing import Final, TypeVar

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from sqlalchemy import func
from sqlalchemy.orm import sessionmaker
from sqlmodel import Session, col, select

from db.tables.inventory import (
    PhysicalProductRow,
    RmaBatchItemRow,
    RmaBatchRow,
    StockMovementRow,
)
from db.tables.tickets import TicketCommentRow
from services.caller import Caller
from services.errors import DomainError, NotFound, PreconditionFailed
from services.inventory import assignment, bulk_import, movements, rma, stock, units
from services.inventory.movement_rules import NOT_GIVEN, MovementRequest, WarehouseChoice
from services.inventory.moving import Place
from services.inventory.unit_rules import NewUnit
from services.passwords import PasswordHasher
from tests.factories.auth import caller, make_user
from tests.factories.inventory import make_warehouse
from tests.factories.tickets import make_ticket
from tests.factories.workflow import make_product_model
from tests.fakes import FakeClock
from tests.integration.conftest import UowFactory
from tests.integration.inventory.stock_model import (
    IN_SERVICE,
    PLACES,
    TERMINAL,
    Moved,
    Refusal,
    Request,
    StockModel,
    Threshold,
)
from tests.integration.rows import save

T0 = datetime(2026, 11, 20, 9, tzinfo=UTC)
MODELS: Final = 2
LEVELS_PAGE: Final = 4  # small: the levels of one day span several pages
# Kept small for CI: each step is a few statements, each check a few more.
SEQUENCES = settings(
    max_examples=25,
    stateful_step_count=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

# Which of the model's things a step names: an index (wrapped), from UNKNOWN_FROM on
# an unknown one (one time in eight).
INDEX = st.integers(0, 39)
UNKNOWN_FROM: Final = 35
STORED = tuple(place for place in PLACES if place != IN_SERVICE)
# A physical warehouse as a request gives it: left out, none, one of two, unknown.
WAREHOUSES = st.sampled_from(("none", "first", "second", "unknown"))
WAREHOUSE_CHOICES = st.sampled_from(("not given", "none", "first", "second", "unknown"))
MOVEMENT_TYPES = st.sampled_from(("transfer", "return", "disposal", "assignment"))
# Where a request says the unit is now: not said, rightly, wrongly.
FROM = st.sampled_from(("not given", "not given", "right", "right", "wrong"))
TICKET_STATUSES = st.sampled_from(("pending", "in_progress", "completed", "cancelled"))
UNKNOWN: Final = "00000000-0000-4000-8000-000000000000"

T = TypeVar("T")


@dataclass(frozen=True)
class World:
    """What every sequence of a test shares: its database and the manager acting."""

    sessions: sessionmaker[Session]
    make_uow: UowFactory
    actor: Caller
    # "<call>: done" or "<call>: <refusal>" -> how many times, over all sequences.
    outcomes: Counter[str] = field(default_factory=Counter)


class StockRoom(RuleBasedStateMachine):
    def __init__(self, world: World) -> None:
        super().__init__()
        self.world = world
        self.clock = FakeClock(T0)
        # The database outlives a sequence: this one's models carry its tag, so its
        # levels are those a search for the tag finds, and its serials carry it too.
        self.tag = uuid.uuid4().hex[:10].upper()
        self.serials = 0
        with world.sessions() as session:
            model_ids = [
                make_product_model(session, name=f"Stock {self.tag} {n}").id for n in range(MODELS)
            ]
            warehouse_ids = [make_warehouse(session, name=f"Shelf {n}").id for n in range(2)]
        self.model = StockModel(model_ids, warehouse_ids)
        for status in ("pending", "in_progress", "completed"):
            self._open_ticket(status)

    # -- choosing ---------------------------------------------------------------------

    def new_serial(self) -> str:
        self.serials += 1
        return f"SN-{self.tag}-{self.serials}"

    def unit_id(self, index: int) -> str:
        known = list(self.model.units)
        return pick(known, index)

    def model_id(self, index: int) -> str:
        return pick(self.model.model_ids, index)

    def ticket_id(self, index: int) -> str:
        return pick(list(self.model.tickets), index)

    def batch_id(self, index: int) -> str:
        return pick(list(self.model.batches), index)

    def warehouse(self, choice: str) -> str | None:
        first, second = self.model.warehouse_ids
        return {"none": None, "first": first, "second": second, "unknown": UNKNOWN}[choice]

    def warehouse_choice(self, choice: str) -> WarehouseChoice:
        return NOT_GIVEN if choice == "not given" else self.warehouse(choice)

    def attempt(self, what: str, expected: Refusal | None, call: Callable[[], T]) -> T | None:
        """Run one service call a step later than the last. A domain error must be the
        refusal expected; any other exception fails the test as it is."""
        self.clock.advance(timedelta(seconds=1))
        refused: DomainError | None = None
        try:
            result = call()
        except DomainError as error:
            refused = error
        self.world.outcomes[f"{what}: {type(refused).__name__ if refused else 'done'}"] += 1
        if refused is not None:
            assert type(refused) is expected, f"refused with {refused!r}, expected {expected}"
            return None
        assert expected is None, f"accepted, but {expected.__name__} was expected"
        return result

    # -- registering ------------------------------------------------------------------

    @rule(
        serial=st.sampled_from(("new", "new", "taken")),
        model=INDEX,
        warehouse=WAREHOUSES,
        place=st.sampled_from(PLACES),
    )
    def create_unit(self, serial: str, model: int, warehouse: str, place: str) -> None:
        taken = [unit.serial for unit in self.model.units.values()]
        number = wrap(taken, model) if serial == "taken" and taken else self.new_serial()
        where = Place(place, self.warehouse(warehouse))
        model_id = self.model_id(model)
        new = NewUnit(
            serial_number=number,
            product_id=model_id,
            virtual_warehouse_type=where.virtual_warehouse_type,
            condition="new",
            physical_warehouse_id=where.physical_warehouse_id,
        )
        expected = self.model.creation_refused(number, model_id, where)
        actor_id = self.world.actor.user_id
        created = self.attempt(
            "createProduct",
            expected,
            lambda: units.create_unit(
                self.world.make_uow(), new, actor_id=actor_id, clock=self.clock
            ),
        )
        if created is not None:
            self.model.receive(created.unit.id, number, model_id, where)

    @rule(
        rows=st.lists(
            st.tuples(
                st.sampled_from(("new", "new", "new", "repeat", "taken", "invalid")),
                INDEX,
                WAREHOUSES,
                st.sampled_from(PLACES),
                st.sampled_from(("as the first", "as the first", "its own")),
            ),
            min_size=1,
            max_size=6,
        )
    )
    def import_units(self, rows: list[tuple[str, int, str, str, str]]) -> None:
        """A delivery: most rows of one model to one place (levels of several units,
        whose statuses reach the edges), some of others."""
        taken = [unit.serial for unit in self.model.units.values()]
        given: list[tuple[str, str, Place] | None] = []
        sent: list[bulk_import.ImportRow] = []
        _, first_index, first_warehouse, first_place, _ = rows[0]
        for number, (kind, index, warehouse, place, like) in enumerate(rows, start=1):
            if like == "as the first":
                index, warehouse, place = first_index, first_warehouse, first_place
            earlier = [row[0] for row in given if row is not None]
            if kind == "repeat" and earlier:
                serial = wrap(earlier, index)
            elif kind == "taken" and taken:
                serial = wrap(taken, index)
            else:
                serial = self.new_serial()
            model_id = self.model_id(index)
            where = Place(place, self.warehouse(warehouse))
            if kind == "invalid":
                given.append(None)
                sent.append(bulk_import.ImportRow(number, serial, None, "condition: unknown"))
                continue
            given.append((serial, model_id, where))
            new = NewUnit(
                serial_number=serial,
                product_id=model_id,
                virtual_warehouse_type=place,
                condition="used",
                physical_warehouse_id=where.physical_warehouse_id,
            )
            sent.append(bulk_import.ImportRow(number, serial, new))
        goes_in = self.model.import_outcome(given)
        actor_id = self.world.actor.user_id
        outcome = self.attempt(
            "bulkImport",
            None,
            lambda: bulk_import.import_units(
                self.world.make_uow(), sent, actor_id=actor_id, clock=self.clock
            ),
        )
        assert outcome is not None
        expected_rows = [number for number, ok in enumerate(goes_in, start=1) if ok]
        assert [imported.row for imported in outcome.imported] == expected_rows
        assert [refused.row for refused in outcome.refused] == [
            number for number, ok in enumerate(goes_in, start=1) if not ok
        ]
        for imported in outcome.imported:
            row = given[imported.row - 1]
            assert row is not None
            self.model.receive(imported.id, row[0], row[1], row[2])

    # -- moving -----------------------------------------------------------------------

    def record(self, unit_id: str, request: Request) -> None:
        expected = self.model.movement_outcome(unit_id, request)
        asked = MovementRequest(
            movement_type=request.movement_type,
            from_physical=request.from_physical,
            to_physical=request.to_physical,
            from_virtual=request.from_virtual,
            to_virtual=request.to_virtual,
            ticket_id=request.ticket_id,
            force=request.force,
        )
        refusal = None if isinstance(expected, Moved) else expected
        held = " of a held unit" if unit_id in self.held() else ""
        self.attempt(
            f"recordMovement {request.movement_type}{held}",
            refusal,
            lambda: movements.record_movement(
                self.world.make_uow(), self.world.actor, unit_id, asked, clock=self.clock
            ),
        )
        if isinstance(expected, Moved):
            self.model.apply(unit_id, expected)

    def from_of(
        self, unit_id: str, virtual: str, physical: str
    ) -> tuple[str | None, WarehouseChoice]:
        """Where a request says the unit is: not said, where it is, or elsewhere."""
        unit = self.model.units.get(unit_id)
        now = Place("warranty_stock") if unit is None else unit.place
        wrong_virtual = "parts" if now.virtual_warehouse_type != "parts" else "dead_stock"
        wrong_physical = self.model.warehouse_ids[0 if now.physical_warehouse_id is None else 1]
        if now.physical_warehouse_id == wrong_physical:
            wrong_physical = self.model.warehouse_ids[0]
        from_virtual = {"not given": None, "right": now.virtual_warehouse_type}.get(
            virtual, wrong_virtual
        )
        from_physical: WarehouseChoice = {
            "not given": NOT_GIVEN,
            "right": now.physical_warehouse_id,
        }.get(physical, wrong_physical)
        return from_virtual, from_physical

    @rule(
        unit=INDEX,
        kind=MOVEMENT_TYPES,
        from_virtual=FROM,
        from_physical=FROM,
        to_virtual=st.none() | st.sampled_from(PLACES),
        to_physical=WAREHOUSE_CHOICES,
        ticket=st.none() | INDEX,
        force=st.booleans(),
    )
    def record_movement(
        self,
        unit: int,
        kind: str,
        from_virtual: str,
        from_physical: str,
        to_virtual: str | None,
        to_physical: str,
        ticket: int | None,
        force: bool,
    ) -> None:
        unit_id = self.unit_id(unit)
        said_virtual, said_physical = self.from_of(unit_id, from_virtual, from_physical)
        request = Request(
            movement_type=kind,
            from_virtual=said_virtual,
            from_physical=said_physical,
            to_virtual=to_virtual,
            to_physical=self.warehouse_choice(to_physical),
            ticket_id=None if ticket is None else self.ticket_id(ticket),
            force=force,
        )
        self.record(unit_id, request)

    @precondition(lambda self: self.model.units)
    @rule(
        unit=INDEX,
        kind=st.sampled_from(("transfer", "return")),
        from_virtual=FROM,
        to_virtual=st.sampled_from(STORED),
        to_physical=WAREHOUSE_CHOICES,
    )
    def move_unit(
        self, unit: int, kind: str, from_virtual: str, to_virtual: str, to_physical: str
    ) -> None:
        """A transfer or return between stored places, as most movements are."""
        unit_id = self.unit_id(unit)
        said_virtual, said_physical = self.from_of(unit_id, from_virtual, "not given")
        to = self.warehouse_choice(to_physical)
        self.record(
            unit_id, Request(kind, said_virtual, said_physical, to_virtual, to, None, False)
        )

    @precondition(lambda self: self.held())
    @rule(
        unit=INDEX,
        kind=st.sampled_from(("transfer", "return", "disposal")),
        to_virtual=st.none() | st.sampled_from(STORED),
        to_physical=WAREHOUSE_CHOICES,
        force=st.booleans(),
    )
    def move_held_unit(
        self, unit: int, kind: str, to_virtual: str | None, to_physical: str, force: bool
    ) -> None:
        """A unit in service or in an RMA batch: moved with force, refused without."""
        unit_id = pick(self.held(), unit)
        request = Request(
            kind, None, NOT_GIVEN, to_virtual, self.warehouse_choice(to_physical), None, force
        )
        self.record(unit_id, request)

    def held(self) -> list[str]:
        return [
            unit_id
            for unit_id, unit in self.model.units.items()
            if unit.ticket_id is not None or unit_id in self.model.holder
        ]

    @precondition(lambda self: self.model.units)
    @rule(unit=INDEX, from_virtual=FROM, force=st.booleans())
    def dispose(self, unit: int, from_virtual: str, force: bool) -> None:
        unit_id = self.unit_id(unit)
        said_virtual, _ = self.from_of(unit_id, from_virtual, "not given")
        self.record(
            unit_id, Request("disposal", said_virtual, NOT_GIVEN, None, NOT_GIVEN, None, force)
        )

    # -- tickets ----------------------------------------------------------------------

    @rule(status=TICKET_STATUSES)
    def open_ticket(self, status: str) -> None:
        self._open_ticket(status)

    def _open_ticket(self, status: str) -> None:
        with self.world.sessions() as session:
            self.model.tickets[make_ticket(session, status=status).id] = status

    @precondition(lambda self: self.model.units)
    @rule(unit=INDEX, ticket=INDEX)
    def assign_to_ticket(self, unit: int, ticket: int) -> None:
        unit_id = self.unit_id(unit)
        ticket_id = self.ticket_id(ticket)
        known = self.model.units.get(unit_id)
        serial = f"SN-{self.tag}-NONE" if known is None else known.serial
        status = self.model.tickets.get(ticket_id)
        expected: Refusal | None
        # The ticket is locked first, then the unit.
        if status is None:
            expected = NotFound
        elif status in TERMINAL:
            expected = PreconditionFailed
        elif known is None:
            expected = NotFound
        elif known.ticket_id == ticket_id:
            expected = None  # already serving it: nothing to do
        else:
            expected = self.model.assignment_refused(unit_id, ticket_id)
        self.attempt(
            "assignToTicket",
            expected,
            lambda: assignment.assign_to_ticket(
                self.world.make_uow(),
                self.world.actor,
                serial_number=serial,
                ticket_id=ticket_id,
                clock=self.clock,
            ),
        )
        if expected is None and known is not None and known.ticket_id != ticket_id:
            where = Place(IN_SERVICE, known.place.physical_warehouse_id)
            self.model.apply(unit_id, Moved("assignment", where, ticket_id))

    @precondition(lambda self: self.model.units)
    @rule(unit=INDEX, ticket=INDEX, to_physical=WAREHOUSE_CHOICES)
    def assign_by_movement(self, unit: int, ticket: int, to_physical: str) -> None:
        unit_id = self.unit_id(unit)
        said_virtual, said_physical = self.from_of(unit_id, "right", "right")
        ticket_id = self.ticket_id(ticket)
        request = Request(
            "assignment",
            said_virtual,
            said_physical,
            None,
            self.warehouse_choice(to_physical),
            ticket_id,
            False,
        )
        self.record(unit_id, request)

    # -- RMA batches ------------------------------------------------------------------

    # A few batches a sequence: units go into them and they are submitted.
    @precondition(lambda self: len(self.model.batches) < 3)
    @rule()
    def create_batch(self) -> None:
        made = self.attempt(
            "createRMABatch",
            None,
            lambda: rma.create_batch(
                self.world.make_uow(), self.world.actor, supplier_name="Acme", clock=self.clock
            ),
        )
        assert made is not None
        self.model.batches[made.batch.id] = "draft"
        self.model.entries[made.batch.id] = set()

    @precondition(lambda self: self.model.batches)
    @rule(batch=INDEX, unit_indexes=st.lists(INDEX, min_size=1, max_size=4))
    def add_to_batch(self, batch: int, unit_indexes: list[int]) -> None:
        batch_id = self.batch_id(batch)
        unit_ids = [self.unit_id(index) for index in unit_indexes]
        expected = self.model.adding_refused(batch_id)
        added = self.attempt(
            "addProductsToRMA",
            expected,
            lambda: rma.add_units(
                self.world.make_uow(), self.world.actor, batch_id, unit_ids, clock=self.clock
            ),
        )
        if added is not None:
            count, refused = self.model.add(batch_id, unit_ids)
            assert (added.added, len(added.errors)) == (count, refused)

    @precondition(lambda self: self.model.batches)
    @rule(batch=INDEX)
    def finalize_batch(self, batch: int) -> None:
        batch_id = self.batch_id(batch)
        expected = self.model.finalizing_refused(batch_id)
        self.attempt(
            "finalizeRMABatch",
            expected,
            lambda: rma.finalize_batch(self.world.make_uow(), batch_id, clock=self.clock),
        )
        if expected is None:
            self.model.batches[batch_id] = "submitted"

    # -- thresholds -------------------------------------------------------------------

    @rule(
        model=INDEX,
        place=st.sampled_from(PLACES),
        minimum=st.integers(0, 3),
        reorder=st.none() | st.integers(0, 9),
        alert=st.booleans(),
    )
    def set_threshold(
        self, model: int, place: str, minimum: int, reorder: int | None, alert: bool
    ) -> None:
        self.set_threshold_of(self.model_id(model), place, minimum, reorder, alert)

    def set_threshold_of(
        self, model_id: str, place: str, minimum: int, reorder: int | None, alert: bool
    ) -> None:
        known = model_id in self.model.model_ids
        setting = stock.ThresholdSetting(model_id, place, minimum, reorder, alert)
        self.attempt(
            "setThreshold",
            None if known else NotFound,
            lambda: stock.set_threshold(
                self.world.make_uow(), setting, actor_id=self.world.actor.user_id, clock=self.clock
            ),
        )
        if known:
            quantity = minimum * 2 if reorder is None else reorder
            self.model.thresholds[(model_id, place)] = Threshold(minimum, quantity, alert)

    @precondition(lambda self: self.model.units)
    @rule(unit=INDEX, edge=st.sampled_from(("at", "below", "warning", "below warning")))
    def set_threshold_at_an_edge(self, unit: int, edge: str) -> None:
        """A threshold where a unit's level is, on an edge of a status: the count itself
        (critical at or below it), one less, and the least and the most a threshold can
        be with the count still warning (2 x count <= 3 x threshold) or not."""
        known = self.model.units.get(self.unit_id(unit))
        if known is None:
            return
        place = known.place.virtual_warehouse_type
        count = sum(
            1
            for other in self.model.units.values()
            if (other.model_id, other.place.virtual_warehouse_type) == (known.model_id, place)
        )
        least_warning = -(-2 * count // 3)  # ceil(2 x count / 3)
        minimum = {
            "at": count,
            "below": count - 1,
            "warning": least_warning,
            "below warning": least_warning - 1,
        }[edge]
        self.set_threshold_of(known.model_id, place, max(minimum, 0), None, True)

    # -- what holds after every step ----------------------------------------------------

    @invariant()
    def units_are_where_the_model_says(self) -> None:
        with self.world.sessions() as session:
            rows = session.exec(
                select(PhysicalProductRow).where(
                    col(PhysicalProductRow.product_id).in_(self.model.model_ids)
                )
            ).all()
        found = {
            row.id: (row.serial_number, row.product_id, place_of(row), row.current_ticket_id)
            for row in rows
        }
        assert found == {
            unit_id: (unit.serial, unit.model_id, unit.place, unit.ticket_id)
            for unit_id, unit in self.model.units.items()
        }
        for row in rows:
            assert row.virtual_warehouse_type in PLACES
            assert (row.virtual_warehouse_type == IN_SERVICE) == (row.current_ticket_id is not None)

    @invariant()
    def every_history_replays_to_where_the_unit_is(self) -> None:
        with self.world.sessions() as session:
            rows = session.exec(
                select(StockMovementRow)
                .where(col(StockMovementRow.product_id).in_(list(self.model.units)))
                .order_by(col(StockMovementRow.created_at), col(StockMovementRow.id))
            ).all()
        histories: dict[str, list[StockMovementRow]] = {}
        for row in rows:
            histories.setdefault(row.product_id, []).append(row)
        assert set(histories) == set(self.model.units)
        for unit_id, unit in self.model.units.items():
            history = histories[unit_id]
            receipt = history[0]
            assert receipt.movement_type == "receipt"
            assert (receipt.from_virtual_warehouse_type, receipt.from_physical_warehouse_id) == (
                None,
                None,
            )
            for earlier, later in pairwise(history):
                assert Place(
                    later.from_virtual_warehouse_type or "", later.from_physical_warehouse_id
                ) == Place(earlier.to_virtual_warehouse_type, earlier.to_physical_warehouse_id)
            assert [
                Moved(
                    row.movement_type,
                    Place(row.to_virtual_warehouse_type, row.to_physical_warehouse_id),
                    row.reference_ticket_id,
                )
                for row in history
            ] == unit.moves
            assert unit.moves[-1].to == unit.place

    @invariant()
    def stock_levels_are_a_recount(self) -> None:
        where = stock.StockLevelFilter(search=self.tag)
        levels: list[stock.StockLevelRecord] = []
        total = offset = 0
        while offset == 0 or offset < total:
            page = stock.stock_levels(
                self.world.make_uow(read_only=True), where, offset=offset, limit=LEVELS_PAGE
            )
            assert len(page.rows) <= LEVELS_PAGE
            levels.extend(page.rows)
            total = page.total
            offset += LEVELS_PAGE
        assert len(levels) == total
        read = {
            (level.id, level.virtual_warehouse_type): (
                level.current_stock,
                level.threshold,
                level.reorder_quantity,
                level.alert_enabled,
                level.status,
            )
            for level in levels
        }
        assert len(read) == len(levels), "a level on two pages"
        assert read == self.model.levels()

    @invariant()
    def a_unit_is_in_at_most_one_open_batch(self) -> None:
        with self.world.sessions() as session:
            held = session.exec(
                select(RmaBatchItemRow.product_id, RmaBatchItemRow.batch_id, RmaBatchRow.status)
                .join(RmaBatchRow, col(RmaBatchRow.id) == col(RmaBatchItemRow.batch_id))
                .where(col(RmaBatchItemRow.product_id).in_(list(self.model.units)))
            ).all()
            statuses = dict(
                session.exec(
                    select(RmaBatchRow.id, RmaBatchRow.status).where(
                        col(RmaBatchRow.id).in_(list(self.model.batches))
                    )
                ).all()
            )
        open_entries = [
            (unit_id, batch_id) for unit_id, batch_id, status in held if status != "completed"
        ]
        assert max(Counter(unit_id for unit_id, _ in open_entries).values(), default=0) <= 1
        assert dict(open_entries) == self.model.holder
        assert statuses == self.model.batches

    @invariant()
    def a_ticket_has_a_comment_per_assignment(self) -> None:
        with self.world.sessions() as session:
            counted = session.exec(
                select(TicketCommentRow.ticket_id, func.count())
                .where(col(TicketCommentRow.ticket_id).in_(list(self.model.tickets)))
                .group_by(col(TicketCommentRow.ticket_id))
            ).all()
        assert dict(counted) == {
            ticket_id: count for ticket_id, count in self.model.comments.items() if count
        }


def pick(things: list[str], index: int) -> str:
    """The thing at ``index`` (wrapped); an unknown id for the top few indexes (and
    when there is nothing to pick)."""
    return UNKNOWN if index >= UNKNOWN_FROM or not things else things[index % len(things)]


def wrap(things: list[str], index: int) -> str:
    """The thing at ``index`` (wrapped): always one of them."""
    return things[index % len(things)]


def place_of(row: PhysicalProductRow) -> Place:
    return Place(row.virtual_warehouse_type, row.physical_warehouse_id)


def test_any_day_in_the_stock_room_keeps_the_stock_whole(
    sessions: sessionmaker[Session], make_uow: UowFactory, hasher: PasswordHasher
) -> None:
    # A manager may do all of it: the refusals left are the rules', not the gate's.
    manager = make_user(hasher, email=f"stock-{uuid.uuid4().hex[:8]}@example.com", role="manager")
    save(sessions, manager)
    world = World(sessions, make_uow, caller(manager))

    run_state_machine_as_test(lambda: StockRoom(world), settings=SEQUENCES)

    # The sequences got somewhere: units moved and were refused moves, went into
    # service (a run whose every step is refused would check nothing).
    done = {what for what in world.outcomes if what.endswith(": done")}
    assert {"createProduct: done", "bulkImport: done", "assignToTicket: done"} <= done
    moves = [what for what in world.outcomes if what.startswith("recordMovement")]
    assert any(what in done for what in moves), world.outcomes
    assert any(what not in done for what in moves), world.outcomes
