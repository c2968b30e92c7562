"""The progress dashboard on a server of the test's own (a fresh database, no other
test's tasks): exact counts, a rate equal to a recount, and the timeline's zero days."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import httpx

from tests.e2e.conftest import LiveServer, create_admin_account, result_of, rpc_call
from tests.e2e.tickets.lifecycle_helpers import utc_today_for_a_while
from tests.e2e.workflow.progress_helpers import midnight, ticket_with_tasks

StartServer = Callable[..., LiveServer]


def test_exact_figures_on_a_database_of_its_own(start_server: StartServer) -> None:
    live = start_server()
    admin = create_admin_account(live)
    today = utc_today_for_a_while()
    with httpx.Client(base_url=live.url) as client:

        def read(method: str, params: object = None) -> object:
            return result_of(rpc_call(client, f"workflow.{method}", params, admin.token))

        empty = read("getTaskProgressSummary")
        nothing_blocked = read("getTicketsWithBlockedTasks")
        no_one = read("getTechnicianWorkload")
        quiet = read("getTaskCompletionTimeline", {"daysBack": 2})

        statuses = ["completed", "pending", "blocked"]
        first = ticket_with_tasks(
            live, statuses, completed_at=midnight(today) - timedelta(microseconds=1)
        )
        ticket_with_tasks(live, ["completed"], completed_at=midnight(today))

        summary = read("getTaskProgressSummary")
        blocked = read("getTicketsWithBlockedTasks")
        timeline = read("getTaskCompletionTimeline", {"daysBack": 3})

    assert empty == {
        "total_tasks": 0,
        "tasks_pending": 0,
        "tasks_in_progress": 0,
        "tasks_completed": 0,
        "tasks_blocked": 0,
        "completion_rate": 0,
    }
    assert nothing_blocked == no_one == []
    assert quiet == [
        {"date": (today - timedelta(days=1)).isoformat(), "tasks_completed": 0},
        {"date": today.isoformat(), "tasks_completed": 0},
    ]
    # 2 of 4 completed: 50.0; the blocked and pending ones hold the rest.
    assert summary == {
        "total_tasks": 4,
        "tasks_pending": 1,
        "tasks_in_progress": 0,
        "tasks_completed": 2,
        "tasks_blocked": 1,
        "completion_rate": 50.0,
    }
    assert blocked == [
        {
            "ticket_id": first.id,
            "ticket_number": first.ticket_number,
            "blocked_tasks_count": 1,
            "status": "in_progress",
            "priority_level": "normal",
            "customer_name": "Casey Customer",
        }
    ]
    # The task completed a microsecond before midnight is yesterday's.
    assert timeline == [
        {"date": (today - timedelta(days=2)).isoformat(), "tasks_completed": 0},
        {"date": (today - timedelta(days=1)).isoformat(), "tasks_completed": 1},
        {"date": today.isoformat(), "tasks_completed": 1},
    ]


def test_a_rate_of_thirds_is_rounded_to_one_decimal(start_server: StartServer) -> None:
    live = start_server()
    admin = create_admin_account(live)
    ticket_with_tasks(live, ["completed", "completed", "pending"])
    with httpx.Client(base_url=live.url) as client:
        summary = result_of(rpc_call(client, "workflow.getTaskProgressSummary", None, admin.token))

    assert (summary["tasks_completed"], summary["total_tasks"]) == (2, 3)
    assert summary["completion_rate"] == 66.7
