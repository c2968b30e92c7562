"""Who may call each service-center procedure: the issue's table, against the code and
over HTTP.

The table below is written from the specification, not read from the procedures: it
is what the published ``x-roles`` must say, and what the running server must enforce.
Every procedure of these namespaces must be in it, so a new one cannot go unreviewed.
Each procedure's own tests check its behaviour per role; this one checks the gate alone,
for all of them the same way: anonymous callers get UNAUTHORIZED, roles that may not
call get FORBIDDEN, and roles that may call are let through to the procedure (whatever
it then answers about the example's params).
"""

from __future__ import annotations

from typing import Any, Final

import httpx
import pytest

from routers import app_router
from rpc import Procedure
from tests.e2e.conftest import MakeUser, error_of, rpc_call

EVERY_ROLE: Final = ("admin", "manager", "technician", "reception")
MANAGERS: Final = ("admin", "manager")
PUBLIC: Final = ()
SERVICE_CENTER_NAMESPACES: Final = (
    "catalog",
    "customers",
    "inventory",
    "notifications",
    "tickets",
    "workflow",
)

# procedure -> the roles that may call it (PUBLIC: anyone, signed in or not).
ACCESS: Final[dict[str, tuple[str, ...]]] = {
    **{f"catalog.brand.{name}": EVERY_ROLE for name in ("list",)},
    **{f"catalog.brand.{name}": MANAGERS for name in ("create", "update", "delete")},
    **{f"catalog.product.{name}": EVERY_ROLE for name in ("list", "get")},
    **{f"catalog.product.{name}": MANAGERS for name in ("create", "update", "delete")},
    **{f"catalog.part.{name}": EVERY_ROLE for name in ("list", "get")},
    **{f"catalog.part.{name}": MANAGERS for name in ("create", "update", "delete", "adjustStock")},
    **{f"catalog.warehouse.{name}": EVERY_ROLE for name in ("list",)},
    **{f"catalog.warehouse.{name}": MANAGERS for name in ("create", "update", "delete")},
    **{
        f"customers.{name}": EVERY_ROLE
        for name in (
            "getCustomers",
            "createCustomer",
            "updateCustomer",
            "deleteCustomer",
            "getNewCustomers",
        )
    },
    "customers.getByEmail": PUBLIC,
    "customers.updateEmailPreferences": PUBLIC,
    **{
        f"inventory.{name}": EVERY_ROLE
        for name in (
            "createProduct",
            "updateProduct",
            "listProducts",
            "getProduct",
            "bulkImport",
            "verifySerial",
            "recordMovement",
            "getMovementHistory",
            "assignToTicket",
            "getStockLevels",
            "setThreshold",
            "getLowStockAlerts",
            "exportStockReport",
        )
    },
    **{
        f"inventory.{name}": MANAGERS
        for name in ("createRMABatch", "addProductsToRMA", "finalizeRMABatch", "getRMABatches")
    },
    "inventory.getRMABatchDetails": EVERY_ROLE,
    "notifications.send": EVERY_ROLE,
    **{f"notifications.{name}": MANAGERS for name in ("getLog", "getStats", "retry")},
    "workflow.taskType.list": EVERY_ROLE,
    "workflow.taskType.create": MANAGERS,
    "workflow.template.list": EVERY_ROLE,
    "workflow.template.getById": EVERY_ROLE,
    **{f"workflow.template.{name}": MANAGERS for name in ("create", "update", "delete")},
    "workflow.switchTemplate": ("technician", "manager", "admin"),
    # Every role reaches them; who may change a task (its technician, or a manager or
    # admin) is the service's check, FORBIDDEN for anyone else.
    **{
        f"workflow.{name}": EVERY_ROLE
        for name in (
            "myTasks",
            "updateTaskStatus",
            "addTaskNotes",
            "completeTask",
            "getTaskDependencies",
        )
    },
    **{
        f"workflow.{name}": EVERY_ROLE
        for name in (
            "getTaskProgressSummary",
            "getTicketsWithBlockedTasks",
            "getTechnicianWorkload",
            "getTaskCompletionTimeline",
        )
    },
    # The contract: "Roles: All" for every ticket procedure.
    **{
        f"tickets.{name}": EVERY_ROLE
        for name in (
            "getTickets",
            "getTicket",
            "getTasks",
            "createTicket",
            "updateTicket",
            "updateTicketStatus",
            "addTicketPart",
            "updateTicketPart",
            "deleteTicketPart",
            "addComment",
            "addAttachment",
            "getAttachments",
            "deleteAttachment",
            "confirmDelivery",
            "getPendingDeliveries",
            "getPendingDeliveriesCount",
            "getPendingCount",
            "getDailyRevenue",
        )
    },
}

UNAUTHORIZED: Final = (-32001, "UNAUTHORIZED")
FORBIDDEN: Final = (-32003, "FORBIDDEN")
GATE_ERRORS: Final = {"UNAUTHORIZED", "FORBIDDEN"}

SERVED: Final = {
    procedure.name: procedure
    for procedure in app_router
    if procedure.name.split(".")[0] in SERVICE_CENTER_NAMESPACES
}


def published_roles(roles: tuple[str, ...]) -> list[str]:
    """What ``x-roles`` says for callers ``roles`` (rpc.procedure.Access.to_json)."""
    if not roles:
        return ["public"]
    return ["authenticated"] if roles == EVERY_ROLE else list(roles)


def example_params(procedure: Procedure[Any]) -> dict[str, Any]:
    return dict(procedure.examples[0].params)


def test_every_service_center_procedure_is_in_the_table() -> None:
    assert set(SERVED) == set(ACCESS)


@pytest.mark.parametrize("name", sorted(ACCESS))
def test_the_published_roles_are_the_specified_ones(name: str) -> None:
    procedure = SERVED[name]

    assert procedure.access.to_json() == published_roles(ACCESS[name])


@pytest.mark.parametrize("name", sorted(name for name, roles in ACCESS.items() if roles))
def test_anonymous_callers_are_unauthorized(client: httpx.Client, name: str) -> None:
    answer = rpc_call(client, name, example_params(SERVED[name]))

    assert error_of(answer, *UNAUTHORIZED)["data"]["path"] == name


@pytest.mark.parametrize(
    ("name", "role"),
    sorted(
        (name, role)
        for name, roles in ACCESS.items()
        if roles
        for role in EVERY_ROLE
        if role not in roles
    ),
)
def test_roles_that_may_not_call_are_forbidden(
    client: httpx.Client, make_user: MakeUser, name: str, role: str
) -> None:
    caller = make_user(role)

    answer = rpc_call(client, name, example_params(SERVED[name]), caller.token)

    assert error_of(answer, *FORBIDDEN)["data"]["path"] == name


@pytest.mark.parametrize(
    ("name", "role"),
    sorted((name, role) for name, roles in ACCESS.items() for role in roles or EVERY_ROLE),
)
def test_roles_that_may_call_get_past_the_gate(
    client: httpx.Client, make_user: MakeUser, name: str, role: str
) -> None:
    caller = make_user(role)

    answer = rpc_call(client, name, example_params(SERVED[name]), caller.token)

    # The example's ids name rows of the documentation, not of this database: the
    # procedure may answer NOT_FOUND or CONFLICT, but never refuse the caller.
    assert answer.get("error", {}).get("data", {}).get("code") not in GATE_ERRORS, answer
