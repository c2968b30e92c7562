"""Money on the wire: a JSON number with at most two decimal places, exact in Python.

Amounts are ``Decimal`` from the moment they are validated to the moment they are
written out, and every sum is taken in ``Decimal`` or in the database's numeric column,
never in floats. The wire form is a JSON number, as the service-center contract types
it.

In: a JSON number (never a string or a boolean, the coercion rule of schemas.common).
The transport's JSON parser reads a number with a fraction as a Python float; that
float's shortest representation (``repr``) gives back the digits that were sent, for
every amount up to ``MONEY_DIGITS`` significant digits (a float keeps 15), so the
Decimal is made from those digits, never from the float's binary value: 19.99 becomes
Decimal("19.99"), not 19.989999999999998436805981327779591083526611328125.

Out: the same in reverse. A Decimal of at most ``MONEY_DIGITS`` significant digits and
two places converts to the float whose shortest representation is its own digits, and
that is what the JSON encoder writes: Decimal("1234.50") goes out as 1234.5, Decimal("5.00") as 5.
``tests/property/test_money.py`` checks both directions over the whole range.
"""

from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, Final

from pydantic import BeforeValidator, PlainSerializer, WithJsonSchema
from pydantic_core import PydanticCustomError

# numeric(12, 2): up to 9,999,999,999.99, far beyond any fee or price of a repair shop,
# and well inside the 15 significant digits a float carries exactly.
MONEY_DIGITS: Final = 12
MONEY_PLACES: Final = 2
MONEY_MAX: Final = Decimal("9999999999.99")
CENT: Final = Decimal("0.01")


def money_from_json(value: Any) -> Decimal:
    """The exact amount a JSON number (or a stored Decimal) names; refuses anything else."""
    if isinstance(value, Decimal):
        amount = value
    elif isinstance(value, bool) or not isinstance(value, int | float):
        raise PydanticCustomError("money_type", "must be a JSON number")
    else:
        try:
            amount = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        except InvalidOperation:
            raise PydanticCustomError("money_type", "must be a finite number") from None
    if not amount.is_finite():
        raise PydanticCustomError("money_type", "must be a finite number")
    exponent = amount.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -MONEY_PLACES and amount != amount.quantize(CENT):
        raise PydanticCustomError("money_places", "must have at most 2 decimal places")
    if abs(amount) > MONEY_MAX:
        raise PydanticCustomError("money_range", f"must be at most {MONEY_MAX} in size")
    return amount.quantize(CENT)


def money_to_json(amount: Decimal) -> int | float:
    """The JSON number of an amount, exact (see the module's doc); whole amounts are
    written as integers (5, not 5.0)."""
    if amount != amount.quantize(CENT) or abs(amount) > MONEY_MAX:
        # A bug upstream (rounding is a decision for the service, never for the wire).
        raise ValueError(f"{amount} is not an amount of money with two places")
    if amount == amount.to_integral_value():
        return int(amount)
    return float(amount)


_MONEY_SCHEMA: Final = {
    "type": "number",
    "minimum": -float(MONEY_MAX),
    "maximum": float(MONEY_MAX),
    "description": "An amount with at most two decimal places",
}

# Any amount, in or out (a discount, a total). Inputs that must not be negative use
# NonNegativeMoney, whose schema says so.
Money = Annotated[
    Decimal,
    BeforeValidator(money_from_json),
    PlainSerializer(money_to_json, return_type=int | float, when_used="json"),
    WithJsonSchema(_MONEY_SCHEMA),
]


def _not_negative(amount: Decimal) -> Decimal:
    if amount < 0:
        raise PydanticCustomError("money_negative", "must be greater than or equal to 0")
    return amount


NonNegativeMoney = Annotated[
    Decimal,
    BeforeValidator(_not_negative),
    BeforeValidator(money_from_json),
    PlainSerializer(money_to_json, return_type=int | float, when_used="json"),
    WithJsonSchema({**_MONEY_SCHEMA, "minimum": 0}),
]
