"""Correlation ids: taken from ``X-Correlation-ID`` or made, and echoed back.

Pure ASGI rather than Starlette's BaseHTTPMiddleware: it runs on every request, and
wrapping the response stream costs more than setting a header.
"""

from __future__ import annotations

import random
import re

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from rpc.correlation import reset_correlation_id, set_correlation_id

HEADER = "x-correlation-id"
_HEADER_BYTES = HEADER.encode()
# A client's id is kept only if it is short and plain, so it is safe in logs and headers.
_ACCEPTABLE = re.compile(r"^[A-Za-z0-9._:\-]{1,128}$")


def correlation_id_from(headers: list[tuple[bytes, bytes]]) -> str:
    for name, value in headers:
        if name == _HEADER_BYTES:
            candidate = value.decode("latin-1")
            if _ACCEPTABLE.match(candidate):
                return candidate
            break
    # 128 random bits as 32 hex digits, like uuid4().hex without a system call per
    # request: a correlation id must be unique, not secret.
    return f"{random.getrandbits(128):032x}"


class CorrelationIdMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        correlation_id = correlation_id_from(scope["headers"])
        scope.setdefault("state", {})["correlation_id"] = correlation_id
        header = (HEADER.encode(), correlation_id.encode())

        async def send_with_header(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), header]
            await send(message)

        token = set_correlation_id(correlation_id)
        try:
            await self.app(scope, receive, send_with_header)
        finally:
            reset_correlation_id(token)
