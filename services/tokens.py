"""Access tokens (JWT, HS256) and refresh tokens (`<session_id>.<secret>`)."""

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from jose import JWTError, jwt

from services.clock import Clock
from services.errors import Unauthenticated

ALGORITHM = "HS256"
ACCESS_TOKEN_TYPE = "access"
INVALID_ACCESS_TOKEN = "Invalid access token"
EXPIRED_ACCESS_TOKEN = "Access token has expired"
INVALID_REFRESH_TOKEN = "Invalid refresh token"
# 9999-12-31T23:59:59Z, the last whole second a datetime can hold.
LAST_REPRESENTABLE_SECOND = int(datetime.max.replace(microsecond=0, tzinfo=UTC).timestamp())
# "<uuid4 session id>.<token_urlsafe secret>"; anything else is refused before any lookup.
REFRESH_TOKEN_SHAPE = re.compile(
    r"(?P<session_id>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})"
    r"\.(?P<secret>[A-Za-z0-9_-]{20,128})"
)


@dataclass(frozen=True)
class AccessClaims:
    user_id: str
    session_id: str
    role: str
    issued_at: datetime
    expires_at: datetime


class TokenService:
    def __init__(
        self,
        secret_key: str,
        access_ttl: timedelta,
        refresh_ttl: timedelta,
        clock: Clock,
    ) -> None:
        if not secret_key:
            raise ValueError("The token secret key must not be empty")
        self._secret_key = secret_key
        self.access_ttl = access_ttl
        self.refresh_ttl = refresh_ttl
        self._clock = clock

    def issue_access_token(self, user_id: str, session_id: str, role: str) -> tuple[str, datetime]:
        # Whole seconds: the JWT claims are integers, and the expiry we report must be
        # the one the token carries.
        issued_at = self._clock().replace(microsecond=0)
        expires_at = issued_at + self.access_ttl
        claims = {
            "sub": user_id,
            "sid": session_id,
            "role": role,
            "iat": int(issued_at.timestamp()),
            "exp": int(expires_at.timestamp()),
            "typ": ACCESS_TOKEN_TYPE,
        }
        return jwt.encode(claims, self._secret_key, algorithm=ALGORITHM), expires_at

    def decode_access_token(self, token: str) -> AccessClaims:
        try:
            claims: dict[str, Any] = jwt.decode(
                token,
                self._secret_key,
                # Pinned: a token may not choose its own algorithm ("none", or
                # another HMAC that the key would also verify).
                algorithms=[ALGORITHM],
                # The time claims are checked in _claims_from against the injected
                # clock, so the whole service agrees on what "now" is (python-jose's
                # require_exp would switch its own wall-clock check back on), and
                # with our own range checks: python-jose's raise TypeError or
                # OverflowError on a signed claim such as `"iat": []` or `1e400`.
                options={"verify_exp": False, "verify_iat": False, "verify_nbf": False},
            )
        except JWTError:
            raise Unauthenticated(INVALID_ACCESS_TOKEN) from None
        return self._claims_from(claims)

    def _claims_from(self, claims: dict[str, Any]) -> AccessClaims:
        user_id, session_id, role = (
            claims.get("sub"),
            claims.get("sid"),
            claims.get("role"),
        )
        issued_at, expires_at = _instant(claims.get("iat")), _instant(claims.get("exp"))
        # We never issue "not before" (absent: the epoch); one a token carries must hold.
        not_before = _instant(claims.get("nbf", 0))
        if (
            claims.get("typ") != ACCESS_TOKEN_TYPE
            or not isinstance(user_id, str)
            or not isinstance(session_id, str)
            or not isinstance(role, str)
            or issued_at is None
            or expires_at is None
            or not_before is None
        ):
            raise Unauthenticated(INVALID_ACCESS_TOKEN)
        now = self._clock()
        if now < not_before:
            raise Unauthenticated(INVALID_ACCESS_TOKEN)
        if now >= expires_at:
            raise Unauthenticated(EXPIRED_ACCESS_TOKEN)
        return AccessClaims(
            user_id=user_id,
            session_id=session_id,
            role=role,
            issued_at=issued_at,
            expires_at=expires_at,
        )

    def new_refresh_secret(self) -> str:
        return secrets.token_urlsafe(32)

    def hash_refresh_secret(self, secret: str) -> str:
        # A plain fast hash is enough: the secret is 256 random bits, so there is
        # nothing to brute-force, unlike a password.
        return hashlib.sha256(secret.encode()).hexdigest()


def _instant(claim: object) -> datetime | None:
    """The time a NumericDate claim names, or None if it is not one we could have issued.

    We issue whole seconds since the epoch, so anything else is refused: a float, a
    bool (Python's bool is an int), a negative number, or a number past the year 9999
    that datetime cannot hold (a validly signed token must never be a server error).
    """
    if type(claim) is not int or not 0 <= claim <= LAST_REPRESENTABLE_SECOND:
        return None
    return datetime.fromtimestamp(claim, UTC)


def format_refresh_token(session_id: str, secret: str) -> str:
    return f"{session_id}.{secret}"


def parse_refresh_token(token: str) -> tuple[str, str]:
    """(session_id, secret) of a refresh token, or Unauthenticated if it is malformed."""
    match = REFRESH_TOKEN_SHAPE.fullmatch(token)
    if match is None:
        raise Unauthenticated(INVALID_REFRESH_TOKEN)
    return match["session_id"], match["secret"]
