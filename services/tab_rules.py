"""Rules of browser tabs, on plain values: no unit of work, no database.

An account has at most one active tab. Making a tab active makes every other tab of
its account inactive; making one inactive, or closing the active one, activates no
other, so an account may have no active tab.
"""

from services.changes import Unchanged

NEW_TAB_URL = "about:blank"
NEW_TAB_TITLE = "New Tab"


def new_tab_url(url: str | None) -> str:
    """A tab opened without a URL (or with an empty one) shows a blank page."""
    return url or NEW_TAB_URL


def deactivates_the_others(is_active: bool | Unchanged) -> bool:
    """Whether setting a tab's is_active so makes the account's other tabs inactive."""
    return is_active is True
