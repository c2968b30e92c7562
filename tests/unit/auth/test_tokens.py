import base64
import hashlib
import hmac
import json
from datetime import timedelta
from typing import Any

import pytest
from jose import jwt

from services.errors import Unauthenticated
from services.tokens import (
    EXPIRED_ACCESS_TOKEN,
    INVALID_ACCESS_TOKEN,
    TokenService,
    format_refresh_token,
    parse_refresh_token,
)
from tests.conftest import TEST_SECRET_KEY
from tests.fakes import FakeClock


def _b64(data: dict[str, Any]) -> str:
    raw = json.dumps(data, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _valid_claims(clock: FakeClock) -> dict[str, Any]:
    now = int(clock().timestamp())
    return {
        "sub": "user-1",
        "sid": "session-1",
        "role": "admin",
        "iat": now,
        "exp": now + 3600,
        "typ": "access",
    }


def test_issued_token_decodes_to_its_claims(tokens: TokenService, clock: FakeClock) -> None:
    token, expires_at = tokens.issue_access_token("user-1", "session-1", "manager")

    claims = tokens.decode_access_token(token)

    assert (claims.user_id, claims.session_id, claims.role) == (
        "user-1",
        "session-1",
        "manager",
    )
    assert claims.issued_at == clock()
    assert claims.expires_at == expires_at == clock() + timedelta(hours=8)


def test_header_names_hs256(tokens: TokenService) -> None:
    token, _ = tokens.issue_access_token("user-1", "session-1", "admin")
    assert jwt.get_unverified_header(token)["alg"] == "HS256"


def test_token_signed_with_another_key_is_refused(tokens: TokenService, clock: FakeClock) -> None:
    forged = jwt.encode(_valid_claims(clock), "some-other-key", algorithm="HS256")
    with pytest.raises(Unauthenticated, match=INVALID_ACCESS_TOKEN):
        tokens.decode_access_token(forged)


def test_unsigned_alg_none_token_is_refused(tokens: TokenService, clock: FakeClock) -> None:
    header = _b64({"alg": "none", "typ": "JWT"})
    forged = f"{header}.{_b64(_valid_claims(clock))}."
    with pytest.raises(Unauthenticated, match=INVALID_ACCESS_TOKEN):
        tokens.decode_access_token(forged)


def test_hs512_token_with_the_right_key_is_refused(tokens: TokenService, clock: FakeClock) -> None:
    # The algorithm list is pinned: a valid signature under another algorithm fails.
    other_alg = jwt.encode(_valid_claims(clock), TEST_SECRET_KEY, algorithm="HS512")
    with pytest.raises(Unauthenticated, match=INVALID_ACCESS_TOKEN):
        tokens.decode_access_token(other_alg)


def test_expired_token_is_refused(tokens: TokenService, clock: FakeClock) -> None:
    token, _ = tokens.issue_access_token("user-1", "session-1", "admin")
    clock.advance(timedelta(hours=8))
    with pytest.raises(Unauthenticated, match=EXPIRED_ACCESS_TOKEN):
        tokens.decode_access_token(token)


def test_token_just_before_expiry_is_accepted(tokens: TokenService, clock: FakeClock) -> None:
    token, _ = tokens.issue_access_token("user-1", "session-1", "admin")
    clock.advance(timedelta(hours=8) - timedelta(seconds=1))
    assert tokens.decode_access_token(token).user_id == "user-1"


def test_tampered_payload_is_refused(tokens: TokenService, clock: FakeClock) -> None:
    token, _ = tokens.issue_access_token("user-1", "session-1", "technician")
    header, _, signature = token.split(".")
    promoted = {**_valid_claims(clock), "role": "admin"}
    with pytest.raises(Unauthenticated, match=INVALID_ACCESS_TOKEN):
        tokens.decode_access_token(f"{header}.{_b64(promoted)}.{signature}")


@pytest.mark.parametrize(
    "change",
    [
        {"typ": "refresh"},
        {"typ": None},
        {"exp": None},
        {"sid": None},
        {"sub": 42},
    ],
)
def test_token_with_wrong_or_missing_claims_is_refused(
    tokens: TokenService, clock: FakeClock, change: dict[str, Any]
) -> None:
    claims = {**_valid_claims(clock), **change}
    claims = {key: value for key, value in claims.items() if value is not None}
    token = jwt.encode(claims, TEST_SECRET_KEY, algorithm="HS256")
    with pytest.raises(Unauthenticated):
        tokens.decode_access_token(token)


OUT_OF_RANGE_INSTANTS = [
    10**30,  # past datetime's range: fromtimestamp overflows
    2**63,
    253402300800,  # 10000-01-01T00:00:00Z, one second too far
    -1,
    -(10**30),
    1.5,
    1e30,
    True,
    False,
    "1735732800",
    [1735732800],
    float("inf"),  # written as Infinity, which Python's JSON parser reads back
]


@pytest.mark.parametrize("claim", ["exp", "iat", "nbf"])
@pytest.mark.parametrize("value", [*OUT_OF_RANGE_INSTANTS, {"at": 1}, None], ids=repr)
def test_a_signed_token_with_an_out_of_range_instant_is_unauthenticated(
    tokens: TokenService, clock: FakeClock, claim: str, value: object
) -> None:
    # Validly signed with the right key: only the claim is wrong.
    token = jwt.encode({**_valid_claims(clock), claim: value}, TEST_SECRET_KEY, algorithm="HS256")
    with pytest.raises(Unauthenticated, match=INVALID_ACCESS_TOKEN):
        tokens.decode_access_token(token)


def test_an_integer_too_long_for_json_parsing_is_unauthenticated(
    tokens: TokenService, clock: FakeClock
) -> None:
    # Python refuses to parse integers of more than 4300 digits (ValueError).
    payload = json.dumps(_valid_claims(clock)).replace(
        f'"exp": {_valid_claims(clock)["exp"]}', '"exp": ' + "9" * 5000
    )
    header = _b64({"alg": "HS256", "typ": "JWT"})
    body = base64.urlsafe_b64encode(payload.encode()).rstrip(b"=").decode()
    signature = hmac.new(
        TEST_SECRET_KEY.encode(), f"{header}.{body}".encode(), hashlib.sha256
    ).digest()
    token = f"{header}.{body}.{base64.urlsafe_b64encode(signature).rstrip(b'=').decode()}"
    with pytest.raises(Unauthenticated, match=INVALID_ACCESS_TOKEN):
        tokens.decode_access_token(token)


def test_a_token_not_valid_yet_is_refused(tokens: TokenService, clock: FakeClock) -> None:
    claims = {**_valid_claims(clock), "nbf": int(clock().timestamp()) + 60}
    token = jwt.encode(claims, TEST_SECRET_KEY, algorithm="HS256")
    with pytest.raises(Unauthenticated, match=INVALID_ACCESS_TOKEN):
        tokens.decode_access_token(token)
    clock.advance(timedelta(seconds=60))
    assert tokens.decode_access_token(token).user_id == "user-1"


def test_the_last_representable_second_is_a_valid_expiry(
    tokens: TokenService, clock: FakeClock
) -> None:
    token = jwt.encode(
        {**_valid_claims(clock), "exp": 253402300799}, TEST_SECRET_KEY, algorithm="HS256"
    )
    assert tokens.decode_access_token(token).expires_at.year == 9999


@pytest.mark.parametrize("garbage", ["", "not-a-jwt", "a.b.c", "Bearer x"])
def test_garbage_is_refused(tokens: TokenService, garbage: str) -> None:
    with pytest.raises(Unauthenticated, match=INVALID_ACCESS_TOKEN):
        tokens.decode_access_token(garbage)


def test_empty_secret_key_is_refused(clock: FakeClock) -> None:
    with pytest.raises(ValueError, match="must not be empty"):
        TokenService("", timedelta(hours=1), timedelta(days=1), clock)


def test_refresh_secrets_are_long_and_unique(tokens: TokenService) -> None:
    secrets = {tokens.new_refresh_secret() for _ in range(50)}
    assert len(secrets) == 50
    assert all(len(secret) >= 43 and "." not in secret for secret in secrets)


def test_refresh_secret_hash_is_sha256_hex(tokens: TokenService) -> None:
    expected = hashlib.sha256(b"secret").hexdigest()
    assert tokens.hash_refresh_secret("secret") == expected


SESSION_ID = "3f1c0f7e-0000-4000-8000-000000000000"


def test_refresh_token_round_trips(tokens: TokenService) -> None:
    secret = tokens.new_refresh_secret()
    token = format_refresh_token(SESSION_ID, secret)
    assert parse_refresh_token(token) == (SESSION_ID, secret)


@pytest.mark.parametrize(
    "malformed",
    [
        "",
        "no-dot",
        ".secret",
        f"{SESSION_ID}.",
        f"{SESSION_ID}.short",
        f"not-a-session-id.{'a' * 43}",
        f"{SESSION_ID}\x00.{'a' * 43}",
        f"{SESSION_ID}.{'a' * 42}\x00",
        f"{SESSION_ID}.{'a' * 43}.extra",
    ],
)
def test_malformed_refresh_token_is_refused(malformed: str) -> None:
    with pytest.raises(Unauthenticated):
        parse_refresh_token(malformed)
