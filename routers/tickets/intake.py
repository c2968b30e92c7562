"""``tickets.createTicket``: opening a ticket (every signed-in role, as the contract's
"Roles: All")."""

from __future__ import annotations

from typing import Any

from middleware.context import RequestContext, SignedInContext
from routers.base import authed
from routers.catalog.samples import PRODUCT_ID
from routers.samples import CUSTOMER_ID
from routers.tickets.answers import ticket_of
from routers.tickets.reading import TASK_EXAMPLES, task_of
from routers.tickets.samples import PART_ID, TICKET_EXAMPLE
from rpc import ErrorCode, Example, Router
from schemas.tickets.intake import CreateTicketInput, CreateTicketResult
from services.tickets import intake
from services.tickets.intake import CustomerData, NewTicket, PartLine

CREATE_TICKET_INPUT: dict[str, Any] = {
    "customer_data": {
        "name": "Casey Customer",
        "phone": "+1 555 010 2030",
        "email": "casey@example.com",
    },
    "product_id": PRODUCT_ID,
    "description": "Screen cracked after a drop; touch works",
    "service_fee": 50,
    "diagnosis_fee": 15,
    "parts": [{"part_id": PART_ID, "quantity": 1, "unit_price": 129.9}],
}
NEW_TASKS: list[dict[str, Any]] = [
    {
        **task,
        "status": "pending",
        "assigned_to_id": None,
        "assigned_to": None,
        "started_at": None,
        "completed_at": None,
    }
    for task in TASK_EXAMPLES
]


@(
    authed.input(CreateTicketInput)
    .output(CreateTicketResult)
    .meta(
        summary="Open a service ticket",
        description=(
            "In one transaction, all or nothing. The customer: customer_data.id, when "
            "given, must exist (NOT_FOUND) and is used as it is; otherwise the customer "
            "with the phone's digits is used as it is, or a new one is made from "
            "customer_data (customers.createCustomer's rules: another customer's email "
            "is CONFLICT). product_id must be a product model (NOT_FOUND). Each part must "
            "exist and have the quantity in stock, else PRECONDITION_FAILED naming it; "
            "the stock is taken through the parts' ledger, entries naming the ticket. "
            "parts_total and total_cost are computed (a discount larger than the fees "
            "and parts together: BAD_REQUEST). ticket_number is the next SV-YYYY-NNN of "
            "the year (UTC), gap-free. Tasks are copied from the active template of the "
            "product model and service type (warranty and goodwill tickets use warranty "
            "templates, paid ones paid templates; one for the product model wins over one "
            "for any model; then the newest, then the lowest id; none: no tasks and "
            "template_id null). A system comment records the creation, and a "
            "ticket_created email is queued when the customer has an email and wants it. "
            "Answers {success, ticket, tasks}."
        ),
        errors=[
            ErrorCode.NOT_FOUND,
            ErrorCode.PRECONDITION_FAILED,
            ErrorCode.BAD_REQUEST,
            ErrorCode.CONFLICT,
        ],
        examples=[
            Example(
                "create",
                CREATE_TICKET_INPUT,
                {"success": True, "ticket": TICKET_EXAMPLE, "tasks": NEW_TASKS},
            ),
            Example(
                "existing customer, no parts",
                {
                    **CREATE_TICKET_INPUT,
                    "customer_data": {
                        "id": CUSTOMER_ID,
                        "name": "Casey Customer",
                        "phone": "+1 555 010 2030",
                    },
                    "warranty_type": "warranty",
                    "service_fee": 0,
                    "diagnosis_fee": 0,
                    "parts": [],
                },
                {
                    "success": True,
                    "ticket": {
                        **TICKET_EXAMPLE,
                        "warranty_type": "warranty",
                        "service_fee": 0,
                        "diagnosis_fee": 0,
                        "parts_total": 0,
                        "total_cost": 0,
                        "template_id": None,
                    },
                    "tasks": [],
                },
            ),
        ],
    )
    .mutation
)
def create_ticket(ctx: SignedInContext, params: CreateTicketInput) -> CreateTicketResult:
    customer = params.customer_data
    created = intake.create_ticket(
        ctx.unit_of_work(),
        ctx.services.notifications,
        NewTicket(
            customer=CustomerData(
                id=customer.id,
                name=customer.name,
                phone=customer.phone,
                email=customer.email,
                address=customer.address,
            ),
            product_id=params.product_id,
            description=params.description,
            priority_level=params.priority_level,
            warranty_type=params.warranty_type,
            service_fee=params.service_fee,
            diagnosis_fee=params.diagnosis_fee,
            discount_amount=params.discount_amount,
            parts=[
                PartLine(part_id=line.part_id, quantity=line.quantity, unit_price=line.unit_price)
                for line in params.parts
            ],
        ),
        actor_id=ctx.caller.user_id,
        clock=ctx.services.clock,
    )
    return CreateTicketResult(
        success=True,
        ticket=ticket_of(created.ticket),
        tasks=[task_of(view) for view in created.tasks],
    )


router: Router[RequestContext] = Router({"createTicket": create_ticket})
