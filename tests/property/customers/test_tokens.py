"""Unsubscribe link tokens: one made for (id, email) verifies for that pair only."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from services.customer_tokens import CustomerLinkTokens
from tests.property.customers.strategies import emails

TOKENS = CustomerLinkTokens("property-customer-links-key-material")
ids = st.uuids().map(str) | st.text(min_size=1, max_size=40).filter(lambda s: "\n" not in s)


@settings(max_examples=300, deadline=None)
@given(ids, emails, ids, emails)
def test_a_token_never_verifies_for_another_id_or_email(
    customer_id: str, email: str, other_id: str, other_email: str
) -> None:
    token = TOKENS.token_for(customer_id, email)

    assert TOKENS.verifies(token, customer_id, email)
    if (other_id, other_email.lower()) != (customer_id, email.lower()):
        assert not TOKENS.verifies(token, other_id, other_email)
