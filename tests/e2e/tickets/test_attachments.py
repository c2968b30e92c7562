"""``tickets.addAttachment``, ``getAttachments`` and ``deleteAttachment`` over real HTTP,
with files really uploaded through ``POST /files`` to the test server's data dir."""

from __future__ import annotations

import os
from typing import Any

import httpx
import pytest
from sqlmodel import select

from db.tables.tickets import TicketAttachmentRow
from tests.e2e.browser import (
    BAD_REQUEST,
    CONFLICT,
    INVALID_PARAMS,
    MISSING_ID,
    NOT_FOUND,
    UNAUTHORIZED,
    call,
)
from tests.e2e.conftest import (
    Account,
    LiveServer,
    MakeUser,
    error_of,
    issue_paths,
    result_of,
    rpc_call,
)
from tests.e2e.tickets.attachment_helpers import (
    files_root,
    pdf_bytes,
    png_bytes,
    sha256_of,
    stored,
)
from tests.factories.tickets import make_ticket

ATTACHMENT_KEYS = {
    "id",
    "ticket_id",
    "file_name",
    "file_path",
    "file_size",
    "file_type",
    "sha256",
    "description",
    "uploaded_by",
    "created_at",
}
WELL_SHAPED_BUT_NEVER_STORED = "2026/01/0123456789abcdef0123456789abcdef.png"


def _ticket(server: LiveServer, status: str = "pending") -> str:
    with server.db() as session:
        return make_ticket(session, status=status).id


def _params(ticket_id: str, upload: dict[str, Any], **overrides: Any) -> dict[str, Any]:
    params = {
        "ticket_id": ticket_id,
        "file_name": "front.png",
        "file_path": upload["file_path"],
        "file_type": upload["file_type"],
        "file_size": upload["file_size"],
    }
    params.update(overrides)
    return params


def _attach(
    client: httpx.Client, user: Account, ticket_id: str, content: bytes, **overrides: Any
) -> dict[str, Any]:
    upload = stored(client, user, content)
    answer = result_of(
        call(client, user, "tickets.addAttachment", _params(ticket_id, upload, **overrides))
    )
    assert answer["success"] is True
    attachment: dict[str, Any] = answer["attachment"]
    return attachment


def test_a_stored_file_is_attached_with_the_servers_reading_of_it(
    server: LiveServer, client: httpx.Client, make_user: MakeUser
) -> None:
    technician = make_user("technician")
    ticket_id = _ticket(server)
    content = png_bytes(11)
    upload = stored(client, technician, content)
    params = _params(ticket_id, upload, file_name="../../front.png", description="As received")
    answer = result_of(call(client, technician, "tickets.addAttachment", params))

    attachment = answer["attachment"]
    assert answer["success"] is True
    assert set(attachment) == ATTACHMENT_KEYS
    assert attachment["ticket_id"] == ticket_id
    # Shown as given; never used on disk.
    assert attachment["file_name"] == "../../front.png"
    assert attachment["file_path"] == upload["file_path"]
    assert attachment["file_size"] == len(content)
    assert attachment["file_type"] == "image/png"
    assert attachment["sha256"] == sha256_of(content)
    assert attachment["description"] == "As received"
    assert attachment["uploaded_by"] == technician.id
    listed = result_of(call(client, technician, "tickets.getAttachments", {"ticket_id": ticket_id}))
    assert listed == [attachment]


def test_attachments_are_listed_oldest_first_and_per_ticket(
    server: LiveServer, client: httpx.Client, admin_account: Account
) -> None:
    ticket_id, other_id = _ticket(server), _ticket(server)
    first = _attach(client, admin_account, ticket_id, png_bytes(21))
    second = _attach(client, admin_account, ticket_id, pdf_bytes("second"), file_name="receipt.pdf")
    _attach(client, admin_account, other_id, png_bytes(22))

    listed = result_of(
        call(client, admin_account, "tickets.getAttachments", {"ticket_id": ticket_id})
    )
    assert [row["id"] for row in listed] == [first["id"], second["id"]]
    assert listed[1]["file_type"] == "application/pdf"


@pytest.mark.parametrize("status", ["completed", "cancelled"])
def test_a_finished_ticket_still_takes_attachments(
    server: LiveServer, client: httpx.Client, admin_account: Account, status: str
) -> None:
    ticket_id = _ticket(server, status)
    attachment = _attach(client, admin_account, ticket_id, png_bytes(31))
    assert attachment["ticket_id"] == ticket_id


def test_an_unknown_ticket_is_not_found(client: httpx.Client, admin_account: Account) -> None:
    upload = stored(client, admin_account, png_bytes(41))
    answer = call(client, admin_account, "tickets.addAttachment", _params(MISSING_ID, upload))
    assert error_of(answer, *NOT_FOUND)["message"] == "Ticket not found"
    answer = call(client, admin_account, "tickets.getAttachments", {"ticket_id": MISSING_ID})
    assert error_of(answer, *NOT_FOUND)["message"] == "Ticket not found"


@pytest.mark.parametrize(
    "file_path",
    [
        WELL_SHAPED_BUT_NEVER_STORED,
        "../secret_key",
        "2026/01/../../secret_key",
        "/etc/passwd",
        "secret_key",
        "2026/01/0123456789abcdef0123456789abcdef.png\x00.pdf",
        "2026//01/0123456789abcdef0123456789abcdef.png",
        "./2026/01/0123456789abcdef0123456789abcdef.png",
    ],
)
def test_a_path_not_stored_by_files_is_a_bad_request(
    server: LiveServer, client: httpx.Client, admin_account: Account, file_path: str
) -> None:
    params = _params(
        _ticket(server),
        {"file_path": file_path, "file_type": "image/png", "file_size": 10},
    )
    answer = call(client, admin_account, "tickets.addAttachment", params)
    assert error_of(answer, *BAD_REQUEST)["message"] == (
        "file_path is not a file stored by POST /files"
    )


def test_a_stored_path_written_another_way_is_a_bad_request(
    server: LiveServer, client: httpx.Client, admin_account: Account
) -> None:
    upload = stored(client, admin_account, png_bytes(42))
    year, month, name = upload["file_path"].split("/")
    for variant in (f"{year}/{month}/../{month}/{name}", f"{year}/{month}/./{name}"):
        params = _params(_ticket(server), {**upload, "file_path": variant})
        error_of(call(client, admin_account, "tickets.addAttachment", params), *BAD_REQUEST)


def test_a_symlink_out_of_the_storage_folder_is_a_bad_request(
    server: LiveServer, client: httpx.Client, admin_account: Account
) -> None:
    root = files_root(server)
    outside = root.parent / "outside-attach.png"
    outside.write_bytes(png_bytes(43))
    link = root / "2026" / "02" / "fedcba9876543210fedcba9876543210.png"
    link.parent.mkdir(parents=True, exist_ok=True)
    os.symlink(outside, link)
    try:
        upload = {
            "file_path": "2026/02/fedcba9876543210fedcba9876543210.png",
            "file_type": "image/png",
            "file_size": outside.stat().st_size,
        }
        answer = call(
            client, admin_account, "tickets.addAttachment", _params(_ticket(server), upload)
        )
        error_of(answer, *BAD_REQUEST)
    finally:
        link.unlink()


@pytest.mark.parametrize(
    ("claim", "message"),
    [
        ({"file_size": 1}, "file_size 1 is not the stored file's size"),
        ({"file_type": "application/pdf"}, "file_type application/pdf is not the stored file's"),
    ],
)
def test_a_size_or_type_other_than_the_stored_files_is_a_bad_request(
    server: LiveServer,
    client: httpx.Client,
    admin_account: Account,
    claim: dict[str, Any],
    message: str,
) -> None:
    upload = stored(client, admin_account, png_bytes(44))
    params = _params(_ticket(server), upload, **claim)
    answer = call(client, admin_account, "tickets.addAttachment", params)
    assert error_of(answer, *BAD_REQUEST)["message"].startswith(message)


def test_a_file_attached_once_cannot_be_attached_again(
    server: LiveServer, client: httpx.Client, admin_account: Account
) -> None:
    upload = stored(client, admin_account, png_bytes(45))
    ticket_id = _ticket(server)
    result_of(call(client, admin_account, "tickets.addAttachment", _params(ticket_id, upload)))
    for target in (ticket_id, _ticket(server)):
        answer = call(client, admin_account, "tickets.addAttachment", _params(target, upload))
        assert error_of(answer, *CONFLICT)["message"] == "This file is already attached"


def test_deleting_removes_the_record_and_the_file(
    server: LiveServer, client: httpx.Client, admin_account: Account
) -> None:
    ticket_id = _ticket(server)
    attachment = _attach(client, admin_account, ticket_id, png_bytes(51))
    kept = _attach(client, admin_account, ticket_id, png_bytes(52))
    on_disk = files_root(server) / attachment["file_path"]
    assert on_disk.is_file()

    answer = call(client, admin_account, "tickets.deleteAttachment", {"id": attachment["id"]})
    assert result_of(answer) == {"success": True}
    assert not on_disk.exists()
    assert (files_root(server) / kept["file_path"]).is_file()
    listed = result_of(
        call(client, admin_account, "tickets.getAttachments", {"ticket_id": ticket_id})
    )
    assert [row["id"] for row in listed] == [kept["id"]]
    served = client.get(
        f"/files/{attachment['file_path']}",
        headers={"Authorization": f"Bearer {admin_account.token}"},
    )
    assert served.status_code == 404
    again = call(client, admin_account, "tickets.deleteAttachment", {"id": attachment["id"]})
    assert error_of(again, *NOT_FOUND)["message"] == "Attachment not found"


def test_deleting_an_attachment_whose_file_is_gone_still_succeeds(
    server: LiveServer, client: httpx.Client, admin_account: Account
) -> None:
    attachment = _attach(client, admin_account, _ticket(server), png_bytes(53))
    (files_root(server) / attachment["file_path"]).unlink()
    answer = call(client, admin_account, "tickets.deleteAttachment", {"id": attachment["id"]})
    assert result_of(answer) == {"success": True}
    with server.db() as session:
        row = session.exec(
            select(TicketAttachmentRow).where(TicketAttachmentRow.id == attachment["id"])
        ).first()
    assert row is None


def test_an_unknown_attachment_is_not_found(client: httpx.Client, admin_account: Account) -> None:
    answer = call(client, admin_account, "tickets.deleteAttachment", {"id": MISSING_ID})
    assert error_of(answer, *NOT_FOUND)["message"] == "Attachment not found"


VALID_ADD = {
    "ticket_id": MISSING_ID,
    "file_name": "a.png",
    "file_path": WELL_SHAPED_BUT_NEVER_STORED,
    "file_type": "image/png",
    "file_size": 1,
}


@pytest.mark.parametrize(
    ("procedure", "params"),
    [
        ("addAttachment", VALID_ADD),
        ("getAttachments", {"ticket_id": MISSING_ID}),
        ("deleteAttachment", {"id": MISSING_ID}),
    ],
)
def test_anonymous_callers_are_unauthorized(
    client: httpx.Client, procedure: str, params: dict[str, Any]
) -> None:
    error_of(rpc_call(client, f"tickets.{procedure}", params), *UNAUTHORIZED)


@pytest.mark.parametrize(
    ("procedure", "params", "path"),
    [
        ("addAttachment", {k: v for k, v in VALID_ADD.items() if k != "file_name"}, ["file_name"]),
        ("addAttachment", {**VALID_ADD, "file_name": ""}, ["file_name"]),
        ("addAttachment", {**VALID_ADD, "file_name": "a\nb.png"}, ["file_name"]),
        ("addAttachment", {**VALID_ADD, "file_size": -1}, ["file_size"]),
        ("addAttachment", {**VALID_ADD, "file_size": "10"}, ["file_size"]),
        ("addAttachment", {**VALID_ADD, "file_path": ""}, ["file_path"]),
        ("addAttachment", {**VALID_ADD, "file_type": ""}, ["file_type"]),
        ("addAttachment", {**VALID_ADD, "description": "x" * 2001}, ["description"]),
        ("addAttachment", {**VALID_ADD, "ticket_id": ""}, ["ticket_id"]),
        ("getAttachments", {}, ["ticket_id"]),
        ("getAttachments", {"ticket_id": 7}, ["ticket_id"]),
        ("deleteAttachment", {}, ["id"]),
        ("deleteAttachment", {"id": "x" * 65}, ["id"]),
    ],
)
def test_bad_input_names_the_field(
    client: httpx.Client,
    admin_account: Account,
    procedure: str,
    params: dict[str, Any],
    path: list[str],
) -> None:
    answer = call(client, admin_account, f"tickets.{procedure}", params)
    assert issue_paths(error_of(answer, *INVALID_PARAMS)) == [path]
