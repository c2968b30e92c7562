"""Rules of browser accounts, on plain values: no unit of work, no database."""


def data_directory(user_id: str, account_id: str) -> str:
    """Where the browser keeps the account's profile, relative to its data root.

    Made from ids only (never from client input), so it cannot escape the root."""
    return f"accounts/{user_id}/{account_id}"


def may_switch(*, is_protected: bool, password_proven: bool) -> bool:
    """A protected account is switched to only with the caller's password proven again;
    any other account without it."""
    return password_proven or not is_protected


def may_delete(*, confirm_deletion: bool) -> bool:
    """Deleting takes the account's tabs and sessions with it: only when confirmed."""
    return confirm_deletion
