"""``profile.*``: the signed-in user's own profile, and the user list for assignment."""

from __future__ import annotations

from typing import Any

from db.tables.auth import UserRow
from middleware.context import RequestContext, SignedInContext
from routers.base import authed
from routers.samples import CREATED_AT, UPDATED_AT, USER_ID
from rpc import ErrorCode, Example, Router
from schemas.profile import Profile, UpdateProfileInput, UserSummary
from services import profile as profile_service

# Also the answer of admin.* examples: they answer with a profile too.
PROFILE_EXAMPLE: dict[str, Any] = {
    "id": USER_ID,
    "user_id": USER_ID,
    "full_name": "Mai Tran",
    "email": "mai.tran@example.com",
    "avatar_url": None,
    "role": "technician",
    "is_active": True,
    "created_at": CREATED_AT,
    "updated_at": UPDATED_AT,
}


def profile_of(user: UserRow) -> Profile:
    return Profile(
        id=user.id,
        user_id=user.id,
        full_name=user.full_name,
        email=user.email,
        avatar_url=user.avatar_url,
        role=user.role,
        is_active=user.is_active,
        created_at=user.created_at,
        updated_at=user.updated_at,
    )


@(
    authed.output(Profile)
    .meta(
        summary="The signed-in user's profile",
        errors=[ErrorCode.NOT_FOUND],
        examples=[Example("own-profile", {}, PROFILE_EXAMPLE)],
    )
    .query
)
def get_current_user(ctx: SignedInContext, _: object) -> Profile:
    return profile_of(profile_service.get_current_user(ctx.unit_of_work(), ctx.caller))


@(
    authed.input(UpdateProfileInput)
    .output(Profile)
    .meta(
        summary="Update the signed-in user's name, email and avatar",
        description="The email must not belong to another user (CONFLICT).",
        errors=[ErrorCode.NOT_FOUND, ErrorCode.CONFLICT],
        examples=[
            Example(
                "rename",
                {
                    "full_name": "Mai Tran",
                    "email": "mai.tran@example.com",
                    "avatar_url": None,
                },
                PROFILE_EXAMPLE,
            )
        ],
    )
    .mutation
)
def update_profile(ctx: SignedInContext, params: UpdateProfileInput) -> Profile:
    user = profile_service.update_profile(
        ctx.unit_of_work(),
        ctx.caller,
        full_name=params.full_name,
        email=params.email,
        avatar_url=str(params.avatar_url) if params.avatar_url else None,
    )
    return profile_of(user)


@(
    authed.output(list[UserSummary])
    .meta(
        summary="All active users (for assignment lists)",
        examples=[
            Example(
                "users",
                {},
                [
                    {
                        "user_id": USER_ID,
                        "full_name": "Mai Tran",
                        "role": "technician",
                        "is_active": True,
                    }
                ],
            )
        ],
    )
    .query
)
def get_all_users(ctx: SignedInContext, _: object) -> list[UserSummary]:
    users = profile_service.list_active_users(ctx.unit_of_work())
    return [
        UserSummary(user_id=u.id, full_name=u.full_name, role=u.role, is_active=u.is_active)
        for u in users
    ]


router: Router[RequestContext] = Router(
    {
        "getCurrentUser": get_current_user,
        "updateProfile": update_profile,
        "getAllUsers": get_all_users,
    }
)
