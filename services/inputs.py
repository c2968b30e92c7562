"""Input rules applied inside services, for values that may not have come through a schema.

The schemas check the same rules at the RPC boundary; services check again because the
CLI and the environment (admin setup) reach them without one, and the invariants
(lowercase unique emails, strong passwords) must hold whoever calls.
"""

from schemas.common import ROLES, check_password_strength, validate_email
from schemas.limits import AVATAR_URL_MAX_LENGTH, FULL_NAME_MAX_LENGTH, USER_AGENT_MAX_LENGTH
from services.errors import InvalidInput

EMAIL_TAKEN = "A user with this email already exists"


def valid_email(email: str) -> str:
    """The normalised (lowercase) email, or InvalidInput."""
    try:
        return validate_email(email)
    except ValueError as error:
        raise InvalidInput("email", str(error)) from None


def check_new_password(password: str) -> None:
    try:
        check_password_strength(password)
    except ValueError as error:
        raise InvalidInput("password", str(error)) from None


def valid_full_name(full_name: str) -> str:
    name = full_name.strip()
    if not name:
        raise InvalidInput("full_name", "full_name must not be empty")
    if len(name) > FULL_NAME_MAX_LENGTH:
        raise InvalidInput(
            "full_name", f"full_name must be at most {FULL_NAME_MAX_LENGTH} characters"
        )
    _refuse_nul("full_name", name)
    return name


def valid_avatar_url(avatar_url: str | None) -> str | None:
    if avatar_url is None:
        return None
    if len(avatar_url) > AVATAR_URL_MAX_LENGTH:
        raise InvalidInput(
            "avatar_url", f"avatar_url must be at most {AVATAR_URL_MAX_LENGTH} characters"
        )
    _refuse_nul("avatar_url", avatar_url)
    return avatar_url


def stored_user_agent(user_agent: str | None) -> str | None:
    """The User-Agent header as stored: informational, so cut to fit rather than refused."""
    if user_agent is None:
        return None
    return user_agent.replace("\x00", "")[:USER_AGENT_MAX_LENGTH]


def _refuse_nul(field: str, value: str) -> None:
    # PostgreSQL cannot store NUL in text; SQLite can. Refuse it everywhere alike.
    if "\x00" in value:
        raise InvalidInput(field, f"{field} must not contain NUL characters")


def valid_role(role: str) -> str:
    if role not in ROLES:
        raise InvalidInput("role", f"role must be one of: {', '.join(ROLES)}")
    return role
