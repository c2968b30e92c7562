"""One stored file attached from many threads at once, to different tickets (so no
ticket lock orders them): exactly one attachment is made, every other call is CONFLICT,
on SQLite and on PostgreSQL (where the unique index on file_path settles the race)."""

from __future__ import annotations

import threading
from typing import Any

import httpx

from tests.e2e.browser import call
from tests.e2e.conftest import Account, LiveServer, result_of
from tests.e2e.tickets.attachment_helpers import png_bytes, stored
from tests.factories.tickets import make_ticket

THREADS = 8


def test_concurrent_attachments_of_one_file_make_one(
    server: LiveServer, client: httpx.Client, admin_account: Account
) -> None:
    upload = stored(client, admin_account, png_bytes(99))
    with server.db() as session:
        tickets = [make_ticket(session).id for _ in range(THREADS)]
    answers: list[dict[str, Any]] = []
    lock = threading.Lock()
    start = threading.Barrier(THREADS)

    def attach(ticket_id: str) -> None:
        params = {
            "ticket_id": ticket_id,
            "file_name": "same.png",
            "file_path": upload["file_path"],
            "file_type": upload["file_type"],
            "file_size": upload["file_size"],
        }
        with httpx.Client(base_url=server.url, timeout=60) as own:
            start.wait()
            answer = call(own, admin_account, "tickets.addAttachment", params)
        with lock:
            answers.append(answer)

    threads = [threading.Thread(target=attach, args=(ticket,)) for ticket in tickets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    made = [answer for answer in answers if "result" in answer]
    refused = [answer["error"]["data"]["code"] for answer in answers if "error" in answer]
    assert len(made) == 1, answers
    assert refused == ["CONFLICT"] * (THREADS - 1), answers
    owner = made[0]["result"]["attachment"]["ticket_id"]
    for ticket_id in tickets:
        listed = result_of(
            call(client, admin_account, "tickets.getAttachments", {"ticket_id": ticket_id})
        )
        assert len(listed) == (1 if ticket_id == owner else 0)
