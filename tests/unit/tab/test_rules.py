"""Rules of browser tabs, on plain values."""

from __future__ import annotations

import pytest

from services.changes import UNCHANGED, Unchanged
from services.tab_rules import NEW_TAB_URL, deactivates_the_others, new_tab_url


@pytest.mark.parametrize(("url", "shown"), [(None, NEW_TAB_URL), ("", NEW_TAB_URL)])
def test_a_tab_opened_without_a_url_is_blank(url: str | None, shown: str) -> None:
    assert new_tab_url(url) == shown


def test_a_tab_opened_with_a_url_shows_it() -> None:
    assert new_tab_url("https://example.com/") == "https://example.com/"


@pytest.mark.parametrize(
    ("is_active", "deactivates"),
    [
        (True, True),  # at most one active tab per account
        (False, False),  # deactivating activates no other tab
        (UNCHANGED, False),
    ],
)
def test_only_activating_a_tab_deactivates_the_others(
    is_active: bool | Unchanged, deactivates: bool
) -> None:
    assert deactivates_the_others(is_active) is deactivates
