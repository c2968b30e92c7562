"""``admin.*``: first-time setup and user management (admins only, but for setup)."""

from __future__ import annotations

from middleware.context import RequestContext, SignedInContext
from routers.base import admin_only, hashes_passwords, public
from routers.profile import PROFILE_EXAMPLE, profile_of
from routers.samples import USER_ID
from rpc import ErrorCode, Example, RateLimit, Router
from schemas.admin import (
    CreateUserInput,
    DeactivateUserInput,
    SetupInput,
    SetupResult,
    SetUserRoleInput,
)
from schemas.profile import Profile
from services import admin as admin_service
from services import auth as auth_service

_SETUP_MESSAGES = {
    "created": "Admin account created",
    "password_reset": "Admin password reset to the configured one",
}


@(
    hashes_passwords(public)
    .input(SetupInput)
    .output(SetupResult)
    .meta(
        summary="First-time setup: create the admin, or reset its password",
        description=(
            "Public, guarded by the setup password (SWITCHYARD_SETUP_PASSWORD). The "
            "admin's email, password and name come from SWITCHYARD_ADMIN_EMAIL, "
            "SWITCHYARD_ADMIN_PASSWORD and SWITCHYARD_ADMIN_NAME. Called again, it "
            "resets the admin's password and signs the admin out everywhere."
        ),
        rate_limit=RateLimit(10, "hour"),
        errors=[ErrorCode.UNAUTHORIZED, ErrorCode.PRECONDITION_FAILED],
        examples=[
            Example(
                "first-run",
                {"password": "the-setup-password"},
                {"message": "Admin account created", "action": "created"},
            )
        ],
    )
    .mutation
)
def setup(ctx: RequestContext, params: SetupInput) -> SetupResult:
    config = ctx.services.admin_setup
    action = auth_service.setup_admin(
        ctx.unit_of_work(),
        ctx.services.hasher,
        given_password=params.password,
        setup_password=config.setup_password,
        admin_email=config.admin_email,
        admin_password=config.admin_password,
        admin_name=config.admin_name,
        clock=ctx.services.clock,
    )
    return SetupResult(message=_SETUP_MESSAGES[action], action=action)


@(
    hashes_passwords(admin_only)
    .input(CreateUserInput)
    .output(Profile)
    .meta(
        summary="Create a user with a role",
        errors=[ErrorCode.CONFLICT],
        examples=[
            Example(
                "technician",
                {
                    "email": "mai.tran@example.com",
                    "password": "Harbour-Lights-42",
                    "full_name": "Mai Tran",
                    "role": "technician",
                },
                PROFILE_EXAMPLE,
            )
        ],
    )
    .mutation
)
def create_user(ctx: SignedInContext, params: CreateUserInput) -> Profile:
    user = admin_service.create_user(
        ctx.unit_of_work(),
        ctx.services.hasher,
        ctx.caller,
        email=params.email,
        password=params.password,
        full_name=params.full_name,
        role=params.role,
    )
    return profile_of(user)


@(
    admin_only.input(SetUserRoleInput)
    .output(Profile)
    .meta(
        summary="Change a user's role",
        description="Takes effect at once, also for the user's open sessions. "
        "Admins cannot change their own role (PRECONDITION_FAILED).",
        errors=[ErrorCode.NOT_FOUND, ErrorCode.PRECONDITION_FAILED],
        examples=[
            Example(
                "promote",
                {"user_id": USER_ID, "role": "manager"},
                {**PROFILE_EXAMPLE, "role": "manager"},
            )
        ],
    )
    .mutation
)
def set_user_role(ctx: SignedInContext, params: SetUserRoleInput) -> Profile:
    user = admin_service.set_user_role(ctx.unit_of_work(), ctx.caller, params.user_id, params.role)
    return profile_of(user)


@(
    admin_only.input(DeactivateUserInput)
    .output(Profile)
    .meta(
        summary="Deactivate a user",
        description="The user can no longer sign in and their sessions stop working "
        "at once. Admins cannot deactivate themselves (PRECONDITION_FAILED).",
        errors=[ErrorCode.NOT_FOUND, ErrorCode.PRECONDITION_FAILED],
        examples=[
            Example(
                "deactivate",
                {"user_id": USER_ID},
                {**PROFILE_EXAMPLE, "is_active": False},
            )
        ],
    )
    .mutation
)
def deactivate_user(ctx: SignedInContext, params: DeactivateUserInput) -> Profile:
    user = admin_service.deactivate_user(ctx.unit_of_work(), ctx.caller, params.user_id)
    return profile_of(user)


router: Router[RequestContext] = Router(
    {
        "setup": setup,
        "createUser": create_user,
        "setUserRole": set_user_role,
        "deactivateUser": deactivate_user,
    }
)
