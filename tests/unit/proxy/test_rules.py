"""Rules of proxy configurations, on plain values."""

from __future__ import annotations

import pytest

from services.proxy_rules import forgets_last_test


@pytest.mark.parametrize(
    "changed", [{"host"}, {"port"}, {"username"}, {"password"}, {"name", "port"}]
)
def test_a_new_address_or_new_credentials_forget_the_last_test(changed: set[str]) -> None:
    assert forgets_last_test(changed)


@pytest.mark.parametrize("changed", [set(), {"name"}, {"is_active"}, {"name", "is_active"}])
def test_renaming_or_switching_on_and_off_keep_it(changed: set[str]) -> None:
    assert not forgets_last_test(changed)
