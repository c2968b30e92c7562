"""A ticket's parts total and total cost, exact in Decimal."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from services.errors import BadRequest
from services.tickets.money_rules import ticket_money

CENTS = st.integers(min_value=0, max_value=10**9).map(lambda cents: Decimal(cents) / 100)
BOUND = Decimal("9999999999.99")
LINES = st.lists(st.tuples(st.integers(min_value=1, max_value=1000), CENTS), max_size=5)


def test_total_is_fees_plus_parts_minus_discount() -> None:
    money = ticket_money(
        service_fee=Decimal("50.00"),
        diagnosis_fee=Decimal("19.99"),
        discount_amount=Decimal("10.00"),
        maximum=BOUND,
        part_lines=[(2, Decimal("0.10")), (1, Decimal("129.90"))],
    )
    assert money.parts_total == Decimal("130.10")
    assert money.total_cost == Decimal("190.09")


def test_no_parts_make_a_zero_parts_total() -> None:
    money = ticket_money(
        service_fee=Decimal("5"),
        diagnosis_fee=Decimal(0),
        discount_amount=Decimal(0),
        maximum=BOUND,
        part_lines=[],
    )
    assert (money.parts_total, money.total_cost) == (Decimal("0.00"), Decimal("5"))


def test_a_discount_of_everything_is_allowed_one_cent_more_is_not() -> None:
    free = ticket_money(
        service_fee=Decimal("10.00"),
        diagnosis_fee=Decimal("0"),
        discount_amount=Decimal("15.00"),
        maximum=BOUND,
        part_lines=[(1, Decimal("5.00"))],
    )
    assert free.total_cost == 0
    with pytest.raises(BadRequest, match=r"discount_amount 15.01 is larger .*\(15.00\)"):
        ticket_money(
            service_fee=Decimal("10.00"),
            diagnosis_fee=Decimal("0"),
            discount_amount=Decimal("15.01"),
            maximum=BOUND,
            part_lines=[(1, Decimal("5.00"))],
        )


@given(service_fee=CENTS, diagnosis_fee=CENTS, discount=CENTS, lines=LINES)
def test_totals_are_exact_sums(
    service_fee: Decimal,
    diagnosis_fee: Decimal,
    discount: Decimal,
    lines: list[tuple[int, Decimal]],
) -> None:
    parts_total = sum((price * quantity for quantity, price in lines), start=Decimal(0))
    rest = service_fee + diagnosis_fee + parts_total
    if discount > rest or parts_total > BOUND or rest - discount > BOUND:
        with pytest.raises(BadRequest):
            ticket_money(
                service_fee=service_fee,
                diagnosis_fee=diagnosis_fee,
                discount_amount=discount,
                maximum=BOUND,
                part_lines=lines,
            )
        return
    money = ticket_money(
        service_fee=service_fee,
        diagnosis_fee=diagnosis_fee,
        discount_amount=discount,
        maximum=BOUND,
        part_lines=lines,
    )
    assert money.parts_total == parts_total
    assert money.total_cost == rest - discount >= 0
    # Cents stay cents: nothing was rounded.
    assert money.total_cost == money.total_cost.quantize(Decimal("0.01"))


def test_money_up_to_the_bound_is_kept_past_it_refused() -> None:
    def money(service_fee: str, part_lines: list[tuple[int, Decimal]]) -> object:
        return ticket_money(
            service_fee=Decimal(service_fee),
            diagnosis_fee=Decimal(0),
            discount_amount=Decimal(0),
            part_lines=part_lines,
            maximum=BOUND,
        )

    money("0", [(1, BOUND)])
    with pytest.raises(BadRequest, match=r"parts would come to 10000000000\.00"):
        money("0", [(1, BOUND), (1, Decimal("0.01"))])
    with pytest.raises(BadRequest, match="total would come to"):
        money("1", [(1, BOUND)])
