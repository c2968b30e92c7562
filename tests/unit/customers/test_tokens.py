"""The tokens of customers' unsubscribe links."""

from __future__ import annotations

import base64

import pytest

from services.customer_tokens import NO_CUSTOMER, CustomerLinkTokens

KEY = "customer-links-key-material-of-enough-length"
TOKENS = CustomerLinkTokens(KEY)


def test_a_token_verifies_for_its_customer_and_email() -> None:
    token = TOKENS.token_for("c1", "an@example.com")

    assert TOKENS.verifies(token, "c1", "an@example.com")
    assert len(token) == 43
    assert "=" not in token
    assert len(base64.urlsafe_b64decode(token + "=")) == 32


def test_the_email_is_compared_lower_cased() -> None:
    assert TOKENS.verifies(TOKENS.token_for("c1", "An@Example.com"), "c1", "an@example.com")


@pytest.mark.parametrize(
    ("customer_id", "email"), [("c2", "an@example.com"), ("c1", "bo@example.com")]
)
def test_a_token_is_bound_to_both(customer_id: str, email: str) -> None:
    assert not TOKENS.verifies(TOKENS.token_for("c1", "an@example.com"), customer_id, email)


def test_another_key_makes_other_tokens() -> None:
    other = CustomerLinkTokens(KEY + "-rotated")
    assert not other.verifies(TOKENS.token_for("c1", "an@example.com"), "c1", "an@example.com")


@pytest.mark.parametrize("token", ["", "x", "é" * 43, "\ud800"])
def test_malformed_tokens_are_just_wrong(token: str) -> None:
    assert not TOKENS.verifies(token, "c1", "an@example.com")


def test_no_customer_never_verifies() -> None:
    # Even the token made for it: an unknown email is checked against NO_CUSTOMER.
    token = TOKENS.token_for(NO_CUSTOMER, "an@example.com")
    assert not TOKENS.verifies(token, NO_CUSTOMER, "an@example.com")


def test_short_key_material_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 32"):
        CustomerLinkTokens("short")
