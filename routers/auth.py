"""``auth.*``: sign in, who am I, token rotation, sign out."""

from __future__ import annotations

from db.tables.auth import UserRow
from middleware.context import RequestContext
from routers import examples
from routers.base import authed, hashes_passwords, public
from rpc import ErrorCode, Example, RateLimit, Router
from schemas.auth import AuthUser, LoginInput, LogoutResult, RefreshInput, TokenPair
from services import auth as auth_service
from services import profile


def auth_user(user: UserRow) -> AuthUser:
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


def me(ctx: RequestContext, _: object) -> AuthUser | None:
    if ctx.caller is None:
        return None
    return auth_user(profile.get_current_user(ctx.unit_of_work(), ctx.caller))


def refresh(ctx: RequestContext, params: RefreshInput) -> TokenPair:
    services = ctx.services
    result = auth_service.refresh(
        ctx.unit_of_work(), services.tokens, params.refresh_token, services.clock
    )
    return token_pair(result)


def logout(ctx: RequestContext, _: object) -> LogoutResult:
    auth_service.logout(ctx.unit_of_work(), ctx.signed_in(), ctx.services.clock)
    return LogoutResult(success=True)


router: Router[RequestContext] = Router(
    {
        "login": hashes_passwords(public)
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
                    examples.TOKEN_PAIR,
                )
            ],
        )
        .mutation(login),
        "me": public.output(AuthUser | None)
        .meta(
            summary="The signed-in user, or null",
            description="Public: answers null for an anonymous caller or a refused token.",
            rate_limit=RateLimit(1000, "hour"),
            examples=[
                Example("signed-in", {}, examples.AUTH_USER),
                Example("anonymous", {}, None),
            ],
        )
        .query(me),
        "refresh": public.input(RefreshInput)
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
                    {"refreshToken": examples.TOKEN_PAIR["refreshToken"]},
                    examples.TOKEN_PAIR,
                )
            ],
        )
        .mutation(refresh),
        "logout": authed.output(LogoutResult)
        .meta(
            summary="Sign out",
            description="Revokes the session server-side: its tokens stop working at once.",
            examples=[Example("sign-out", {}, {"success": True})],
        )
        .mutation(logout),
    }
)
