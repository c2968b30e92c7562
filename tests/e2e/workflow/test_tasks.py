"""``workflow.myTasks``, ``updateTaskStatus``, ``addTaskNotes``, ``completeTask`` and
``getTaskDependencies`` over the live server: each one's success, declared errors, bad
input naming the field, and an anonymous caller. Tickets, templates and tasks are
written straight to the database."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from db.tables.tickets import TicketTaskRow
from db.tables.workflow import TaskTemplateRow, TaskTypeRow
from tests.e2e.conftest import Account, LiveServer, MakeUser, error_of, issue_paths, result_of
from tests.e2e.tickets.lifecycle_helpers import new_ticket
from tests.e2e.workflow.calls import (
    CONFLICT,
    FORBIDDEN,
    INVALID_PARAMS,
    MISSING_ID,
    NOT_FOUND,
    UNAUTHORIZED,
    call,
)
from tests.factories.tickets import OPENED_AT

PRECONDITION_FAILED = (-32012, "PRECONDITION_FAILED")
NOTE_LINE = re.compile(r"^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\] (.+): (.+)$")
TASK_KEYS = {
    "id",
    "ticket_id",
    "task_type_id",
    "name",
    "status",
    "sequence_order",
    "is_required",
    "assigned_to_id",
    "started_at",
    "completed_at",
    "completed_by_id",
    "notes",
    "updated_at",
    "task_type",
}


@dataclass
class Job:
    """A ticket of a template enforcing sequence, with three tasks assigned to ``tech``:
    Diagnosis (requires notes), Backup (optional) and Repair."""

    ticket_id: str
    ticket_number: str
    diagnosis: str
    backup: str
    repair: str


def _task_type(name: str, *, requires_notes: bool = False) -> TaskTypeRow:
    tagged = f"{name} {uuid.uuid4().hex[:10]}"
    return TaskTypeRow(
        name=tagged,
        name_key=tagged.casefold(),
        requires_notes=requires_notes,
        created_at=OPENED_AT,
        updated_at=OPENED_AT,
    )


def new_job(
    server: LiveServer,
    tech_id: str | None,
    *,
    enforce_sequence: bool = True,
    status: str = "pending",
) -> Job:
    name = f"Phone repair {uuid.uuid4().hex[:10]}"
    with server.db() as session:
        template = TaskTemplateRow(
            name=name,
            name_key=name.casefold(),
            service_type="warranty",
            enforce_sequence=enforce_sequence,
            created_at=OPENED_AT,
            updated_at=OPENED_AT,
        )
        noted, plain = _task_type("Diagnosis", requires_notes=True), _task_type("Repair")
        session.add_all([template, noted, plain])
        session.commit()
        template_id, noted_id, plain_id = template.id, noted.id, plain.id
    ticket = new_ticket(server, status=status, template_id=template_id)
    ids = []
    with server.db() as session:
        for order, (task_name, type_id, required) in enumerate(
            [
                ("Diagnosis", noted_id, True),
                ("Backup", plain_id, False),
                ("Repair", plain_id, True),
            ],
            start=1,
        ):
            task = TicketTaskRow(
                ticket_id=ticket.id,
                task_type_id=type_id,
                name=task_name,
                sequence_order=order,
                is_required=required,
                assigned_to_id=tech_id,
                created_at=OPENED_AT,
                updated_at=OPENED_AT,
            )
            session.add(task)
            session.flush()
            ids.append(task.id)
        session.commit()
    return Job(ticket.id, ticket.ticket_number, *ids)


@pytest.fixture
def tech(make_user: MakeUser) -> Account:
    return make_user("technician", full_name="Tess Technician")


@pytest.fixture
def job(server: LiveServer, tech: Account) -> Job:
    return new_job(server, tech.id)


def _ok(client: httpx.Client, user: Account | None, method: str, params: Any = None) -> Any:
    return result_of(call(client, user, method, params))


# --- workflow.myTasks


def test_my_tasks_shows_my_tasks_unfinished_first(
    server: LiveServer, client: httpx.Client, tech: Account, job: Job, make_user: MakeUser
) -> None:
    _ok(client, tech, "workflow.updateTaskStatus", {"task_id": job.diagnosis, "status": "skipped"})
    other = make_user("technician")
    other_job = new_job(server, other.id)

    mine = _ok(client, tech, "workflow.myTasks")

    assert [task["id"] for task in mine] == [job.backup, job.repair, job.diagnosis]
    first = mine[0]
    assert set(first) == TASK_KEYS | {"ticket"}
    assert first["assigned_to_id"] == tech.id
    assert first["task_type"]["name"].startswith("Repair")
    assert first["ticket"]["id"] == job.ticket_id
    assert first["ticket"]["ticket_number"] == job.ticket_number
    assert first["ticket"]["status"] == "pending"
    assert set(first["ticket"]["customer"]) == {"name", "phone"}
    assert first["ticket"]["customer"]["name"] == "Casey Customer"
    theirs = _ok(client, other, "workflow.myTasks")
    assert {task["ticket_id"] for task in theirs} == {other_job.ticket_id}


@pytest.mark.parametrize("role", ["admin", "manager", "reception"])
def test_my_tasks_is_empty_without_any(
    client: httpx.Client, make_user: MakeUser, role: str
) -> None:
    assert _ok(client, make_user(role), "workflow.myTasks") == []


def test_my_tasks_needs_a_signed_in_caller(client: httpx.Client) -> None:
    error_of(call(client, None, "workflow.myTasks"), *UNAUTHORIZED)


# --- workflow.updateTaskStatus


def test_starting_a_task_sets_started_at(client: httpx.Client, tech: Account, job: Job) -> None:
    task = _ok(
        client, tech, "workflow.updateTaskStatus", {"task_id": job.repair, "status": "in_progress"}
    )
    assert set(task) == TASK_KEYS
    assert (task["id"], task["status"]) == (job.repair, "in_progress")
    assert task["started_at"] is not None
    assert task["started_at"] == task["updated_at"]
    blocked = _ok(
        client, tech, "workflow.updateTaskStatus", {"task_id": job.repair, "status": "blocked"}
    )
    again = _ok(
        client, tech, "workflow.updateTaskStatus", {"task_id": job.repair, "status": "in_progress"}
    )
    assert blocked["started_at"] == again["started_at"] == task["started_at"]


@pytest.mark.parametrize("role", ["admin", "manager"])
def test_managers_change_anyones_task(
    client: httpx.Client, make_user: MakeUser, job: Job, role: str
) -> None:
    task = _ok(
        client,
        make_user(role),
        "workflow.updateTaskStatus",
        {"task_id": job.backup, "status": "skipped"},
    )
    assert task["status"] == "skipped"


def test_completing_by_status_follows_sequence(
    client: httpx.Client, tech: Account, job: Job
) -> None:
    params = {"task_id": job.repair, "status": "completed"}
    error = error_of(call(client, tech, "workflow.updateTaskStatus", params), *PRECONDITION_FAILED)
    assert "Diagnosis" in error["message"]
    _ok(client, tech, "workflow.updateTaskStatus", {"task_id": job.diagnosis, "status": "skipped"})
    task = _ok(client, tech, "workflow.updateTaskStatus", params)
    assert (task["status"], task["completed_by_id"]) == ("completed", tech.id)
    assert task["completed_at"] is not None
    error_of(call(client, tech, "workflow.updateTaskStatus", params), *CONFLICT)
    back = {"task_id": job.repair, "status": "pending"}
    error_of(call(client, tech, "workflow.updateTaskStatus", back), *PRECONDITION_FAILED)


def test_a_type_requiring_notes_is_not_completed_by_status(
    client: httpx.Client, tech: Account, job: Job
) -> None:
    params = {"task_id": job.diagnosis, "status": "completed"}
    error = error_of(call(client, tech, "workflow.updateTaskStatus", params), *PRECONDITION_FAILED)
    assert "completeTask" in error["message"]


@pytest.mark.parametrize("role", ["technician", "reception"])
def test_others_may_not_change_a_task(
    client: httpx.Client, make_user: MakeUser, job: Job, role: str
) -> None:
    user = make_user(role)
    task_id = job.repair
    error_of(
        call(
            client, user, "workflow.updateTaskStatus", {"task_id": task_id, "status": "in_progress"}
        ),
        *FORBIDDEN,
    )
    error_of(
        call(client, user, "workflow.addTaskNotes", {"task_id": task_id, "notes": "hi"}), *FORBIDDEN
    )
    error_of(
        call(
            client,
            user,
            "workflow.completeTask",
            {"task_id": task_id, "completion_notes": "Done well"},
        ),
        *FORBIDDEN,
    )


@pytest.mark.parametrize("status", ["completed", "cancelled"])
def test_tasks_of_a_finished_ticket_stay(
    server: LiveServer, client: httpx.Client, tech: Account, status: str
) -> None:
    job = new_job(server, tech.id, status=status)
    for method, params in (
        ("workflow.updateTaskStatus", {"task_id": job.repair, "status": "in_progress"}),
        ("workflow.addTaskNotes", {"task_id": job.repair, "notes": "late"}),
        ("workflow.completeTask", {"task_id": job.diagnosis, "completion_notes": "All done"}),
    ):
        error = error_of(call(client, tech, method, params), *PRECONDITION_FAILED)
        assert status in error["message"]


@pytest.mark.parametrize(
    "method",
    [
        "workflow.updateTaskStatus",
        "workflow.addTaskNotes",
        "workflow.completeTask",
        "workflow.getTaskDependencies",
    ],
)
def test_unknown_tasks_are_not_found(client: httpx.Client, tech: Account, method: str) -> None:
    params = {
        "workflow.updateTaskStatus": {"task_id": MISSING_ID, "status": "in_progress"},
        "workflow.addTaskNotes": {"task_id": MISSING_ID, "notes": "hi"},
        "workflow.completeTask": {"task_id": MISSING_ID, "completion_notes": "All done"},
        "workflow.getTaskDependencies": {"task_id": MISSING_ID},
    }[method]
    error_of(call(client, tech, method, params), *NOT_FOUND)


@pytest.mark.parametrize(
    ("method", "params", "field"),
    [
        ("workflow.updateTaskStatus", {"task_id": "{task}", "status": "done"}, "status"),
        ("workflow.updateTaskStatus", {"task_id": "", "status": "pending"}, "task_id"),
        ("workflow.updateTaskStatus", {"task_id": "{task}"}, "status"),
        ("workflow.addTaskNotes", {"task_id": "{task}", "notes": "   "}, "notes"),
        ("workflow.addTaskNotes", {"task_id": "{task}", "notes": "x" * 2001}, "notes"),
        ("workflow.addTaskNotes", {"notes": "hi"}, "task_id"),
        (
            "workflow.completeTask",
            {"task_id": "{task}", "completion_notes": " abcd "},
            "completion_notes",
        ),
        ("workflow.completeTask", {"task_id": "{task}"}, "completion_notes"),
        ("workflow.getTaskDependencies", {"task_id": 7}, "task_id"),
        ("workflow.getTaskDependencies", {"taskId": "{task}"}, "task_id"),
    ],
)
def test_bad_input_names_the_field(
    client: httpx.Client, tech: Account, job: Job, method: str, params: dict[str, Any], field: str
) -> None:
    given = {key: job.repair if value == "{task}" else value for key, value in params.items()}
    error = error_of(call(client, tech, method, given), *INVALID_PARAMS)
    assert [field] in issue_paths(error)


@pytest.mark.parametrize(
    ("method", "params"),
    [
        ("workflow.updateTaskStatus", {"task_id": MISSING_ID, "status": "in_progress"}),
        ("workflow.addTaskNotes", {"task_id": MISSING_ID, "notes": "hi"}),
        ("workflow.completeTask", {"task_id": MISSING_ID, "completion_notes": "All done"}),
        ("workflow.getTaskDependencies", {"task_id": MISSING_ID}),
    ],
)
def test_changes_need_a_signed_in_caller(
    client: httpx.Client, method: str, params: dict[str, Any]
) -> None:
    error_of(call(client, None, method, params), *UNAUTHORIZED)


# --- workflow.addTaskNotes


def test_notes_are_appended_with_time_and_author(
    client: httpx.Client, tech: Account, job: Job, make_user: MakeUser
) -> None:
    first = _ok(
        client, tech, "workflow.addTaskNotes", {"task_id": job.backup, "notes": "  Ordered a part "}
    )
    manager = make_user("manager", full_name="Mia Boss")
    second = _ok(
        client, manager, "workflow.addTaskNotes", {"task_id": job.backup, "notes": "Part came"}
    )
    assert first["success"] is True
    lines = second["notes"].split("\n")
    assert lines[0] == first["notes"]
    assert [NOTE_LINE.match(line).groups() for line in lines] == [  # type: ignore[union-attr]
        ("Tess Technician", "Ordered a part"),
        ("Mia Boss", "Part came"),
    ]


def test_notes_stop_at_their_limit(client: httpx.Client, tech: Account, job: Job) -> None:
    _ok(client, tech, "workflow.addTaskNotes", {"task_id": job.backup, "notes": "x" * 1900})
    error = error_of(
        call(client, tech, "workflow.addTaskNotes", {"task_id": job.backup, "notes": "y" * 200}),
        *PRECONDITION_FAILED,
    )
    assert "2000" in error["message"]


# --- workflow.completeTask


def test_completing_in_sequence(client: httpx.Client, tech: Account, job: Job) -> None:
    early = {"task_id": job.repair, "completion_notes": "Screen replaced"}
    error = error_of(call(client, tech, "workflow.completeTask", early), *PRECONDITION_FAILED)
    assert "Diagnosis" in error["message"]
    assert "Backup" not in error["message"]

    done = _ok(
        client,
        tech,
        "workflow.completeTask",
        {"task_id": job.diagnosis, "completion_notes": "Liquid damage"},
    )
    assert set(done) == TASK_KEYS
    assert (done["status"], done["completed_by_id"]) == ("completed", tech.id)
    assert done["completed_at"] is not None
    assert NOTE_LINE.match(done["notes"]).groups() == ("Tess Technician", "Liquid damage")  # type: ignore[union-attr]
    assert _ok(client, tech, "workflow.completeTask", early)["status"] == "completed"
    error_of(call(client, tech, "workflow.completeTask", early), *CONFLICT)


def test_without_sequence_any_order_goes(
    server: LiveServer, client: httpx.Client, tech: Account
) -> None:
    job = new_job(server, tech.id, enforce_sequence=False)
    task = _ok(
        client,
        tech,
        "workflow.completeTask",
        {"task_id": job.repair, "completion_notes": "Done first"},
    )
    assert task["status"] == "completed"


# --- workflow.getTaskDependencies


def test_dependencies_of_a_task(
    client: httpx.Client, tech: Account, job: Job, make_user: MakeUser
) -> None:
    reader = make_user("reception")
    found = _ok(client, reader, "workflow.getTaskDependencies", {"task_id": job.repair})
    assert found["enforce_sequence"] is True
    assert found["incomplete_count"] == 1
    assert [(p["id"], p["sequence_order"], p["is_required"]) for p in found["prerequisites"]] == [
        (job.diagnosis, 1, True),
        (job.backup, 2, False),
    ]
    assert found["prerequisites"][0]["task_type"]["requires_notes"] is True
    first = _ok(client, reader, "workflow.getTaskDependencies", {"task_id": job.diagnosis})
    assert (first["prerequisites"], first["incomplete_count"]) == ([], 0)
