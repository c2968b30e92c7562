"""Tickets' pure rules: how a ticket's number is written, and which year it counts in."""

from datetime import UTC, datetime

# A year's numbers are written with at least this many digits (SV-2026-001), more once
# the year passes 999 tickets (SV-2026-1000): never cut, so they stay unique.
TICKET_NUMBER_DIGITS = 3


def ticket_number(year: int, n: int) -> str:
    """The ``n``-th ticket of ``year``, as the contract writes it: ``SV-YYYY-NNN``."""
    if not 1 <= year <= 9999:
        raise ValueError(f"A ticket's year has four digits: {year}")
    if n < 1:
        raise ValueError(f"A year's tickets are numbered from 1: {n}")
    return f"SV-{year:04d}-{n:0{TICKET_NUMBER_DIGITS}d}"


def numbering_year(created_at: datetime) -> int:
    """The year a ticket created at ``created_at`` (aware) is numbered in: UTC's."""
    return created_at.astimezone(UTC).year
