"""Money on the wire (schemas/money.py), both ways, over the whole range.

In: the transport parses a JSON number with a fraction into a float; the amount made
from it is exactly the amount whose digits were sent. Out: the JSON text written for an
amount parses back to exactly that amount. Anything with more than two places, a string
or a boolean is refused; a negative amount where the field must not be negative too.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, TypeAdapter, ValidationError

from schemas.money import MONEY_MAX, Money, NonNegativeMoney, money_from_json

MONEY = TypeAdapter(Money)
NON_NEGATIVE = TypeAdapter(NonNegativeMoney)
CENTS_MAX = int(MONEY_MAX * 100)
EXAMPLES = settings(max_examples=500, deadline=None)

amounts = st.integers(-CENTS_MAX, CENTS_MAX).map(lambda cents: Decimal(cents).scaleb(-2))
non_negative_amounts = amounts.map(abs)


class Priced(BaseModel):
    price: Money


@EXAMPLES
@given(amounts)
def test_an_amount_sent_as_a_json_number_is_read_exactly(amount: Decimal) -> None:
    sent = json.loads(str(amount))  # what the transport's parser hands the schema

    assert money_from_json(sent) == amount
    assert MONEY.validate_python(sent) == amount


@EXAMPLES
@given(amounts)
def test_the_json_text_of_an_amount_parses_back_exactly(amount: Decimal) -> None:
    text = Priced(price=amount).model_dump_json()

    assert json.loads(text, parse_float=Decimal, parse_int=Decimal)["price"] == amount
    assert Priced.model_validate_json(text).price == amount
    # The digits written are the amount's own: no binary noise, at most two places.
    written = text.split(":", 1)[1].rstrip("}")
    assert len(written.partition(".")[2]) <= 2


@EXAMPLES
@given(
    st.integers(-CENTS_MAX, CENTS_MAX),
    st.integers(1, 9),
)
def test_more_than_two_places_are_refused(cents: int, third: int) -> None:
    amount = Decimal(cents).scaleb(-2) + Decimal(third).scaleb(-3) * (1 if cents >= 0 else -1)
    if abs(amount) > MONEY_MAX:
        amount = Decimal(third).scaleb(-3)

    with pytest.raises(ValidationError, match="at most 2 decimal places"):
        MONEY.validate_python(json.loads(str(amount)))


@EXAMPLES
@given(non_negative_amounts.filter(lambda amount: amount > 0))
def test_negative_amounts_are_refused_where_they_must_not_be(amount: Decimal) -> None:
    assert NON_NEGATIVE.validate_python(json.loads(str(amount))) == amount
    with pytest.raises(ValidationError, match="greater than or equal to 0"):
        NON_NEGATIVE.validate_python(json.loads(str(-amount)))


@pytest.mark.parametrize("value", ["19.99", "5", True, False, None, [1], {"a": 1}, float("nan")])
def test_anything_but_a_json_number_is_refused(value: Any) -> None:
    with pytest.raises(ValidationError):
        MONEY.validate_python(value)
    with pytest.raises(ValidationError):
        NON_NEGATIVE.validate_python(value)
