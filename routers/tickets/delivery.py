"""``tickets.confirmDelivery``, ``tickets.getPendingDeliveries`` and
``tickets.getPendingDeliveriesCount``: handing repaired devices back."""

from __future__ import annotations

from middleware.context import RequestContext, SignedInContext
from routers.base import authed
from routers.samples import UPDATED_AT, USER_ID
from routers.tickets.answers import ticket_of
from routers.tickets.samples import TICKET_EXAMPLE, TICKET_ID
from rpc import ErrorCode, Example, Router
from schemas.tickets.delivery import (
    ConfirmDeliveryInput,
    PendingDeliveriesInput,
    PendingDeliveriesPage,
)
from schemas.tickets.lifecycle import TicketResult
from services.tickets import delivery as delivery_service

COMPLETED_AT = "2026-11-20T16:40:12Z"
DELIVERED_AT = "2026-11-21T10:05:00Z"
SIGNATURE_URL = "https://files.example.com/signatures/sv-2026-042.png"
COMPLETED_EXAMPLE = {
    **TICKET_EXAMPLE,
    "status": "completed",
    "started_at": "2026-11-03T08:30:00Z",
    "completed_at": COMPLETED_AT,
    "updated_at": UPDATED_AT,
}


@(
    authed.input(ConfirmDeliveryInput)
    .output(TicketResult)
    .meta(
        summary="Confirm a repaired device was handed back",
        description=(
            "For a completed ticket only (BAD_REQUEST otherwise, as the contract says), "
            "once (a second confirmation is CONFLICT). Sets delivery_confirmed_at (now), "
            "delivery_confirmed_by_id (the caller), delivery_signature_url (an http(s) "
            "URL of the signature image) and delivery_notes, leaves a comment, and "
            "emails the customer (delivery_confirmed) when they have an email. Answers "
            "{success: true, ticket}."
        ),
        errors=[ErrorCode.NOT_FOUND, ErrorCode.BAD_REQUEST, ErrorCode.CONFLICT],
        examples=[
            Example(
                "signed",
                {
                    "ticket_id": TICKET_ID,
                    "signature_url": SIGNATURE_URL,
                    "notes": "Collected by the customer's partner",
                },
                {
                    "success": True,
                    "ticket": {
                        **COMPLETED_EXAMPLE,
                        "delivery_confirmed_at": DELIVERED_AT,
                        "delivery_confirmed_by_id": USER_ID,
                        "delivery_signature_url": SIGNATURE_URL,
                        "delivery_notes": "Collected by the customer's partner",
                        "updated_at": DELIVERED_AT,
                    },
                },
            )
        ],
    )
    .mutation
)
def confirm_delivery(ctx: SignedInContext, params: ConfirmDeliveryInput) -> TicketResult:
    view = delivery_service.confirm_delivery(
        ctx.unit_of_work(),
        ctx.caller,
        params.ticket_id,
        signature_url=str(params.signature_url),
        notes=params.notes,
        setup=ctx.services.notifications,
        clock=ctx.services.clock,
    )
    return TicketResult(success=True, ticket=ticket_of(view))


@(
    authed.input(PendingDeliveriesInput)
    .output(PendingDeliveriesPage)
    .meta(
        summary="Completed tickets waiting to be handed back",
        description=(
            "Completed tickets without delivery_confirmed_at, the earliest completed "
            "first (the device waiting longest is the first to chase), then by id. One "
            "page of limit tickets (1-100, 50 by default) from offset (0 by default); "
            "total counts them all."
        ),
        examples=[
            Example(
                "first-page",
                {"limit": 20},
                {"tickets": [COMPLETED_EXAMPLE], "total": 1, "limit": 20, "offset": 0},
            )
        ],
    )
    .query
)
def get_pending_deliveries(
    ctx: SignedInContext, params: PendingDeliveriesInput
) -> PendingDeliveriesPage:
    page = delivery_service.pending_deliveries(
        ctx.unit_of_work(), limit=params.limit, offset=params.offset
    )
    return PendingDeliveriesPage(
        tickets=[ticket_of(view) for view in page.tickets],
        total=page.total,
        limit=params.limit,
        offset=params.offset,
    )


@(
    authed.output(int)
    .meta(
        summary="How many completed tickets wait to be handed back",
        description="The number of completed tickets without delivery_confirmed_at (a badge).",
        examples=[Example("some", {}, 3)],
    )
    .query
)
def get_pending_deliveries_count(ctx: SignedInContext, _: object) -> int:
    return delivery_service.count_pending_deliveries(ctx.unit_of_work())


router: Router[RequestContext] = Router(
    {
        "confirmDelivery": confirm_delivery,
        "getPendingDeliveries": get_pending_deliveries,
        "getPendingDeliveriesCount": get_pending_deliveries_count,
    }
)
