"""A technician's day over the wire: a ticket opened with a template
(``tickets.createTicket``), assigned (``tickets.updateTicket``), then its tasks seen,
started, noted and completed in order through ``workflow.*``."""

from __future__ import annotations

import httpx

from tests.e2e.conftest import LiveServer, MakeUser, error_of, result_of
from tests.e2e.tickets.intake_helpers import (
    create_ticket,
    deactivate,
    make_product,
    make_template,
    ticket_params,
)
from tests.e2e.workflow.calls import call

PRECONDITION_FAILED = (-32012, "PRECONDITION_FAILED")


def test_a_technicians_day(server: LiveServer, client: httpx.Client, make_user: MakeUser) -> None:
    manager = make_user("manager")
    tech = make_user("technician", full_name="Tess Technician")
    product_id = make_product(server)
    template_id = make_template(server, product_type=product_id, service_type="paid", steps=2)
    try:
        created = create_ticket(client, manager, ticket_params(product_id))
    finally:
        deactivate(server, template_id)
    ticket_id = created["ticket"]["id"]
    first, second = (task["id"] for task in created["tasks"])
    result_of(
        call(client, manager, "tickets.updateTicket", {"id": ticket_id, "assigned_to": tech.id})
    )

    mine = result_of(call(client, tech, "workflow.myTasks"))
    assert [task["id"] for task in mine] == [first, second]
    assert {task["ticket"]["id"] for task in mine} == {ticket_id}

    # The template enforces sequence: the optional second step waits for the first.
    early = {"task_id": second, "completion_notes": "Calibrated"}
    error = error_of(call(client, tech, "workflow.completeTask", early), *PRECONDITION_FAILED)
    assert created["tasks"][0]["name"] in error["message"]
    waiting = result_of(call(client, tech, "workflow.getTaskDependencies", {"task_id": second}))
    assert (waiting["enforce_sequence"], waiting["incomplete_count"]) == (True, 1)

    started = result_of(
        call(client, tech, "workflow.updateTaskStatus", {"task_id": first, "status": "in_progress"})
    )
    assert started["started_at"] is not None
    noted = result_of(
        call(client, tech, "workflow.addTaskNotes", {"task_id": first, "notes": "Opened it up"})
    )
    done = result_of(
        call(client, tech, "workflow.completeTask", {"task_id": first, "completion_notes": "Fixed"})
    )
    assert done["notes"].startswith(noted["notes"] + "\n")
    assert done["notes"].endswith("Tess Technician: Fixed")
    assert result_of(call(client, tech, "workflow.completeTask", early))["status"] == "completed"

    after = result_of(call(client, tech, "workflow.myTasks"))
    assert [task["status"] for task in after] == ["completed", "completed"]
    waiting = result_of(call(client, tech, "workflow.getTaskDependencies", {"task_id": second}))
    assert waiting["incomplete_count"] == 0
