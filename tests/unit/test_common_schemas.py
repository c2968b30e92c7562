import re
from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from schemas.common import (
    COMMON_PASSWORD_PATTERNS,
    EMAIL_INVALID_MESSAGE,
    EMAIL_PATTERN,
    EMAIL_SUSPICIOUS_MESSAGE,
    PASSWORD_CLASSES_MESSAGE,
    PASSWORD_COMMON_MESSAGE,
    PASSWORD_LENGTH_MESSAGE,
    PASSWORD_REPEAT_MESSAGE,
    ROLES,
    Email,
    NewPassword,
    Role,
    Timestamp,
    check_password_strength,
    password_character_classes,
    utc_timestamp,
    validate_email,
)


def email_of_length(length: int) -> str:
    """A well-formed address of exactly `length` characters (at least 250)."""
    address = "a" * 64 + "@" + ".".join(["b" * 60, "c" * 60, "d" * 60]) + "."
    return address + "e" * (length - len(address))


class SignUp(BaseModel):
    email: Email
    password: NewPassword
    role: Role


# --- email -------------------------------------------------------------------------


def test_email_is_stripped_and_lowercased() -> None:
    assert validate_email("  Ada.Lovelace@Example.COM \n") == "ada.lovelace@example.com"


@pytest.mark.parametrize(
    "valid",
    [
        "a@b",
        "first.last+tag@sub.example.co.uk",
        "o'brien@example.ie",
        "x@" + "a" * 63 + ".com",
        email_of_length(254),
    ],
)
def test_valid_emails_are_accepted(valid: str) -> None:
    assert validate_email(valid) == valid.lower()


@pytest.mark.parametrize(
    "invalid",
    [
        "",
        "plainaddress",
        "@example.com",
        "user@",
        "user@-example.com",
        "user@example-.com",
        "user@exa_mple.com",
        "two@@example.com",
        "with space@example.com",
        "ünicode@example.com",
        "user@example.com\nx",
        "user@" + "a" * 64 + ".com",  # a domain label is at most 63 characters
    ],
)
def test_malformed_emails_are_refused(invalid: str) -> None:
    with pytest.raises(ValueError, match=EMAIL_INVALID_MESSAGE):
        validate_email(invalid)


def test_email_longer_than_254_characters_is_refused() -> None:
    too_long = email_of_length(255)
    with pytest.raises(ValueError, match=EMAIL_INVALID_MESSAGE):
        validate_email(too_long)


def test_length_limit_applies_after_stripping() -> None:
    padded = "  " + email_of_length(254) + "  "
    assert len(validate_email(padded)) == 254


@pytest.mark.parametrize("suspicious", ["script@example.com", "JavaScript.alert@example.com"])
def test_script_patterns_in_the_local_part_are_refused(suspicious: str) -> None:
    with pytest.raises(ValueError, match=EMAIL_SUSPICIOUS_MESSAGE):
        validate_email(suspicious)


def test_script_in_the_domain_is_allowed() -> None:
    assert validate_email("dev@scripts.example.com") == "dev@scripts.example.com"


@settings(max_examples=150)
@given(st.from_regex(EMAIL_PATTERN, fullmatch=True), st.sampled_from(["", " ", "\t"]))
def test_any_accepted_email_is_stored_lowercase_and_short(raw: str, padding: str) -> None:
    try:
        email = validate_email(padding + raw + padding)
    except ValueError:
        return
    assert email == email.lower() == email.strip()
    assert len(email) <= 254
    assert validate_email(email) == email  # normalising twice changes nothing


# --- password ----------------------------------------------------------------------


def test_strong_password_is_returned_unchanged() -> None:
    assert check_password_strength(" Tr0ub4dor&3 ") == " Tr0ub4dor&3 "


@pytest.mark.parametrize("length", [7, 129])
def test_password_length_outside_8_to_128_is_refused(length: int) -> None:
    password = ("Ab1!" * 40)[:length]
    with pytest.raises(ValueError, match=PASSWORD_LENGTH_MESSAGE):
        check_password_strength(password)


@pytest.mark.parametrize("length", [8, 128])
def test_password_length_limits_are_inclusive(length: int) -> None:
    password = ("Ab1!xY2@" * 16)[:length]
    assert check_password_strength(password) == password


@pytest.mark.parametrize("two_classes", ["abcdefgh12", "ABCDefgh", "abcd!@#$%"])
def test_password_with_two_character_classes_is_refused(two_classes: str) -> None:
    with pytest.raises(ValueError, match=re.escape(PASSWORD_CLASSES_MESSAGE)):
        check_password_strength(two_classes)


@pytest.mark.parametrize(
    "three_classes",
    ["Abcdefg1", "abcdefg1!", "ABCDEFG1!", "Abcdefg!", "Zz9_Zz9_"],
)
def test_password_with_three_character_classes_is_accepted(three_classes: str) -> None:
    assert check_password_strength(three_classes) == three_classes


@pytest.mark.parametrize("pattern", COMMON_PASSWORD_PATTERNS)
def test_password_with_a_common_pattern_is_refused(pattern: str) -> None:
    password = f"Xy9!{pattern.upper()}z"
    with pytest.raises(ValueError, match=re.escape(PASSWORD_COMMON_MESSAGE)):
        check_password_strength(password)


@pytest.mark.parametrize("run", ["aaaa", "1111", "!!!!", "ZZZZZ"])
def test_password_with_four_identical_characters_in_a_row_is_refused(run: str) -> None:
    with pytest.raises(ValueError, match=PASSWORD_REPEAT_MESSAGE):
        check_password_strength(f"Xy9!{run}q")


def test_three_identical_characters_in_a_row_are_allowed() -> None:
    assert check_password_strength("Xy9!aaa-aaa") == "Xy9!aaa-aaa"


@settings(max_examples=200)
@given(st.text(alphabet="aZ9!é ", min_size=0, max_size=20))
def test_any_accepted_password_uses_three_classes(password: str) -> None:
    try:
        check_password_strength(password)
    except ValueError:
        return
    assert 8 <= len(password) <= 128
    assert password_character_classes(password) >= 3
    assert not re.search(r"(.)\1{3}", password)


# --- as pydantic types -------------------------------------------------------------


def test_model_normalises_the_email() -> None:
    model = SignUp(email=" Boss@Example.com", password="Abcdef1!", role="manager")
    assert model.email == "boss@example.com"


def test_model_errors_carry_the_rule_messages() -> None:
    with pytest.raises(ValidationError) as caught:
        SignUp(email="nope", password="short", role="admin")
    errors = {error["loc"][0]: error for error in caught.value.errors()}
    assert errors["email"]["msg"] == EMAIL_INVALID_MESSAGE
    assert errors["email"]["type"] == "invalid_email"
    assert errors["password"]["msg"] == PASSWORD_LENGTH_MESSAGE
    assert errors["password"]["type"] == "weak_password"


def test_unknown_role_is_refused() -> None:
    with pytest.raises(ValidationError):
        SignUp(email="a@b.c", password="Abcdef1!", role="owner")


def test_roles_tuple_matches_the_literal() -> None:
    assert ROLES == ("admin", "manager", "technician", "reception")


def test_json_schema_publishes_the_limits() -> None:
    properties = SignUp.model_json_schema()["properties"]
    assert properties["email"] == {
        "type": "string",
        "format": "email",
        "maxLength": 254,
        "title": "Email",
    }
    assert properties["password"]["minLength"] == 8
    assert properties["password"]["maxLength"] == 128
    assert properties["role"]["enum"] == list(ROLES)


# --- timestamps --------------------------------------------------------------------

WIRE_TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z")


class Stamped(BaseModel):
    at: Timestamp
    maybe: Timestamp | None = None


def test_a_whole_second_keeps_its_six_fractional_digits() -> None:
    stamped = Stamped(at=datetime(2026, 11, 21, 16, 2, 44, tzinfo=UTC))

    assert stamped.model_dump(mode="json")["at"] == "2026-11-21T16:02:44.000000Z"
    assert stamped.model_dump_json() == '{"at":"2026-11-21T16:02:44.000000Z","maybe":null}'


def test_a_timestamp_in_another_zone_is_written_in_utc() -> None:
    two_hours_east = timezone(timedelta(hours=2))
    stamped = Stamped(
        at=datetime(2026, 11, 21, 18, 2, 44, 5, tzinfo=two_hours_east),
        maybe=datetime(2026, 11, 21, 16, 2, 44, 123456, tzinfo=UTC),
    )

    assert stamped.model_dump(mode="json") == {
        "at": "2026-11-21T16:02:44.000005Z",
        "maybe": "2026-11-21T16:02:44.123456Z",
    }


@given(st.datetimes(timezones=st.just(UTC)))
@settings(max_examples=200)
def test_every_timestamp_has_one_width_and_reads_back_as_itself(value: datetime) -> None:
    wire = utc_timestamp(value)

    assert WIRE_TIMESTAMP.fullmatch(wire)
    assert datetime.fromisoformat(wire) == value


def test_a_naive_datetime_is_refused_not_guessed() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        utc_timestamp(datetime(2026, 11, 21, 16, 2, 44))


def test_python_mode_keeps_the_datetime() -> None:
    # The server-side caller gets Python values; only the wire form is a string.
    at = datetime(2026, 11, 21, 16, 2, 44, tzinfo=UTC)

    assert Stamped(at=at).model_dump()["at"] == at
