"""Records of tickets, part lines and comments as the contract's answers show them
(one mapping each, shared by every ``tickets.*`` procedure)."""

from __future__ import annotations

from schemas.tickets.comment import TicketComment
from schemas.tickets.part import TicketPart, TicketPartSummary
from schemas.tickets.ticket import StaffMember, Ticket, TicketBrand, TicketCustomer, TicketProduct
from services.tickets.views import TicketCommentRecord, TicketPartRecord, TicketViewRecord


def ticket_of(view: TicketViewRecord) -> Ticket:
    own = view._asdict()
    return Ticket.model_validate(
        {
            **own,
            "customers": TicketCustomer(
                id=view.customer_id,
                name=view.customer_name,
                phone=view.customer_phone,
                email=view.customer_email,
            ),
            "products": TicketProduct(
                id=view.product_id,
                name=view.product_name,
                type=view.product_type,
                brands=TicketBrand(name=view.brand_name),
            ),
        }
    )


def part_line_of(line: TicketPartRecord) -> TicketPart:
    return TicketPart.model_validate(
        {
            **line._asdict(),
            "parts": TicketPartSummary(id=line.part_id, name=line.part_name, sku=line.part_sku),
        }
    )


def comment_of(comment: TicketCommentRecord) -> TicketComment:
    author = (
        StaffMember.model_validate(
            {
                "id": comment.created_by,
                "full_name": comment.author_full_name,
                "role": comment.author_role,
            }
        )
        if comment.created_by is not None and comment.author_full_name is not None
        else None
    )
    return TicketComment.model_validate({**comment._asdict(), "profiles": author})
