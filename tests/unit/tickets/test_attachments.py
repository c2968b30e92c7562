"""The attachments' service on the in-memory fakes, with a real storage folder: what is
recorded comes from the stored bytes, the ticket is locked, and the bytes of a deleted
attachment go only once the deletion is committed."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

import pytest

from db.tables.auth import UserRow
from db.tables.tickets import ServiceTicketRow, TicketAttachmentRow
from services.errors import BadRequest, Conflict, NotFound
from services.file_storage import FileStorage, StoredFile
from services.tickets import attachments as attachment_service
from services.tickets.attachments import AttachmentDraft
from tests.e2e.tickets.attachment_helpers import pdf_bytes, png_bytes
from tests.factories.auth import caller
from tests.factories.tickets import ticket_row
from tests.fakes import FakeUnitOfWork

T0 = datetime(2026, 4, 1, 9, tzinfo=UTC)
T1 = datetime(2026, 4, 1, 10, tzinfo=UTC)


class CommitError(RuntimeError):
    pass


class CommitFails(FakeUnitOfWork):
    """A unit of work whose commit fails (a lost connection, a full disk)."""

    def commit(self) -> None:
        raise CommitError


@pytest.fixture
def storage(tmp_path: Path) -> FileStorage:
    return FileStorage(
        tmp_path / "files", max_bytes=1024 * 1024, allowed_types={"image/png", "application/pdf"}
    )


def _ticket(uow: FakeUnitOfWork, status: str = "pending") -> ServiceTicketRow:
    ticket = ticket_row("SV-2026-001", customer_id="c", product_id="p", status=status)
    uow.tickets.add(ticket)
    return ticket


def _store(storage: FileStorage, content: bytes) -> StoredFile:
    return storage.store(io.BytesIO(content), T0)


def _draft(ticket_id: str, stored: StoredFile, **changes: object) -> AttachmentDraft:
    values: dict[str, object] = {
        "ticket_id": ticket_id,
        "file_name": "front.png",
        "file_path": stored.file_path,
        "file_type": stored.file_type,
        "file_size": stored.file_size,
    }
    values.update(changes)
    return AttachmentDraft(**values)  # type: ignore[arg-type]


def test_attaching_records_the_stored_bytes_and_locks_the_ticket(
    uow: FakeUnitOfWork, owner: UserRow, storage: FileStorage
) -> None:
    ticket = _ticket(uow)
    stored = _store(storage, png_bytes(1))
    record = attachment_service.add_attachment(
        uow,
        storage,
        caller(owner),
        _draft(ticket.id, stored, description="As received"),
        clock=lambda: T1,
    )

    assert record.ticket_id == ticket.id
    assert (record.file_path, record.file_size, record.file_type, record.sha256) == (
        stored.file_path,
        stored.file_size,
        "image/png",
        stored.sha256,
    )
    assert record.uploaded_by == owner.id
    assert record.description == "As received"
    assert record.created_at == T1
    assert uow.tickets.locked == [ticket.id]
    assert uow.commits == 1
    assert list(uow.ticket_attachments.rows) == [record.id]


@pytest.mark.parametrize("status", ["completed", "cancelled"])
def test_a_finished_ticket_takes_attachments(
    uow: FakeUnitOfWork, owner: UserRow, storage: FileStorage, status: str
) -> None:
    ticket = _ticket(uow, status)
    stored = _store(storage, png_bytes(2))
    attachment_service.add_attachment(uow, storage, caller(owner), _draft(ticket.id, stored))
    assert uow.commits == 1


def test_an_unknown_ticket_is_not_found(
    uow: FakeUnitOfWork, owner: UserRow, storage: FileStorage
) -> None:
    stored = _store(storage, png_bytes(3))
    with pytest.raises(NotFound, match="Ticket not found"):
        attachment_service.add_attachment(uow, storage, caller(owner), _draft("nope", stored))
    assert uow.commits == 0


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"file_path": "2026/04/0123456789abcdef0123456789abcdef.png"}, "not a file stored"),
        ({"file_path": "../../etc/passwd"}, "not a file stored"),
        ({"file_path": "/etc/passwd"}, "not a file stored"),
        ({"file_size": 3}, "file_size 3 is not the stored file's size"),
        ({"file_type": "application/pdf"}, "file_type application/pdf is not the stored"),
    ],
)
def test_claims_the_stored_bytes_deny_are_bad_requests(
    uow: FakeUnitOfWork,
    owner: UserRow,
    storage: FileStorage,
    changes: dict[str, object],
    message: str,
) -> None:
    ticket = _ticket(uow)
    stored = _store(storage, png_bytes(4))
    with pytest.raises(BadRequest, match=message):
        attachment_service.add_attachment(
            uow, storage, caller(owner), _draft(ticket.id, stored, **changes)
        )
    assert uow.commits == 0
    assert not uow.ticket_attachments.rows


def test_a_file_is_attached_once(uow: FakeUnitOfWork, owner: UserRow, storage: FileStorage) -> None:
    ticket = _ticket(uow)
    stored = _store(storage, png_bytes(5))
    attachment_service.add_attachment(uow, storage, caller(owner), _draft(ticket.id, stored))
    with pytest.raises(Conflict, match="already attached"):
        attachment_service.add_attachment(uow, storage, caller(owner), _draft(ticket.id, stored))
    assert uow.commits == 1


def test_a_tickets_attachments_are_listed_oldest_first(
    uow: FakeUnitOfWork, owner: UserRow, storage: FileStorage
) -> None:
    ticket = _ticket(uow)
    later = attachment_service.add_attachment(
        uow,
        storage,
        caller(owner),
        _draft(ticket.id, _store(storage, png_bytes(6))),
        clock=lambda: T1,
    )
    earlier = attachment_service.add_attachment(
        uow,
        storage,
        caller(owner),
        _draft(ticket.id, _store(storage, pdf_bytes()), file_name="receipt.pdf"),
        clock=lambda: T0,
    )
    listed = attachment_service.get_attachments(uow, ticket.id)
    assert [row.id for row in listed] == [earlier.id, later.id]
    with pytest.raises(NotFound, match="Ticket not found"):
        attachment_service.get_attachments(uow, "nope")


def test_deleting_removes_the_record_then_the_bytes(
    uow: FakeUnitOfWork, owner: UserRow, storage: FileStorage
) -> None:
    ticket = _ticket(uow)
    stored = _store(storage, png_bytes(7))
    record = attachment_service.add_attachment(
        uow, storage, caller(owner), _draft(ticket.id, stored)
    )
    attachment_service.delete_attachment(uow, storage, record.id)
    assert not uow.ticket_attachments.rows
    assert storage.locate(stored.file_path) is None
    assert uow.tickets.locked == [ticket.id, ticket.id]
    assert uow.commits == 2


def test_a_deletion_that_fails_to_commit_keeps_the_bytes(
    owner: UserRow, storage: FileStorage
) -> None:
    uow = CommitFails([owner])
    ticket = _ticket(uow)
    stored = _store(storage, png_bytes(8))
    uow.ticket_attachments.rows["a1"] = _row("a1", ticket.id, stored)
    with pytest.raises(CommitError):
        attachment_service.delete_attachment(uow, storage, "a1")
    assert storage.locate(stored.file_path) is not None


def test_deleting_when_the_file_is_already_gone_is_fine(
    uow: FakeUnitOfWork, owner: UserRow, storage: FileStorage
) -> None:
    ticket = _ticket(uow)
    stored = _store(storage, png_bytes(9))
    record = attachment_service.add_attachment(
        uow, storage, caller(owner), _draft(ticket.id, stored)
    )
    storage.remove(stored.file_path)
    attachment_service.delete_attachment(uow, storage, record.id)
    assert not uow.ticket_attachments.rows


def test_an_unknown_attachment_is_not_found(uow: FakeUnitOfWork, storage: FileStorage) -> None:
    with pytest.raises(NotFound, match="Attachment not found"):
        attachment_service.delete_attachment(uow, storage, "nope")
    assert uow.commits == 0


def _row(row_id: str, ticket_id: str, stored: StoredFile) -> TicketAttachmentRow:
    return TicketAttachmentRow(
        id=row_id,
        ticket_id=ticket_id,
        file_name="x.png",
        file_path=stored.file_path,
        file_size=stored.file_size,
        file_type=stored.file_type,
        sha256=stored.sha256,
        created_at=T0,
    )
