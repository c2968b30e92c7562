"""A file recorded against a ticket: a photo of the device, a scanned receipt.

The bytes are uploaded first (``POST /files``, which answers the path, size, type and
SHA-256 the server read from them); ``tickets.addAttachment`` then records that path
against a ticket.
"""

from typing import Annotated

from pydantic import Field

from schemas.base import SnakeInput, SnakeOutput
from schemas.common import JsonInteger, NoControlCharacters, Timestamp
from schemas.fields import ResourceId
from schemas.limits import (
    FILE_NAME_MAX_LENGTH,
    FILE_PATH_MAX_LENGTH,
    FILE_TYPE_MAX_LENGTH,
    LONG_TEXT_MAX_LENGTH,
)

FileName = Annotated[str, Field(min_length=1, max_length=FILE_NAME_MAX_LENGTH), NoControlCharacters]
# Checked by the service against the storage folder: a path it did not make (``..``,
# absolute, NUL, a symlink out) is BAD_REQUEST, one answer for every kind of wrong path.
FilePath = Annotated[str, Field(min_length=1, max_length=FILE_PATH_MAX_LENGTH)]
FileType = Annotated[str, Field(min_length=1, max_length=FILE_TYPE_MAX_LENGTH), NoControlCharacters]
FileSize = Annotated[JsonInteger, Field(ge=0)]
Caption = Annotated[str, Field(max_length=LONG_TEXT_MAX_LENGTH), NoControlCharacters]


class AddAttachmentInput(SnakeInput):
    ticket_id: ResourceId
    # The name to show (the uploader's own file name); never used on disk.
    file_name: FileName
    # As POST /files answered them.
    file_path: FilePath
    file_type: FileType
    file_size: FileSize
    description: Caption | None = None


class GetAttachmentsInput(SnakeInput):
    ticket_id: ResourceId


class DeleteAttachmentInput(SnakeInput):
    id: ResourceId


class TicketAttachment(SnakeOutput):
    id: str
    ticket_id: str
    file_name: str
    # Where GET /files/{file_path} serves the bytes.
    file_path: str
    file_size: int
    file_type: str
    # Hex SHA-256 of the bytes, as the server read them.
    sha256: str | None
    description: str | None
    # Who attached it; null once their user is deleted.
    uploaded_by: str | None
    created_at: Timestamp


class AddAttachmentResult(SnakeOutput):
    success: bool
    attachment: TicketAttachment
