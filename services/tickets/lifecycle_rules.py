"""The words of the comments a ticket's changes leave, and what a status sets, on
plain values.

A comment names the change with its old and new value, so a ticket's comments read as
its history without the audit log: "Priority: normal → urgent", "Service fee: 50.00 →
60.00", "Assigned to Tara Technician", "Status: pending → in_progress".
"""

from datetime import datetime
from decimal import Decimal
from typing import Final

from services.errors import BadRequest, Conflict

# The fields whose change is commented, in the order their comments are written.
LABELS: Final[dict[str, str]] = {
    "priority_level": "Priority",
    "warranty_type": "Warranty",
    "service_fee": "Service fee",
    "diagnosis_fee": "Diagnosis fee",
    "discount_amount": "Discount",
}
ARROW: Final = " → "


def shown(value: str | Decimal) -> str:
    """A value as a comment shows it: amounts with their two places."""
    return f"{value:.2f}" if isinstance(value, Decimal) else value


def change_text(field: str, old: str | Decimal, new: str | Decimal) -> str:
    return f"{LABELS[field]}: {shown(old)}{ARROW}{shown(new)}"


def status_text(old: str, new: str) -> str:
    return f"Status: {old}{ARROW}{new}"


def assignment_text(old_name: str | None, new_name: str | None) -> str:
    """Who the ticket went from and to, by full name (None: nobody)."""
    if new_name is None:
        return f"Unassigned (was {old_name})"
    if old_name is None:
        return f"Assigned to {new_name}"
    return f"Reassigned from {old_name} to {new_name}"


def started_at_after(started_at: datetime | None, status: str, now: datetime) -> datetime | None:
    """``started_at`` once the ticket moves to ``status``: set the first time work
    starts, and kept after (back to pending and on again is still the same repair)."""
    if status == "in_progress" and started_at is None:
        return now
    return started_at


def refuse_undeliverable(
    ticket_number: str, status: str, delivery_confirmed_at: datetime | None
) -> None:
    """Only a completed ticket is handed back (BadRequest, as the contract says), and
    only once (Conflict)."""
    if status != "completed":
        raise BadRequest(
            f"Ticket {ticket_number} is {status}: only a completed ticket can be delivered"
        )
    if delivery_confirmed_at is not None:
        raise Conflict(
            f"Ticket {ticket_number} was already delivered on "
            f"{delivery_confirmed_at.date().isoformat()}"
        )


def delivery_text(notes: str | None) -> str:
    said = "Delivered to the customer, signature received"
    return f"{said}. Notes: {notes}" if notes else said
