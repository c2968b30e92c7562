"""A comment on a ticket: a user's note, or the system's record of a change."""

from typing import Final, Literal, get_args

from schemas.base import SnakeOutput
from schemas.common import Timestamp
from schemas.tickets.ticket import StaffMember

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
