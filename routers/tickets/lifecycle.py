"""``tickets.updateTicket`` and ``tickets.updateTicketStatus``: a ticket's fields,
technician and status, through one transition table."""

from __future__ import annotations

from middleware.context import RequestContext, SignedInContext
from routers.base import authed
from routers.partial import changes_from
from routers.samples import TECHNICIAN_ID, UPDATED_AT
from routers.tickets.answers import ticket_of
from routers.tickets.samples import TICKET_EXAMPLE, TICKET_ID
from rpc import ErrorCode, Example, Router
from schemas.tickets.lifecycle import TicketResult, UpdateTicketInput, UpdateTicketStatusInput
from services.tickets import lifecycle as lifecycle_service

STARTED_AT = "2026-11-20T16:40:12Z"
STATUS_RULES = (
    "Status moves: pending → in_progress or cancelled; in_progress → pending, completed "
    "or cancelled; completed and cancelled are final, and a ticket in either is not "
    "changed at all (PRECONDITION_FAILED naming its status). Any other move is "
    "PRECONDITION_FAILED naming the current status; the current status again is no "
    "change. in_progress sets started_at the first time only; completed sets "
    "completed_at, needs every required task completed or skipped (PRECONDITION_FAILED "
    "naming the others) and emails the customer (service_completed) when they have an "
    "email. Each status change is a status_change comment with the old and new status."
)
ANSWER = "Answers {success: true, ticket} with the ticket as it now is."


@(
    authed.input(UpdateTicketInput)
    .output(TicketResult)
    .meta(
        summary="Change a ticket",
        description=(
            "Fields left out stay as they are; notes: null clears the notes, "
            "assigned_to: null unassigns the ticket. assigned_to must be an active "
            "user (NOT_FOUND otherwise); assigning gives the ticket's unfinished tasks "
            "(neither completed nor skipped) to that user too, and leaves an assignment "
            "comment naming who it went from and to. A change of a fee, the discount, "
            "the priority or the warranty leaves a system comment with its old and new "
            "value. total_cost is recomputed (service_fee + diagnosis_fee + parts_total "
            "- discount_amount); a discount larger than the rest is BAD_REQUEST. "
            + STATUS_RULES
            + " The whole change is kept, or none of it. "
            + ANSWER
        ),
        errors=[ErrorCode.NOT_FOUND, ErrorCode.PRECONDITION_FAILED, ErrorCode.BAD_REQUEST],
        examples=[
            Example(
                "assign-and-start",
                {"id": TICKET_ID, "assigned_to": TECHNICIAN_ID, "status": "in_progress"},
                {
                    "success": True,
                    "ticket": {
                        **TICKET_EXAMPLE,
                        "assigned_to": TECHNICIAN_ID,
                        "status": "in_progress",
                        "started_at": STARTED_AT,
                        "updated_at": UPDATED_AT,
                    },
                },
            ),
            Example(
                "discount",
                {"id": TICKET_ID, "discount_amount": 14.9, "notes": None},
                {
                    "success": True,
                    "ticket": {
                        **TICKET_EXAMPLE,
                        "discount_amount": 14.9,
                        "total_cost": 180,
                        "updated_at": UPDATED_AT,
                    },
                },
            ),
        ],
    )
    .mutation
)
def update_ticket(ctx: SignedInContext, params: UpdateTicketInput) -> TicketResult:
    view = lifecycle_service.update_ticket(
        ctx.unit_of_work(),
        ctx.caller,
        params.id,
        changes_from(params, lifecycle_service.TicketChanges),
        setup=ctx.services.notifications,
        clock=ctx.services.clock,
    )
    return TicketResult(success=True, ticket=ticket_of(view))


@(
    authed.input(UpdateTicketStatusInput)
    .output(TicketResult)
    .meta(
        summary="Move a ticket to another status",
        description=(
            "The status change of tickets.updateTicket, alone. " + STATUS_RULES + " " + ANSWER
        ),
        errors=[ErrorCode.NOT_FOUND, ErrorCode.PRECONDITION_FAILED],
        examples=[
            Example(
                "start",
                {"id": TICKET_ID, "status": "in_progress"},
                {
                    "success": True,
                    "ticket": {
                        **TICKET_EXAMPLE,
                        "status": "in_progress",
                        "started_at": STARTED_AT,
                        "updated_at": UPDATED_AT,
                    },
                },
            )
        ],
    )
    .mutation
)
def update_ticket_status(ctx: SignedInContext, params: UpdateTicketStatusInput) -> TicketResult:
    view = lifecycle_service.update_ticket_status(
        ctx.unit_of_work(),
        ctx.caller,
        params.id,
        params.status,
        setup=ctx.services.notifications,
        clock=ctx.services.clock,
    )
    return TicketResult(success=True, ticket=ticket_of(view))


router: Router[RequestContext] = Router(
    {"updateTicket": update_ticket, "updateTicketStatus": update_ticket_status}
)
