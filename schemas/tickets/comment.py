"""A comment on a ticket: a user's note, or the system's record of a change."""

from typing import Annotated, Final, Literal, get_args

from pydantic import Field

from schemas.base import SnakeInput, SnakeOutput
from schemas.common import JsonBoolean, Timestamp
from schemas.fields import ResourceId
from schemas.tickets.ticket import StaffMember
from schemas.workflow.text import LongText

CommentType = Literal["note", "status_change", "assignment", "system"]
COMMENT_TYPES: Final[tuple[CommentType, ...]] = get_args(CommentType)


class TicketComment(SnakeOutput):
    id: str
    ticket_id: str
    comment: str
    is_internal: bool
    comment_type: CommentType
    created_at: Timestamp
    # The author; null once their user is deleted.
    profiles: StaffMember | None


# What a caller may write: "system" is the server's own record of a change, refused
# from callers (as invalid params naming comment_type).
CallerCommentType = Literal["note", "status_change", "assignment"]
# Several lines allowed; surrounding whitespace is trimmed before the length is counted.
CommentText = Annotated[LongText, Field(min_length=1)]


class AddCommentInput(SnakeInput):
    ticket_id: ResourceId
    comment: CommentText
    # Internal comments are for staff only (never shown to the customer).
    is_internal: JsonBoolean = False
    comment_type: CallerCommentType = "note"


class TicketCommentResult(SnakeOutput):
    success: bool
    comment: TicketComment
