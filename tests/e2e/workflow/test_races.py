"""Concurrent template writes over real HTTP, started together from a barrier.

Two updates of one template version: exactly one makes the next version, the other is
CONFLICT, and one active version is left. Creators racing for one name: one gets it.
On PostgreSQL the updates meet at the version's row lock and the creators at the
partial unique index; on SQLite writers take turns, and the outcome must be the same.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import httpx

from tests.e2e.conftest import Account, LiveServer, result_of
from tests.e2e.test_races import OK, as_user, outcome, race
from tests.e2e.workflow.calls import (
    call,
    make_task_type,
    make_template,
    template_params,
    unique_name,
    update_params,
)

ROUNDS = 5
CREATORS = 6
NO_LONGER_ACTIVE = "This template version is no longer active: it was updated or deleted"


def versions_named(client: httpx.Client, user: Account, name: str) -> list[dict[str, Any]]:
    listed = result_of(call(client, user, "workflow.template.list", {}))
    return [row for row in listed if row["name"] == name]


def test_of_two_concurrent_updates_one_succeeds_the_other_is_conflict(
    server: LiveServer, client: httpx.Client, admin_account: Account
) -> None:
    step_id = make_task_type(client, admin_account)["id"]
    for _ in range(ROUNDS):
        first = make_template(client, admin_account, [step_id])
        updates = [
            as_user(
                admin_account,
                "workflow.template.update",
                update_params(first, description=f"by updater {n}"),
            )
            for n in range(2)
        ]

        answers = race(server, updates)

        assert Counter(outcome(answer) for answer in answers) == {OK: 1, "CONFLICT": 1}, answers
        [winner] = [answer["result"] for answer in answers if "result" in answer]
        [loser] = [answer["error"] for answer in answers if "error" in answer]
        assert loser["message"] == NO_LONGER_ACTIVE
        versions = versions_named(client, admin_account, first["name"])
        assert [(v["id"], v["version"], v["is_active"]) for v in versions] == [
            (winner["id"], 2, True),
            (first["id"], 1, False),
        ]
        assert versions[0] == winner
        assert winner["previous_version_id"] == first["id"]


def test_of_creators_racing_for_a_name_one_gets_it(
    server: LiveServer, client: httpx.Client, admin_account: Account
) -> None:
    step_id = make_task_type(client, admin_account)["id"]
    for _ in range(ROUNDS):
        name = unique_name("Contested")
        params = template_params([step_id], name=name)
        creators = [as_user(admin_account, "workflow.template.create", params)] * CREATORS

        answers = race(server, creators)

        outcomes = Counter(outcome(answer) for answer in answers)
        assert outcomes == {OK: 1, "CONFLICT": CREATORS - 1}, answers
        [winner] = [answer["result"] for answer in answers if "result" in answer]
        assert versions_named(client, admin_account, name) == [winner]
