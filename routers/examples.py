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

ACCOUNT_ID = "3d9a6b2e-71c4-4f0a-9e35-8b1d2c4f6a70"
PROXY_ID = "a4f2e8c1-5b3d-4c7e-9f10-2d6b8a0c4e19"
TAB_ID = "c81f4e2a-9d6b-4a3c-8e57-1f0b2d3c4a5e"
SESSION_ID = "e5b7c9d1-2f4a-4b6c-8d0e-1a3c5e7f9b20"

ACCOUNT: dict[str, Any] = {
    "id": ACCOUNT_ID,
    "userId": USER_ID,
    "name": "Work Account",
    "description": "For work-related browsing",
    "isProtected": False,
    "proxyConfigId": PROXY_ID,
    "dataDirectory": f"accounts/{USER_ID}/{ACCOUNT_ID}",
    "createdAt": CREATED_AT,
    "updatedAt": UPDATED_AT,
    "lastAccessedAt": "2026-11-21T08:05:10Z",
}

PROXY_CONFIG: dict[str, Any] = {
    "id": PROXY_ID,
    "userId": USER_ID,
    "name": "Work Proxy",
    "type": "SOCKS5",
    "host": "proxy.example.net",
    "port": 1080,
    "isActive": True,
    "hasCredentials": True,
    "createdAt": CREATED_AT,
    "updatedAt": UPDATED_AT,
    "lastTestedAt": "2026-11-21T08:06:00Z",
    "testResult": {"success": True, "latency": 42, "error": None},
}

TAB: dict[str, Any] = {
    "id": TAB_ID,
    "accountId": ACCOUNT_ID,
    "title": "Example Domain",
    "url": "https://example.com/",
    "isActive": True,
    "isIncognito": False,
    "scrollPositionX": 0,
    "scrollPositionY": 480,
    "zoomLevel": 1.25,
    "createdAt": CREATED_AT,
    "lastAccessedAt": "2026-11-21T08:07:30Z",
    "favicon": None,
    "thumbnail": None,
}
