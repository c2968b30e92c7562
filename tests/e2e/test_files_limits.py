"""``POST /files`` is counted per user like the procedures' limits: past 60 uploads a
minute the answer is 429 with Retry-After, and another user is not affected."""

from __future__ import annotations

from collections.abc import Callable

import httpx

from tests.e2e.conftest import LiveServer, create_admin_account
from tests.e2e.tickets.attachment_helpers import png_bytes, upload

UPLOADS_A_MINUTE = 60


def test_uploads_past_the_limit_are_refused(start_server: Callable[..., LiveServer]) -> None:
    server = start_server()
    busy, other = create_admin_account(server, "busy"), create_admin_account(server, "other")
    with httpx.Client(base_url=server.url, timeout=30) as client:
        for n in range(UPLOADS_A_MINUTE):
            assert upload(client, busy, png_bytes(n)).status_code == 201
        refused = upload(client, busy, png_bytes(1000))
        assert refused.status_code == 429
        assert refused.json()["error"]["code"] == "TOO_MANY_REQUESTS"
        assert int(refused.headers["retry-after"]) >= 1
        assert upload(client, other, png_bytes(1001)).status_code == 201
