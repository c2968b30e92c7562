"""``tickets.addComment``: a signed-in user's comment on a ticket (every role may)."""

from __future__ import annotations

from middleware.context import RequestContext, SignedInContext
from routers.base import authed
from routers.tickets.answers import comment_of
from routers.tickets.samples import COMMENT_EXAMPLE, TICKET_ID
from rpc import ErrorCode, Example, Router
from schemas.tickets.comment import AddCommentInput, TicketCommentResult
from services.tickets import comments as comments_service


@(
    authed.input(AddCommentInput)
    .output(TicketCommentResult)
    .meta(
        summary="Comment on a ticket",
        description=(
            "comment: 1-2000 characters after trimming, line breaks allowed. is_internal "
            "(false by default) marks a note for staff only. comment_type is 'note' (the "
            "default), 'status_change' or 'assignment'; 'system' is the server's own "
            "record of a change and is refused (INVALID_PARAMS). Any ticket may be "
            "commented on, completed and cancelled ones too; an unknown ticket is "
            "NOT_FOUND. Answers {success, comment: {id, ticket_id, comment, is_internal, "
            "comment_type, created_at, profiles: {id, full_name, role}}}, profiles being "
            "the caller."
        ),
        errors=[ErrorCode.NOT_FOUND],
        examples=[
            Example(
                "note",
                {"ticket_id": TICKET_ID, "comment": COMMENT_EXAMPLE["comment"]},
                {"success": True, "comment": COMMENT_EXAMPLE},
            ),
            Example(
                "internal",
                {
                    "ticket_id": TICKET_ID,
                    "comment": "Board shows liquid damage\nQuote before repair",
                    "is_internal": True,
                },
                {
                    "success": True,
                    "comment": {
                        **COMMENT_EXAMPLE,
                        "comment": "Board shows liquid damage\nQuote before repair",
                        "is_internal": True,
                    },
                },
            ),
        ],
    )
    .mutation
)
def add_comment(ctx: SignedInContext, params: AddCommentInput) -> TicketCommentResult:
    comment = comments_service.add_comment(
        ctx.unit_of_work(),
        ctx.caller,
        ticket_id=params.ticket_id,
        text=params.comment,
        is_internal=params.is_internal,
        comment_type=params.comment_type,
        clock=ctx.services.clock,
    )
    return TicketCommentResult(success=True, comment=comment_of(comment))


router: Router[RequestContext] = Router({"addComment": add_comment})
