"""A ticket's part lines on plain values: what the stock ledger and the ticket's
comments say about a line, and how far its stock moves.

The texts are the system's own comments on the ticket (what a customer or a colleague
reads later), so each names the part, the quantity and the money exactly.
"""

from decimal import Decimal


def money(amount: Decimal) -> str:
    """An amount as the comments write it: always two places (129.90, 5.00)."""
    return f"{amount:.2f}"


def stock_delta(old_quantity: int, new_quantity: int) -> int:
    """How far the stock moves when a line goes from one quantity to another: more on
    the ticket takes from the shelf (negative), fewer gives back (positive)."""
    return old_quantity - new_quantity


def taken_reason(ticket_number: str) -> str:
    """The stock ledger's reason when a ticket takes parts."""
    return f"Used on ticket {ticket_number}"


def returned_reason(ticket_number: str) -> str:
    """The stock ledger's reason when parts go back from a ticket."""
    return f"Returned from ticket {ticket_number}"


def reason_for(ticket_number: str, delta: int) -> str:
    return taken_reason(ticket_number) if delta < 0 else returned_reason(ticket_number)


def added_text(part_name: str, quantity: int, unit_price: Decimal, total: Decimal) -> str:
    return f"Part added: {part_name}, {quantity} x {money(unit_price)} = {money(total)}"


def changed_text(
    part_name: str,
    *,
    old_quantity: int,
    new_quantity: int,
    old_price: Decimal,
    new_price: Decimal,
    old_total: Decimal,
    new_total: Decimal,
) -> str:
    """What changed on a line, old → new, and what the line now costs."""
    changes = []
    if new_quantity != old_quantity:
        changes.append(f"quantity {old_quantity} → {new_quantity}")
    if new_price != old_price:
        changes.append(f"unit price {money(old_price)} → {money(new_price)}")
    return (
        f"Part changed: {part_name}, {', '.join(changes)}; "
        f"total {money(old_total)} → {money(new_total)}"
    )


def removed_text(part_name: str, quantity: int, unit_price: Decimal, total: Decimal) -> str:
    return (
        f"Part removed: {part_name}, {quantity} x {money(unit_price)} = {money(total)} "
        "(returned to stock)"
    )
