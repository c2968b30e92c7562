"""``tickets.addTicketPart``, ``updateTicketPart``, ``deleteTicketPart``: the parts used
on a ticket. Every signed-in role may call them (the contract's "Roles: All").

Each moves the part's stock through the stock ledger (never below zero), recomputes
the ticket's ``parts_total`` and ``total_cost`` and writes a system comment naming the
part, the quantity and the money, in one transaction: refused, it changes nothing.
"""

from __future__ import annotations

from middleware.context import RequestContext, SignedInContext
from routers.base import authed
from routers.samples import UPDATED_AT
from routers.tickets.answers import part_line_of
from routers.tickets.samples import PART_ID, TICKET_ID, TICKET_PART_EXAMPLE, TICKET_PART_ID
from rpc import ErrorCode, Example, Router
from schemas.base import SuccessResult
from schemas.tickets.part import (
    AddTicketPartInput,
    DeleteTicketPartInput,
    TicketPartResult,
    UpdateTicketPartInput,
)
from services.tickets import parts as parts_service

LINE_ANSWER = (
    "Answers {success, part}: the line {id, ticket_id, part_id, quantity, unit_price, "
    "total (quantity x unit_price), created_at, updated_at, parts: {id, name, sku}}."
)
TERMINAL = (
    "A completed or cancelled ticket's parts no longer change (PRECONDITION_FAILED "
    "naming its status). "
)
DISCOUNT = (
    "A change that would leave the ticket's discount larger than its fees and parts "
    "together, or its money past 9,999,999,999.99, is BAD_REQUEST. "
)


@(
    authed.input(AddTicketPartInput)
    .output(TicketPartResult)
    .meta(
        summary="Use a part on a ticket",
        description=(
            "Takes quantity (1-1,000,000) of the part from stock (the stock ledger "
            "records it against the ticket's number) and adds a line at unit_price each; "
            "the ticket's parts_total and total_cost are recomputed and a system comment "
            "names the part, quantity and cost. A part the ticket already has gets a "
            "second line. An unknown ticket or part is NOT_FOUND; too little stock is "
            "PRECONDITION_FAILED naming the part. " + TERMINAL + DISCOUNT + LINE_ANSWER
        ),
        errors=[ErrorCode.NOT_FOUND, ErrorCode.PRECONDITION_FAILED, ErrorCode.BAD_REQUEST],
        examples=[
            Example(
                "screen",
                {"ticket_id": TICKET_ID, "part_id": PART_ID, "quantity": 1, "unit_price": 129.9},
                {"success": True, "part": TICKET_PART_EXAMPLE},
            )
        ],
    )
    .mutation
)
def add_ticket_part(ctx: SignedInContext, params: AddTicketPartInput) -> TicketPartResult:
    line = parts_service.add_ticket_part(
        ctx.unit_of_work(),
        ctx.caller,
        ticket_id=params.ticket_id,
        part_id=params.part_id,
        quantity=params.quantity,
        unit_price=params.unit_price,
        clock=ctx.services.clock,
    )
    return TicketPartResult(success=True, part=part_line_of(line))


@(
    authed.input(UpdateTicketPartInput)
    .output(TicketPartResult)
    .meta(
        summary="Change a ticket's part line",
        description=(
            "A new quantity (1-1,000,000) and/or unit_price; at least one is required "
            "(neither is INVALID_PARAMS). More parts are taken from stock, fewer given "
            "back, through the stock ledger; too little stock is PRECONDITION_FAILED "
            "naming the part. The line's total and the ticket's money are recomputed and "
            "a system comment shows old -> new. The same values again change nothing. "
            "An unknown line is NOT_FOUND. " + TERMINAL + DISCOUNT + LINE_ANSWER
        ),
        errors=[ErrorCode.NOT_FOUND, ErrorCode.PRECONDITION_FAILED, ErrorCode.BAD_REQUEST],
        examples=[
            Example(
                "two",
                {"id": TICKET_PART_ID, "quantity": 2},
                {
                    "success": True,
                    "part": {
                        **TICKET_PART_EXAMPLE,
                        "quantity": 2,
                        "total": 259.8,
                        "updated_at": UPDATED_AT,
                    },
                },
            ),
            Example(
                "goodwill-price",
                {"id": TICKET_PART_ID, "unit_price": 99},
                {
                    "success": True,
                    "part": {
                        **TICKET_PART_EXAMPLE,
                        "unit_price": 99,
                        "total": 99,
                        "updated_at": UPDATED_AT,
                    },
                },
            ),
        ],
    )
    .mutation
)
def update_ticket_part(ctx: SignedInContext, params: UpdateTicketPartInput) -> TicketPartResult:
    line = parts_service.update_ticket_part(
        ctx.unit_of_work(),
        ctx.caller,
        params.id,
        quantity=params.quantity,
        unit_price=params.unit_price,
        clock=ctx.services.clock,
    )
    return TicketPartResult(success=True, part=part_line_of(line))


@(
    authed.input(DeleteTicketPartInput)
    .output(SuccessResult)
    .meta(
        summary="Remove a part line from a ticket",
        description=(
            "Gives the line's parts back to stock through the stock ledger, removes the "
            "line, recomputes the ticket's money and writes a system comment. An unknown "
            "line is NOT_FOUND. " + TERMINAL + DISCOUNT
        ),
        errors=[ErrorCode.NOT_FOUND, ErrorCode.PRECONDITION_FAILED, ErrorCode.BAD_REQUEST],
        examples=[Example("remove", {"id": TICKET_PART_ID}, {"success": True})],
    )
    .mutation
)
def delete_ticket_part(ctx: SignedInContext, params: DeleteTicketPartInput) -> SuccessResult:
    parts_service.delete_ticket_part(
        ctx.unit_of_work(), ctx.caller, params.id, clock=ctx.services.clock
    )
    return SuccessResult(success=True)


router: Router[RequestContext] = Router(
    {
        "addTicketPart": add_ticket_part,
        "updateTicketPart": update_ticket_part,
        "deleteTicketPart": delete_ticket_part,
    }
)
