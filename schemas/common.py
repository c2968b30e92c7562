"""Types shared by the schemas: JSON scalars, email, new password, role, timestamp.

The rules are the RPMA API's, so its clients get the answers they already handle: an
email is trimmed, lower-cased, ASCII, at most 254 characters, with no "script" in its
local part; a new password has 8-128 characters, at least 3 of the four character
classes, no common pattern and no character 4 times in a row. Each rule lives in a
plain function raising ValueError, so services can apply the same rules to values that
do not come through a schema (environment variables, the CLI); the annotated types wrap
them for pydantic with a stable error type and the same message.
"""

import re
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Annotated, Final, Literal, get_args

from pydantic import AfterValidator, PlainSerializer, Strict, WithJsonSchema
from pydantic_core import PydanticCustomError

from schemas.limits import EMAIL_MAX_LENGTH

# One coercion rule (docs/decisions.md, "One coercion rule for inputs"), for every field
# of every input model: a number field takes only JSON numbers, a boolean field only
# true or false, a string field only strings. pydantic's lax mode, the default, would
# read "2" and 2.0 as the integer 2, true as 1 and "yes" as true; inputs use these types
# instead of int, float and bool. (str needs no strict type: lax str refuses numbers and
# booleans already.) Strict per field, not per model: a strict model would refuse the
# JSON forms of the types that JSON has no literal for (ISO 8601 datetimes, UUIDs,
# decimals), which the transport validates from parsed JSON. Strict() leaves the
# published JSON schema unchanged. tests/contract/test_input_types.py walks every
# procedure's input to keep the rule.
JsonInteger = Annotated[int, Strict()]
# A JSON number: an integer is a number too (2 for 2.0), a string or a boolean is not.
JsonNumber = Annotated[float, Strict()]
JsonBoolean = Annotated[bool, Strict()]

Role = Literal["admin", "manager", "technician", "reception"]
ROLES: Final[tuple[Role, ...]] = get_args(Role)

EMAIL_INVALID_MESSAGE: Final = "email must be a valid address of at most 254 characters"
EMAIL_SUSPICIOUS_MESSAGE: Final = "email must not contain suspicious patterns such as 'script'"
# RPMA's pattern, ASCII only. Used with fullmatch: `$` alone would accept a trailing newline.
EMAIL_PATTERN: Final = re.compile(
    r"[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+"
    r"@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?"
    r"(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*"
)
# "javascript" contains "script", so one substring covers both RPMA patterns.
SUSPICIOUS_LOCAL_PART: Final = "script"

PASSWORD_MIN_LENGTH: Final = 8
PASSWORD_MAX_LENGTH: Final = 128
PASSWORD_LENGTH_MESSAGE: Final = "Password must be 8-128 characters"
PASSWORD_CLASSES_MESSAGE: Final = (
    "Password must contain at least 3 of: uppercase letter, lowercase letter, number, "
    "special character"
)
PASSWORD_COMMON_MESSAGE: Final = (
    "Password must not contain a common pattern (password, 123456, qwerty, admin)"
)
PASSWORD_REPEAT_MESSAGE: Final = (
    "Password must not repeat the same character 4 or more times in a row"
)
PASSWORD_SPECIALS: Final = frozenset("!@#$%^&*()_+-=[]{};':\"\\|,.<>/?")
COMMON_PASSWORD_PATTERNS: Final = ("password", "123456", "qwerty", "admin")
FOUR_IDENTICAL_IN_A_ROW: Final = re.compile(r"(.)\1{3}", re.DOTALL)


def validate_email(value: str) -> str:
    """The normalised (stripped, lowercased) address, or ValueError with the reason."""
    email = value.strip().lower()
    if len(email) > EMAIL_MAX_LENGTH or EMAIL_PATTERN.fullmatch(email) is None:
        raise ValueError(EMAIL_INVALID_MESSAGE)
    local_part = email.rsplit("@", 1)[0]
    if SUSPICIOUS_LOCAL_PART in local_part:
        raise ValueError(EMAIL_SUSPICIOUS_MESSAGE)
    return email


def password_character_classes(value: str) -> int:
    """How many of the four classes (upper, lower, digit, special) the password uses."""
    return sum(
        (
            any("A" <= c <= "Z" for c in value),
            any("a" <= c <= "z" for c in value),
            any("0" <= c <= "9" for c in value),
            any(c in PASSWORD_SPECIALS for c in value),
        )
    )


def check_password_strength(value: str) -> str:
    """The password, unchanged, if it meets every rule; else ValueError naming the first
    rule it breaks."""
    if not PASSWORD_MIN_LENGTH <= len(value) <= PASSWORD_MAX_LENGTH:
        raise ValueError(PASSWORD_LENGTH_MESSAGE)
    if password_character_classes(value) < 3:
        raise ValueError(PASSWORD_CLASSES_MESSAGE)
    lowered = value.lower()
    if any(pattern in lowered for pattern in COMMON_PASSWORD_PATTERNS):
        raise ValueError(PASSWORD_COMMON_MESSAGE)
    if FOUR_IDENTICAL_IN_A_ROW.search(value):
        raise ValueError(PASSWORD_REPEAT_MESSAGE)
    return value


def _pydantic_rule(check: Callable[[str], str], error_type: str) -> AfterValidator:
    """Wrap a rule so pydantic reports it as `error_type` with the rule's own message
    (a bare ValueError would come out as "Value error, ..." of type value_error)."""

    def validate(value: str) -> str:
        try:
            return check(value)
        except ValueError as error:
            # The message is a template; none of ours contain braces.
            raise PydanticCustomError(error_type, str(error)) from None

    return AfterValidator(validate)


# The length limits are enforced by the rules (after stripping), and published in the
# JSON schema only, so pydantic does not report them a second time in its own words.
Email = Annotated[
    str,
    _pydantic_rule(validate_email, "invalid_email"),
    WithJsonSchema({"type": "string", "format": "email", "maxLength": EMAIL_MAX_LENGTH}),
]

NewPassword = Annotated[
    str,
    _pydantic_rule(check_password_strength, "weak_password"),
    WithJsonSchema(
        {
            "type": "string",
            "minLength": PASSWORD_MIN_LENGTH,
            "maxLength": PASSWORD_MAX_LENGTH,
        }
    ),
]

CONTROL_CHARACTERS: Final = re.compile(r"[\x00-\x1f\x7f]")
CONTROL_CHARACTER_MESSAGE: Final = "must not contain control characters (such as NUL or newline)"


def refuse_control_characters(value: str) -> str:
    """The value, if it has no control characters: PostgreSQL cannot store NUL in text,
    and a newline in a name or an id is never intended."""
    if CONTROL_CHARACTERS.search(value):
        raise ValueError(CONTROL_CHARACTER_MESSAGE)
    return value


# For one line of text (names, ids, titles): Annotated[str, Field(...), NoControlCharacters].
# Placed after the Field, so length errors stay pydantic's own string_too_short/long.
NoControlCharacters = _pydantic_rule(refuse_control_characters, "control_character")


def utc_timestamp(value: datetime) -> str:
    """The wire form of every timestamp: UTC, ISO 8601, always six fractional digits.

    One precision everywhere, and the one both databases store, so nothing is lost; a
    fixed width also makes the strings sort as the instants do. pydantic's own form
    drops the fraction when it is zero, so the same field would change width from one
    answer to the next (and a token expiry, whole seconds like the JWT's `exp`, would
    never match a refresh expiry).
    """
    if value.tzinfo is UTC:
        # The common case, by far (the tables and the clock give UTC), for each timestamp
        # of every answer: 1.6 us against 5.5 us for the conversion below. isoformat()
        # without arguments (passing timespec costs 1.6 us more) writes the fraction
        # unless it is zero, then "+00:00", which becomes "Z".
        text = value.isoformat()
        return text[:-6] + "Z" if value.microsecond else text[:-6] + ".000000Z"
    if value.tzinfo is None or value.utcoffset() is None:
        # Its meaning would depend on the machine: a bug upstream, never guessed at.
        raise ValueError(f"A timestamp must be timezone-aware, got {value.isoformat()}")
    # isoformat, not strftime: %Y does not pad years before 1000 to four digits.
    return value.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"


# Every datetime of every output is a Timestamp (tests/contract/test_timestamps.py walks
# them). The JSON schema stays pydantic's own for a datetime: a date-time string.
TIMESTAMP_SERIALIZER: Final = PlainSerializer(utc_timestamp, return_type=str, when_used="json")
Timestamp = Annotated[
    datetime,
    TIMESTAMP_SERIALIZER,
    WithJsonSchema({"format": "date-time", "type": "string"}),
]
