"""Sample values shared by the procedures' published examples.

Examples are part of the contract: the contract tests validate every one of them
against the method's schemas, so they cannot drift from the models.
"""

from __future__ import annotations

from typing import Any

USER_ID = "6f1c2a0e-8a57-4d1e-9b43-2f5a7c9d1e30"
OTHER_USER_ID = "0b7e4c1d-3f2a-4e5b-8c6d-9a0b1c2d3e4f"
CREATED_AT = "2026-11-02T09:15:00Z"
UPDATED_AT = "2026-11-20T16:40:12Z"

PROFILE: dict[str, Any] = {
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

AUTH_USER: dict[str, Any] = {
    "id": USER_ID,
    "email": "mai.tran@example.com",
    "name": "Mai Tran",
    "role": "technician",
    "isActive": True,
    "createdAt": CREATED_AT,
    "updatedAt": UPDATED_AT,
    "lastSignedIn": "2026-11-21T08:02:44Z",
}

TOKEN_PAIR: dict[str, Any] = {
    "accessToken": "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI2ZjFjIn0.c2lnbmF0dXJl",
    "refreshToken": "9a8b7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d.Zm9vYmFyYmF6cXV4",
    "tokenType": "Bearer",
    "expiresAt": "2026-11-21T16:02:44Z",
    "refreshExpiresAt": "2026-12-21T08:02:44Z",
    "user": AUTH_USER,
}
