"""``tickets.getTickets``, ``tickets.getTicket`` and ``tickets.getTasks``: reading
tickets, their part lines, comments and tasks (every signed-in role, as the contract's
"Roles: All")."""

from __future__ import annotations

from typing import Any

from middleware.context import RequestContext, SignedInContext
from routers.base import authed
from routers.samples import TECHNICIAN_ID, UPDATED_AT
from routers.tickets.answers import comment_of, part_line_of, ticket_of
from routers.tickets.samples import (
    COMMENT_EXAMPLE,
    TECHNICIAN_EXAMPLE,
    TICKET_EXAMPLE,
    TICKET_ID,
    TICKET_PART_EXAMPLE,
)
from routers.workflow.examples import DIAGNOSIS_EXAMPLE, TASK_TYPE_EXAMPLE, TEMPLATE_TASK_IDS
from rpc import ErrorCode, Example, Router
from schemas.tickets.listing import GetTicketInput, GetTicketsInput, TicketDetail, TicketPage
from schemas.tickets.task import GetTasksInput, TicketTask
from schemas.tickets.ticket import StaffMember, Ticket
from schemas.workflow.task_type import TaskType
from services.tickets import reading
from services.tickets.reading import TicketFilter, TicketTaskView

TASK_EXAMPLES: list[dict[str, Any]] = [
    {
        "id": TEMPLATE_TASK_IDS[0],
        "name": "Diagnosis",
        "status": "completed",
        "sequence_order": 1,
        "is_required": True,
        "assigned_to_id": TECHNICIAN_ID,
        "started_at": UPDATED_AT,
        "completed_at": UPDATED_AT,
        "task_type": DIAGNOSIS_EXAMPLE,
        "assigned_to": TECHNICIAN_EXAMPLE,
    },
    {
        "id": TEMPLATE_TASK_IDS[1],
        "name": "Screen Calibration",
        "status": "pending",
        "sequence_order": 2,
        "is_required": False,
        "assigned_to_id": None,
        "started_at": None,
        "completed_at": None,
        "task_type": TASK_TYPE_EXAMPLE,
        "assigned_to": None,
    },
]


def task_of(view: TicketTaskView) -> TicketTask:
    """A ticket's task as the contract shows it, with its task type and assignee."""
    task = view.task
    assignee = (
        StaffMember.model_validate(
            {
                "id": task.assigned_to_id,
                "full_name": task.assignee_full_name,
                "role": task.assignee_role,
            }
        )
        if task.assigned_to_id is not None and task.assignee_full_name is not None
        else None
    )
    return TicketTask.model_validate(
        {
            **task._asdict(),
            "task_type": TaskType.model_validate(view.task_type._asdict()),
            "assigned_to": assignee,
        }
    )


@(
    authed.input(GetTicketsInput)
    .output(list[Ticket] | TicketPage)
    .meta(
        summary="The service tickets",
        description=(
            "Without params (or with {}), the array of every ticket, as the contract "
            "says: newest first (created_at, then id), each with its customer under "
            "customers and its product model (with its brand) under products. With any of "
            "status, priority_level, assigned_to, customer_id, search, limit and offset, "
            "one page {tickets, total} in the same order, of the tickets matching every "
            "filter given; search finds its text in the ticket number or the customer's "
            "name or phone (ignoring case), or its digits in the phone's (limit 50 by "
            "default, at most 100; offset 0 by default)."
        ),
        examples=[
            Example("all", {}, [TICKET_EXAMPLE]),
            Example(
                "search",
                {"status": "pending", "search": "SV-2026-04", "limit": 20},
                {"tickets": [TICKET_EXAMPLE], "total": 1},
            ),
        ],
    )
    .query
)
def get_tickets(ctx: SignedInContext, params: GetTicketsInput) -> list[Ticket] | TicketPage:
    if not params.model_fields_set:
        return [ticket_of(row) for row in reading.list_tickets(ctx.unit_of_work())]
    where = TicketFilter(
        status=params.status,
        priority_level=params.priority_level,
        assigned_to=params.assigned_to,
        customer_id=params.customer_id,
        search=params.search,
    )
    page = reading.list_tickets_page(
        ctx.unit_of_work(), where, limit=params.limit, offset=params.offset
    )
    return TicketPage(tickets=[ticket_of(row) for row in page.rows], total=page.total)


@(
    authed.input(GetTicketInput)
    .output(TicketDetail)
    .meta(
        summary="One service ticket, with its parts and comments",
        description=(
            "The ticket as getTickets shows it, with parts (its part lines, each with its "
            "catalog part under parts) and comments (each with its author under profiles, "
            "internal ones included), both oldest first. An unknown id: NOT_FOUND."
        ),
        errors=[ErrorCode.NOT_FOUND],
        examples=[
            Example(
                "ticket",
                {"id": TICKET_ID},
                {**TICKET_EXAMPLE, "parts": [TICKET_PART_EXAMPLE], "comments": [COMMENT_EXAMPLE]},
            )
        ],
    )
    .query
)
def get_ticket(ctx: SignedInContext, params: GetTicketInput) -> TicketDetail:
    detail = reading.get_ticket(ctx.unit_of_work(), params.id)
    return TicketDetail.model_validate(
        {
            **dict(ticket_of(detail.ticket)),
            "parts": [part_line_of(line) for line in detail.parts],
            "comments": [comment_of(comment) for comment in detail.comments],
        }
    )


@(
    authed.input(GetTasksInput)
    .output(list[TicketTask])
    .meta(
        summary="A ticket's tasks",
        description=(
            "The ticket's tasks in their sequence order, each with its task type and the "
            "technician it is assigned to (assigned_to {id, full_name, role}, or null). "
            "Takes the contract's ticketId. An unknown ticket: NOT_FOUND; a ticket "
            "without tasks: []."
        ),
        errors=[ErrorCode.NOT_FOUND],
        examples=[Example("tasks", {"ticketId": TICKET_ID}, TASK_EXAMPLES)],
    )
    .query
)
def get_tasks(ctx: SignedInContext, params: GetTasksInput) -> list[TicketTask]:
    return [task_of(view) for view in reading.get_tasks(ctx.unit_of_work(), params.ticket_id)]


router: Router[RequestContext] = Router(
    {"getTickets": get_tickets, "getTicket": get_ticket, "getTasks": get_tasks}
)
