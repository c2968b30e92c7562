"""``inventory.assignToTicket``: a unit put in service on a ticket. Every signed-in
role, as the contract's "Roles: All"."""

from __future__ import annotations

from middleware.context import RequestContext, SignedInContext
from routers.base import authed
from routers.inventory.samples import SERIAL_NUMBER
from routers.tickets.samples import TICKET_ID
from rpc import ErrorCode, Example, Router
from schemas.base import SuccessResult
from schemas.inventory.movement import AssignToTicketInput
from services.inventory import assignment


@(
    authed.input(AssignToTicketInput)
    .output(SuccessResult)
    .meta(
        summary="Put a unit in service on a ticket",
        description=(
            "Moves the unit with serial_number (any case) to in_service, in the physical "
            "warehouse it stands in, with an assignment movement naming the ticket; sets "
            "its current_ticket_id and writes a system comment on the ticket naming the "
            "serial and where it came from, in one transaction. A unit already serving "
            "this ticket: success, nothing written. An unknown ticket or unit is "
            "NOT_FOUND; a completed or cancelled ticket PRECONDITION_FAILED; a unit in "
            "service on another ticket CONFLICT (of two assignments of one unit at once, "
            "one wins and the other gets CONFLICT); a unit in an RMA batch not completed "
            "PRECONDITION_FAILED. Answers {success: true}."
        ),
        errors=[ErrorCode.NOT_FOUND, ErrorCode.PRECONDITION_FAILED, ErrorCode.CONFLICT],
        examples=[
            Example(
                "assign",
                {"serial_number": SERIAL_NUMBER.lower(), "ticket_id": TICKET_ID},
                {"success": True},
            )
        ],
    )
    .mutation
)
def assign_to_ticket(ctx: SignedInContext, params: AssignToTicketInput) -> SuccessResult:
    assignment.assign_to_ticket(
        ctx.unit_of_work(),
        ctx.caller,
        serial_number=params.serial_number,
        ticket_id=params.ticket_id,
        clock=ctx.services.clock,
    )
    return SuccessResult(success=True)


router: Router[RequestContext] = Router({"assignToTicket": assign_to_ticket})
