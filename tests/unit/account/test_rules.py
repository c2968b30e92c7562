"""Rules of browser accounts, on plain values."""

from __future__ import annotations

import pytest

from services.account_rules import data_directory, may_delete, may_switch


@pytest.mark.parametrize(
    ("is_protected", "password_proven", "allowed"),
    [
        (False, False, True),
        (False, True, True),
        (True, False, False),  # protected: no switching without the password
        (True, True, True),
    ],
)
def test_only_a_protected_account_needs_the_password_to_switch(
    is_protected: bool, password_proven: bool, allowed: bool
) -> None:
    assert may_switch(is_protected=is_protected, password_proven=password_proven) is allowed


@pytest.mark.parametrize("confirm_deletion", [True, False])
def test_deletion_needs_confirmation(confirm_deletion: bool) -> None:
    assert may_delete(confirm_deletion=confirm_deletion) is confirm_deletion


def test_the_data_directory_is_made_from_ids_only() -> None:
    assert data_directory("usr_1", "acc_2") == "accounts/usr_1/acc_2"
