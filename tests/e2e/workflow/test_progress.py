"""The progress dashboard over real HTTP on the module's shared server: counts read as
differences (other tests add tasks too) or of rows only this test made (a technician
of its own, a ticket of its own); every role may read; bad input names the field."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import httpx
import pytest

from tests.e2e.browser import INVALID_PARAMS, MISSING_ID, NOT_FOUND, UNAUTHORIZED, call
from tests.e2e.conftest import LiveServer, MakeUser, error_of, issue_paths, result_of, rpc_call
from tests.e2e.tickets.lifecycle_helpers import utc_today_for_a_while
from tests.e2e.workflow.calls import ROLES
from tests.e2e.workflow.progress_helpers import midnight, rate_of, ticket_with_tasks

SUMMARY = "workflow.getTaskProgressSummary"
BLOCKED = "workflow.getTicketsWithBlockedTasks"
WORKLOAD = "workflow.getTechnicianWorkload"
TIMELINE = "workflow.getTaskCompletionTimeline"
PROCEDURES = [SUMMARY, BLOCKED, WORKLOAD, TIMELINE]
COUNTS = ["total_tasks", "tasks_pending", "tasks_in_progress", "tasks_completed", "tasks_blocked"]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("method", PROCEDURES)
def test_every_role_may_read_the_dashboard(
    client: httpx.Client, make_user: MakeUser, role: str, method: str
) -> None:
    result_of(call(client, make_user(role), method))


@pytest.mark.parametrize("method", PROCEDURES)
def test_not_signed_in_is_unauthorized(client: httpx.Client, method: str) -> None:
    error_of(rpc_call(client, method), *UNAUTHORIZED)


def test_the_summary_counts_new_tasks_by_status_and_its_rate_is_a_recount(
    server: LiveServer, client: httpx.Client, make_user: MakeUser
) -> None:
    user = make_user()
    before = result_of(call(client, user, SUMMARY))
    ticket_with_tasks(
        server, ["pending", "in_progress", "completed", "completed", "blocked", "skipped"]
    )

    after = result_of(call(client, user, SUMMARY, {}))

    assert set(after) == {*COUNTS, "completion_rate"}
    assert {key: after[key] - before[key] for key in COUNTS} == {
        "total_tasks": 6,
        "tasks_pending": 1,
        "tasks_in_progress": 1,
        "tasks_completed": 2,
        "tasks_blocked": 1,
    }
    assert after["completion_rate"] == rate_of(after)


def test_the_summary_takes_no_input(client: httpx.Client, make_user: MakeUser) -> None:
    error_of(call(client, make_user(), SUMMARY, {"status": "x"}), *INVALID_PARAMS)


def test_a_ticket_with_blocked_tasks_is_listed_with_their_count(
    server: LiveServer, client: httpx.Client, make_user: MakeUser
) -> None:
    blocked = ticket_with_tasks(server, ["blocked", "completed", "blocked"])
    clear = ticket_with_tasks(server, ["pending", "completed"])

    found = result_of(call(client, make_user("reception"), BLOCKED))

    rows = {row["ticket_id"]: row for row in found}
    assert rows[blocked.id] == {
        "ticket_id": blocked.id,
        "ticket_number": blocked.ticket_number,
        "blocked_tasks_count": 2,
        "status": "in_progress",
        "priority_level": "normal",
        "customer_name": "Casey Customer",
    }
    assert clear.id not in rows
    counts = [row["blocked_tasks_count"] for row in found]
    assert counts == sorted(counts, reverse=True)


def test_blocked_tickets_take_no_input(client: httpx.Client, make_user: MakeUser) -> None:
    error_of(call(client, make_user(), BLOCKED, {"x": 1}), *INVALID_PARAMS)


def test_workload_of_one_technician_counts_their_tasks(
    server: LiveServer, client: httpx.Client, make_user: MakeUser
) -> None:
    technician = make_user("technician", full_name="Robin Workload")
    ticket_with_tasks(
        server,
        ["pending", "pending", "in_progress", "completed", "blocked", "skipped"],
        assigned_to_id=technician.id,
    )
    expected = {
        "technician_id": technician.id,
        "technician_name": "Robin Workload",
        "tasks_pending": 2,
        "tasks_in_progress": 1,
        "tasks_completed": 1,
        "tasks_blocked": 1,
    }
    manager = make_user("manager")

    one = result_of(call(client, manager, WORKLOAD, {"technicianId": technician.id}))
    every = result_of(call(client, manager, WORKLOAD))

    assert one == [expected]
    assert expected in every


def test_a_new_technician_is_listed_with_zeros(client: httpx.Client, make_user: MakeUser) -> None:
    technician = make_user("technician")

    every = result_of(call(client, technician, WORKLOAD, {}))

    assert [row for row in every if row["technician_id"] == technician.id] == [
        {
            "technician_id": technician.id,
            "technician_name": "Test Technician",
            "tasks_pending": 0,
            "tasks_in_progress": 0,
            "tasks_completed": 0,
            "tasks_blocked": 0,
        }
    ]


def test_workload_of_an_unknown_user_is_not_found(
    client: httpx.Client, make_user: MakeUser
) -> None:
    error = error_of(call(client, make_user(), WORKLOAD, {"technicianId": MISSING_ID}), *NOT_FOUND)

    assert error["message"] == "Technician not found"


@pytest.mark.parametrize(
    ("params", "path"),
    [
        ({"technicianId": ""}, ["technicianId"]),
        ({"technicianId": 7}, ["technicianId"]),
        ({"technician_id": MISSING_ID}, ["technician_id"]),
    ],
)
def test_workload_bad_input_names_the_field(
    client: httpx.Client, make_user: MakeUser, params: dict[str, Any], path: list[str]
) -> None:
    error = error_of(call(client, make_user(), WORKLOAD, params), *INVALID_PARAMS)

    assert path in issue_paths(error)


def test_the_timeline_is_every_day_of_the_window_oldest_first(
    client: httpx.Client, make_user: MakeUser
) -> None:
    user = make_user()
    today = utc_today_for_a_while()

    default = result_of(call(client, user, TIMELINE))
    widest = result_of(call(client, user, TIMELINE, {"daysBack": 90}))
    three = result_of(call(client, user, TIMELINE, {"daysBack": 3}))

    assert len(default) == 7
    assert len(widest) == 90
    assert [day["date"] for day in three] == [
        (today - timedelta(days=back)).isoformat() for back in (2, 1, 0)
    ]
    assert all(set(day) == {"date", "tasks_completed"} for day in default)


def test_the_timeline_counts_completions_by_utc_day(
    server: LiveServer, client: httpx.Client, make_user: MakeUser
) -> None:
    user = make_user()
    today = utc_today_for_a_while()
    yesterday = today - timedelta(days=1)

    def counts() -> dict[str, int]:
        days = result_of(call(client, user, TIMELINE, {"daysBack": 3}))
        return {day["date"]: day["tasks_completed"] for day in days}

    before = counts()
    # One microsecond before UTC midnight: yesterday's, not today's.
    last_moment = midnight(today) - timedelta(microseconds=1)
    ticket_with_tasks(server, ["completed", "completed"], completed_at=last_moment)
    ticket_with_tasks(server, ["completed"], completed_at=midnight(today))
    ticket_with_tasks(server, ["completed"], completed_at=midnight(today - timedelta(days=3)))
    ticket_with_tasks(server, ["in_progress"], completed_at=midnight(today))  # not completed

    after = counts()

    assert {day: after[day] - before[day] for day in after} == {
        (today - timedelta(days=2)).isoformat(): 0,
        yesterday.isoformat(): 2,
        today.isoformat(): 1,
    }


@pytest.mark.parametrize(
    ("params", "path"),
    [
        ({"daysBack": 0}, ["daysBack"]),
        ({"daysBack": 91}, ["daysBack"]),
        ({"daysBack": 1.5}, ["daysBack"]),
        ({"daysBack": "7"}, ["daysBack"]),
        ({"days_back": 7}, ["days_back"]),
    ],
)
def test_timeline_bad_input_names_the_field(
    client: httpx.Client, make_user: MakeUser, params: dict[str, Any], path: list[str]
) -> None:
    error = error_of(call(client, make_user(), TIMELINE, params), *INVALID_PARAMS)

    assert path in issue_paths(error)
