"""Files recorded against tickets: ``tickets.addAttachment``, ``getAttachments`` and
``deleteAttachment``.

The bytes are stored first (``POST /files``); an attachment records a stored path
against a ticket with what the server itself read from the bytes (size, type, SHA-256),
after checking that the caller's claims about them agree. Attachments may be added to
and removed from a ticket in any status, completed and cancelled included: a photo
taken at delivery, or a receipt scanned afterwards, belongs to a finished ticket as a
comment does, and changes none of its fields or money.
"""

from __future__ import annotations

from dataclasses import dataclass

from db.repositories.tickets.attachment import TicketAttachmentRecord as TicketAttachmentRecord
from db.tables.tickets import TicketAttachmentRow
from db.unit_of_work import UnitOfWork
from services.caller import Caller
from services.clock import Clock, utc_now
from services.errors import BadRequest, Conflict, NotFound
from services.file_storage import FileStorage
from services.tickets.editing import TICKET_NOT_FOUND, lock_ticket

ATTACHMENT_NOT_FOUND = "Attachment not found"
NOT_A_STORED_FILE = "file_path is not a file stored by POST /files"
ALREADY_ATTACHED = "This file is already attached"


@dataclass(frozen=True, slots=True)
class AttachmentDraft:
    """What the caller says about the file to attach."""

    ticket_id: str
    file_name: str
    file_path: str
    file_type: str
    file_size: int
    description: str | None = None


def add_attachment(
    uow: UnitOfWork,
    files: FileStorage,
    caller: Caller,
    draft: AttachmentDraft,
    *,
    clock: Clock = utc_now,
) -> TicketAttachmentRecord:
    """Record the stored file against the ticket; the file's size, type and SHA-256
    are the server's reading of its bytes."""
    # Read before the ticket is locked: hashing the bytes holds no lock.
    stored = files.describe(draft.file_path)
    if stored is None:
        raise BadRequest(NOT_A_STORED_FILE)
    if stored.file_size != draft.file_size:
        raise BadRequest(
            f"file_size {draft.file_size} is not the stored file's size, {stored.file_size}"
        )
    if stored.file_type != draft.file_type:
        raise BadRequest(
            f"file_type {draft.file_type} is not the stored file's type, {stored.file_type}"
        )
    with uow:
        ticket = lock_ticket(uow, draft.ticket_id)
        # A clear answer first; the unique index on file_path settles a race.
        if uow.ticket_attachments.path_taken(stored.file_path):
            raise Conflict(ALREADY_ATTACHED)
        row = TicketAttachmentRow(
            ticket_id=ticket.id,
            file_name=draft.file_name,
            file_path=stored.file_path,
            file_size=stored.file_size,
            file_type=stored.file_type,
            sha256=stored.sha256,
            description=draft.description,
            uploaded_by=caller.user_id,
            created_at=clock(),
        )
        uow.ticket_attachments.add(row)
        record = TicketAttachmentRecord._make(
            getattr(row, name) for name in TicketAttachmentRecord._fields
        )
        uow.commit()
        return record


def get_attachments(uow: UnitOfWork, ticket_id: str) -> list[TicketAttachmentRecord]:
    """The ticket's attachments, oldest first."""
    with uow:
        if uow.tickets.get(ticket_id) is None:
            raise NotFound(TICKET_NOT_FOUND)
        return uow.ticket_attachments.of_ticket(ticket_id)


def delete_attachment(uow: UnitOfWork, files: FileStorage, attachment_id: str) -> None:
    """Delete the record, then, once that is committed, its bytes.

    In this order so nothing is lost or left half-done: a commit that fails keeps both
    the record and its file; a file that cannot be removed after the commit is an
    unreferenced file (logged by the storage), never a record without its bytes.
    """
    with uow:
        found = uow.ticket_attachments.get(attachment_id)
        if found is None:
            raise NotFound(ATTACHMENT_NOT_FOUND)
        lock_ticket(uow, found.ticket_id)
        # Read again under the ticket's lock: a concurrent delete of the same
        # attachment committed meanwhile is seen as gone, not deleted twice.
        row = uow.ticket_attachments.get(attachment_id, reload=True)
        if row is None:
            raise NotFound(ATTACHMENT_NOT_FOUND)
        file_path = row.file_path
        uow.ticket_attachments.delete(row)
        uow.commit()
    files.remove(file_path)
