"""The rule for deleting a catalog row others refer to, on plain values."""

from collections.abc import Sequence

from services.errors import Conflict


def in_use_message(thing: str, referred_to_by: Sequence[str]) -> str:
    """ "Product model is still used by parts and templates": what refers to it, named."""
    users = list(referred_to_by)
    named = users[0] if len(users) == 1 else f"{', '.join(users[:-1])} and {users[-1]}"
    return f"{thing} is still used by {named}"


def refuse_while_used(thing: str, referred_to_by: Sequence[str]) -> None:
    """A row is deleted only once nothing refers to it: Conflict naming what does."""
    if referred_to_by:
        raise Conflict(in_use_message(thing, referred_to_by))
