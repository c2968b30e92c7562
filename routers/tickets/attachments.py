"""``tickets.addAttachment``, ``tickets.getAttachments``, ``tickets.deleteAttachment``:
files recorded against a ticket. The bytes go through ``POST /files`` and ``GET
/files/{path}`` (switchyard/files.py); these procedures keep the records."""

from __future__ import annotations

from typing import Any

from middleware.context import RequestContext, SignedInContext
from routers.base import authed
from routers.samples import CREATED_AT, USER_ID
from routers.tickets.samples import TICKET_ID
from rpc import ErrorCode, Example, Router
from schemas.base import SuccessResult
from schemas.tickets.attachment import (
    AddAttachmentInput,
    AddAttachmentResult,
    DeleteAttachmentInput,
    GetAttachmentsInput,
    TicketAttachment,
)
from services.tickets import attachments as attachment_service
from services.tickets.attachments import AttachmentDraft, TicketAttachmentRecord

ATTACHMENT_ID = "4c7e2a9d-1b6f-4d83-9a05-e8f3c1b7d264"
FILE_PATH = "2026/02/9b1f7c3e5a2d4e6f8a0b1c2d3e4f5a6b.jpg"
SHA256 = "3a7bd3e2360a3d29eea436fcfb7e44c735d117c42d1c1835420b6b9942dd4f1b"
ATTACHMENT_EXAMPLE: dict[str, Any] = {
    "id": ATTACHMENT_ID,
    "ticket_id": TICKET_ID,
    "file_name": "cracked-screen.jpg",
    "file_path": FILE_PATH,
    "file_size": 482113,
    "file_type": "image/jpeg",
    "sha256": SHA256,
    "description": "Screen as received",
    "uploaded_by": USER_ID,
    "created_at": CREATED_AT,
}
ATTACHMENT_ANSWER = (
    "An attachment: {id, ticket_id, file_name, file_path, file_size, file_type, sha256, "
    "description, uploaded_by, created_at}; file_size, file_type and sha256 are the "
    "server's reading of the stored bytes, served at GET /files/{file_path}."
)


def attachment_of(record: TicketAttachmentRecord) -> TicketAttachment:
    return TicketAttachment.model_validate(record._asdict())


@(
    authed.input(AddAttachmentInput)
    .output(AddAttachmentResult)
    .meta(
        summary="Attach a stored file to a ticket",
        description=(
            "Upload the bytes first with POST /files (multipart, field file), which "
            "answers {file_path, file_size, file_type, sha256}; pass those here. "
            "file_path must be a file stored by POST /files (anything else, or a path "
            "leaving the storage folder, is BAD_REQUEST), and file_size and file_type "
            "must match the stored bytes (BAD_REQUEST). A file already attached is "
            "CONFLICT; an unknown ticket NOT_FOUND. Allowed on a ticket in any status "
            "(a photo at delivery belongs to a completed ticket). file_name is only "
            "shown, never used on disk. " + ATTACHMENT_ANSWER
        ),
        errors=[ErrorCode.NOT_FOUND, ErrorCode.BAD_REQUEST, ErrorCode.CONFLICT],
        examples=[
            Example(
                "photo",
                {
                    "ticket_id": TICKET_ID,
                    "file_name": "cracked-screen.jpg",
                    "file_path": FILE_PATH,
                    "file_type": "image/jpeg",
                    "file_size": 482113,
                    "description": "Screen as received",
                },
                {"success": True, "attachment": ATTACHMENT_EXAMPLE},
            )
        ],
    )
    .mutation
)
def add_attachment(ctx: SignedInContext, params: AddAttachmentInput) -> AddAttachmentResult:
    record = attachment_service.add_attachment(
        ctx.unit_of_work(),
        ctx.services.files,
        ctx.caller,
        AttachmentDraft(
            ticket_id=params.ticket_id,
            file_name=params.file_name,
            file_path=params.file_path,
            file_type=params.file_type,
            file_size=params.file_size,
            description=params.description,
        ),
        clock=ctx.services.clock,
    )
    return AddAttachmentResult(success=True, attachment=attachment_of(record))


@(
    authed.input(GetAttachmentsInput)
    .output(list[TicketAttachment])
    .meta(
        summary="A ticket's attachments",
        description="Oldest first; an unknown ticket is NOT_FOUND. " + ATTACHMENT_ANSWER,
        errors=[ErrorCode.NOT_FOUND],
        examples=[Example("photos", {"ticket_id": TICKET_ID}, [ATTACHMENT_EXAMPLE])],
    )
    .query
)
def get_attachments(ctx: SignedInContext, params: GetAttachmentsInput) -> list[TicketAttachment]:
    records = attachment_service.get_attachments(ctx.unit_of_work(), params.ticket_id)
    return [attachment_of(record) for record in records]


@(
    authed.input(DeleteAttachmentInput)
    .output(SuccessResult)
    .meta(
        summary="Delete an attachment and its file",
        description=(
            "Deletes the record, then, once that is committed, the stored bytes (a file "
            "already gone is fine). Allowed on a ticket in any status. An unknown id is "
            "NOT_FOUND."
        ),
        errors=[ErrorCode.NOT_FOUND],
        examples=[Example("delete", {"id": ATTACHMENT_ID}, {"success": True})],
    )
    .mutation
)
def delete_attachment(ctx: SignedInContext, params: DeleteAttachmentInput) -> SuccessResult:
    attachment_service.delete_attachment(ctx.unit_of_work(), ctx.services.files, params.id)
    return SuccessResult(success=True)


router: Router[RequestContext] = Router(
    {
        "addAttachment": add_attachment,
        "getAttachments": get_attachments,
        "deleteAttachment": delete_attachment,
    }
)
