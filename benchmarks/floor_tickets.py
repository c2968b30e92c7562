"""The database floor's ``tickets.getTickets``: one page of tickets, written by hand.

Two queries on the request's connection, as Switchyard's ``list_tickets_page`` runs
them: the page, each ticket joined to its customer, product model and brand, then how
many tickets there are. Each row becomes the app's output model, ``Ticket``, with its
customer under ``customers`` and its product model (with the brand) under ``products``;
the page a ``TicketPage``, dumped in JSON mode, so the ``result`` is Switchyard's to the
byte. Of the params only the paging is read, with the contract's defaults: the
benchmark sends no filter, and a floor validates nothing.
"""

from __future__ import annotations

from typing import Any, Protocol

from schemas.paging import PAGE_LIMIT_DEFAULT
from schemas.tickets.listing import TicketPage
from schemas.tickets.ticket import Ticket, TicketBrand, TicketCustomer, TicketProduct

Row = dict[str, Any]


class TicketReader(Protocol):
    """What the page needs of a floor connection."""

    async def ticket_page(self, *, limit: int, offset: int) -> list[Row]: ...
    async def ticket_count(self) -> int: ...


def ticket_of(row: Row) -> Ticket:
    # The row's own columns validate as the ticket's fields (the joined ones, named
    # customer_* and so on, are not fields and are left out); the embedded two are
    # built from the joined columns.
    return Ticket.model_validate(
        {
            **row,
            "customers": TicketCustomer(
                id=row["customer_id"],
                name=row["customer_name"],
                phone=row["customer_phone"],
                email=row["customer_email"],
            ),
            "products": TicketProduct(
                id=row["product_id"],
                name=row["product_name"],
                type=row["product_type"],
                brands=TicketBrand(name=row["brand_name"]),
            ),
        }
    )


async def answer_ticket_page(params: Row, connection: TicketReader) -> Any:
    limit = params.get("limit", PAGE_LIMIT_DEFAULT)
    offset = params.get("offset", 0)
    rows = await connection.ticket_page(limit=limit, offset=offset)
    page = TicketPage(
        tickets=[ticket_of(row) for row in rows], total=await connection.ticket_count()
    )
    return page.model_dump(mode="json")
