"""Phone numbers: whatever the spelling, one number is one key; the rule is the schema's."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from schemas.customers import CreateCustomerInput
from services.customers_rules import phone_key
from tests.property.customers.strategies import digit_strings, spellings

MANY = settings(max_examples=300, deadline=None)


@MANY
@given(st.data(), digit_strings())
def test_any_two_spellings_of_one_number_share_a_key(data: st.DataObject, digits: str) -> None:
    first, second = data.draw(spellings(digits)), data.draw(spellings(digits))

    assert phone_key(first) == phone_key(second) == digits


@MANY
@given(st.data(), digit_strings(), digit_strings())
def test_numbers_with_other_digits_have_other_keys(
    data: st.DataObject, digits: str, other: str
) -> None:
    if digits == other:
        return
    assert phone_key(data.draw(spellings(digits))) != phone_key(data.draw(spellings(other)))


@MANY
@given(st.data(), digit_strings())
def test_every_spelling_passes_the_schema_and_is_kept_as_typed(
    data: st.DataObject, digits: str
) -> None:
    spelt = data.draw(spellings(digits))

    accepted = CreateCustomerInput.model_validate({"name": "N", "phone": spelt})

    assert accepted.phone == spelt
    assert phone_key(accepted.phone) == digits


@MANY
@given(digit_strings(min_size=0, max_size=9).flatmap(lambda d: st.just(d + " " * (10 - len(d)))))
def test_fewer_than_ten_digits_are_refused(phone: str) -> None:
    with pytest.raises(ValidationError) as refused:
        CreateCustomerInput.model_validate({"name": "N", "phone": f"({phone})"})
    assert [error["loc"] for error in refused.value.errors()] == [("phone",)]
