"""``auth.*``: sign in, who am I, token rotation, sign out."""

from __future__ import annotations

from typing import Any

from middleware.context import RequestContext, SignedInContext
from routers.base import authed, hashes_passwords, public
from routers.samples import CREATED_AT, UPDATED_AT, USER_ID
from rpc import ErrorCode, Example, RateLimit, Router
from schemas.auth import AuthUser, LoginInput, LogoutResult, RefreshInput, TokenPair
from services import auth as auth_service
from services import profile as profile_service
from services.caller import CallerUser

AUTH_USER_EXAMPLE: dict[str, Any] = {
    "id": USER_ID,
    "email": "mai.tran@example.com",
    "name": "Mai Tran",
    "role": "technician",
    "isActive": True,
    "createdAt": CREATED_AT,
    "updatedAt": UPDATED_AT,
    "lastSignedIn": "2026-11-21T08:02:44Z",
}

TOKEN_PAIR_EXAMPLE: dict[str, Any] = {
    "accessToken": "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI2ZjFjIn0.c2lnbmF0dXJl",
    "refreshToken": "9a8b7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d.Zm9vYmFyYmF6cXV4",
    "tokenType": "Bearer",
    "expiresAt": "2026-11-21T16:02:44Z",
    "refreshExpiresAt": "2026-12-21T08:02:44Z",
    "user": AUTH_USER_EXAMPLE,
}


def auth_user(user: CallerUser) -> AuthUser:
    return AuthUser(
        id=user.id,
        email=user.email,
        name=user.full_name,
        role=user.role,
        is_active=user.is_active,
        created_at=user.created_at,
        updated_at=user.updated_at,
        last_signed_in=user.last_signed_in_at,
    )


def token_pair(result: auth_service.LoginResult) -> TokenPair:
    return TokenPair(
        access_token=result.access_token,
        refresh_token=result.refresh_token,
        expires_at=result.access_expires_at,
        refresh_expires_at=result.refresh_expires_at,
        user=auth_user(result.user),
    )


@(
    hashes_passwords(public)
    .input(LoginInput)
    .output(TokenPair)
    .meta(
        summary="Sign in with email and password",
        description=(
            "Returns an access token (send it as 'Authorization: Bearer <token>') and a "
            "refresh token. An unknown email and a wrong password get the same answer."
        ),
        rate_limit=RateLimit(30, "minute"),
        errors=[ErrorCode.UNAUTHORIZED],
        examples=[
            Example(
                "sign-in",
                {"email": "mai.tran@example.com", "password": "Harbour-Lights-42"},
                TOKEN_PAIR_EXAMPLE,
            )
        ],
    )
    .mutation
)
def login(ctx: RequestContext, params: LoginInput) -> TokenPair:
    services = ctx.services
    result = auth_service.login(
        ctx.unit_of_work(),
        services.hasher,
        services.tokens,
        params.email,
        params.password,
        services.clock,
        user_agent=ctx.user_agent,
    )
    return token_pair(result)


@(
    public.output(AuthUser | None)
    .meta(
        summary="The signed-in user, or null",
        description="Public: answers null for an anonymous caller or a refused token.",
        rate_limit=RateLimit(1000, "hour"),
        examples=[
            Example("signed-in", {}, AUTH_USER_EXAMPLE),
            Example("anonymous", {}, None),
        ],
    )
    .query
)
def me(ctx: RequestContext, _: object) -> AuthUser | None:
    caller = ctx.caller
    if caller is None:
        return None
    if caller.user is not None and not ctx.state.wrote:
        # Read when the request began, and nothing in the request has written since:
        # reading the row again would give the same answer.
        return auth_user(caller.user)
    return auth_user(profile_service.get_current_user(ctx.unit_of_work(), caller))


@(
    public.input(RefreshInput)
    .output(TokenPair)
    .meta(
        summary="Rotate the tokens",
        description=(
            "Exchanges a refresh token for a new access token and a new refresh token; "
            "the old refresh token stops working. Presenting an already-used refresh "
            "token revokes the whole session (it was probably stolen)."
        ),
        rate_limit=RateLimit(60, "minute"),
        errors=[ErrorCode.UNAUTHORIZED],
        examples=[
            Example(
                "rotate",
                {"refreshToken": TOKEN_PAIR_EXAMPLE["refreshToken"]},
                TOKEN_PAIR_EXAMPLE,
            )
        ],
    )
    .mutation
)
def refresh(ctx: RequestContext, params: RefreshInput) -> TokenPair:
    services = ctx.services
    result = auth_service.refresh(
        ctx.unit_of_work(), services.tokens, params.refresh_token, services.clock
    )
    return token_pair(result)


@(
    authed.output(LogoutResult)
    .meta(
        summary="Sign out",
        description="Revokes the session server-side: its tokens stop working at once.",
        examples=[Example("sign-out", {}, {"success": True})],
    )
    .mutation
)
def logout(ctx: SignedInContext, _: object) -> LogoutResult:
    auth_service.logout(ctx.unit_of_work(), ctx.caller, ctx.services.clock)
    return LogoutResult(success=True)


router: Router[RequestContext] = Router(
    {"login": login, "me": me, "refresh": refresh, "logout": logout}
)
