"""Comments people write on a ticket (the system writes its own through
``editing.write_comment`` as part of each change).

A comment is allowed on a ticket in any status, completed and cancelled included: it
records what was said, it does not change the ticket, so the ticket's ``updated_at``
stays as it is.
"""

from db.unit_of_work import UnitOfWork
from services.caller import Caller
from services.clock import Clock, utc_now
from services.errors import NotFound
from services.tickets.editing import lock_ticket, write_comment
from services.tickets.views import TicketCommentRecord

COMMENT_NOT_FOUND = "Comment not found"


def add_comment(
    uow: UnitOfWork,
    caller: Caller,
    *,
    ticket_id: str,
    text: str,
    is_internal: bool = False,
    comment_type: str = "note",
    clock: Clock = utc_now,
) -> TicketCommentRecord:
    """The caller's comment on the ticket, answered with its author. ``comment_type``
    is one a caller may write (the schema refuses ``system``)."""
    with uow:
        # Locked like every write to a ticket: a comment lands between changes, never
        # inside one, and a ticket deleted meanwhile is NotFound rather than a
        # database error.
        ticket = lock_ticket(uow, ticket_id)
        comment = write_comment(
            uow,
            ticket,
            text,
            actor_id=caller.user_id,
            now=clock(),
            comment_type=comment_type,
            is_internal=is_internal,
        )
        view = uow.ticket_comments.view(comment.id)
        if view is None:
            raise NotFound(COMMENT_NOT_FOUND)
        uow.commit()
        return view
