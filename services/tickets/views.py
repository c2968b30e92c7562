"""What ``tickets.*`` services answer with, re-exported for the routers to map (routers
name db's tables, never its repositories)."""

from db.repositories.tickets.comment import TicketCommentRecord as TicketCommentRecord
from db.repositories.tickets.part import TicketPartRecord as TicketPartRecord
from db.repositories.tickets.ticket import TicketViewRecord as TicketViewRecord
