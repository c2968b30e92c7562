"""A ticket's money, in Decimal: what its parts come to and what the customer pays.

``total_cost = service_fee + diagnosis_fee + parts_total - discount_amount``, with
``parts_total`` the sum of each part's ``quantity * unit_price``. Every change to one of
the terms recomputes both in the transaction of the change (the contract left this to
database triggers). A discount larger than the rest would make the total negative: it
is BadRequest, naming the amounts. So is a parts total or a total cost past
``maximum``, the bound of the money columns (numeric(12,2)): a fee near the bound plus
parts would otherwise reach the database and fail there.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from services.errors import BadRequest

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class TicketMoney:
    parts_total: Decimal
    total_cost: Decimal


def line_total(quantity: int, unit_price: Decimal) -> Decimal:
    """What one part line costs: exact, as the price has at most two places."""
    return unit_price * quantity


def ticket_money(
    *,
    service_fee: Decimal,
    diagnosis_fee: Decimal,
    discount_amount: Decimal,
    part_lines: Iterable[tuple[int, Decimal]],
    maximum: Decimal,
) -> TicketMoney:
    """The parts' total and the total cost; BadRequest when the discount exceeds the
    fees and the parts together, or either amount is past ``maximum``."""
    parts_total = sum((line_total(quantity, price) for quantity, price in part_lines), start=ZERO)
    before_discount = service_fee + diagnosis_fee + parts_total
    if discount_amount > before_discount:
        raise BadRequest(
            f"discount_amount {discount_amount} is larger than the fees and parts "
            f"together ({before_discount})"
        )
    total_cost = before_discount - discount_amount
    if parts_total > maximum:
        raise BadRequest(f"The ticket's parts would come to {parts_total:.2f}: more than {maximum}")
    if total_cost > maximum:
        raise BadRequest(f"The ticket's total would come to {total_cost:.2f}: more than {maximum}")
    return TicketMoney(parts_total=parts_total, total_cost=total_cost)
