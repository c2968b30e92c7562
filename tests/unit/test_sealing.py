"""Sealing secrets at rest: round trip, binding to a context, tampering, wrong key."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from services.sealing import SealedSecretError, SecretSealer, seal_context

SEALER = SecretSealer("a-key-material-of-at-least-32-characters")
CONTEXT = seal_context("proxy_configs", "sealed_password", "row-1")


@given(st.text())
def test_round_trip(plain: str) -> None:
    sealed = SEALER.seal(plain, context=CONTEXT)
    assert SEALER.open(sealed, context=CONTEXT) == plain


def test_the_plain_text_is_not_in_the_sealed_text_and_nonces_differ() -> None:
    first = SEALER.seal("hunter2-hunter2", context=CONTEXT)
    second = SEALER.seal("hunter2-hunter2", context=CONTEXT)
    assert "hunter2" not in first
    assert first != second
    assert first.startswith("v1.")


def test_another_context_does_not_open() -> None:
    sealed = SEALER.seal("secret", context=CONTEXT)
    with pytest.raises(SealedSecretError):
        SEALER.open(sealed, context=seal_context("proxy_configs", "sealed_password", "row-2"))


def test_another_key_does_not_open() -> None:
    sealed = SEALER.seal("secret", context=CONTEXT)
    with pytest.raises(SealedSecretError, match="does not open with this key"):
        SecretSealer("another-key-material-of-32-characters!").open(sealed, context=CONTEXT)


@pytest.mark.parametrize("sealed", ["plain text", "v1.not-base64!", "v1.AAAA", ""])
def test_garbage_does_not_open(sealed: str) -> None:
    with pytest.raises(SealedSecretError):
        SEALER.open(sealed, context=CONTEXT)


def test_a_flipped_bit_does_not_open() -> None:
    sealed = SEALER.seal("secret", context=CONTEXT)
    tampered = sealed[:-2] + ("A" if sealed[-2] != "A" else "B") + sealed[-1]
    with pytest.raises(SealedSecretError):
        SEALER.open(tampered, context=CONTEXT)


def test_short_key_material_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 32"):
        SecretSealer("short")
