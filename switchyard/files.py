"""``POST /files`` and ``GET /files/{path}``: the bytes of tickets' attachments.

``POST /files`` takes a multipart form with the file in the field ``file`` and answers
201 ``{file_path, file_size, file_type, sha256}``, which ``tickets.addAttachment`` then
records against a ticket. ``GET /files/{file_path}`` serves the bytes back. Both are for
signed-in staff, identified from ``Authorization: Bearer <token>`` exactly as the RPC
identifies its callers (``middleware.auth.authenticate_request``); anything else is 401.

An upload is read no further than the size limit (plus a little for the form's own
headers and boundaries): a larger body is refused with 413 as soon as it passes that,
whatever its Content-Length said. Its type is read from its bytes (415 when not an
allowed type); the name and type the client declared are never trusted. The storage
(``services.file_storage``) keeps it under a path of its own making.

Every answer is JSON except the file itself; errors are ``{"error": {"code", "message"}}``
with the RPC's code names. Uploads count 60 a minute per user and reads 600 (a ticket's
page shows several thumbnails), in the app's rate-limit store; the setting that turns
limits off turns these off too.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Final

from anyio import to_thread
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Route
from starlette.types import Message

from middleware.access import SIGN_IN_REQUIRED
from middleware.auth import Authentication, authenticate_request
from middleware.context import AppServices
from rpc import RateLimit
from services.caller import Caller
from services.file_storage import FileTooLarge, FileTypeNotAllowed, is_image, type_of

FILES_PATH: Final = "/files"
FILE_FIELD: Final = "file"
UPLOAD_LIMIT: Final = RateLimit(60, "minute")
READ_LIMIT: Final = RateLimit(600, "minute")
UPLOAD_LIMIT_NAME: Final = "files.upload"
READ_LIMIT_NAME: Final = "files.read"
# The form around the file: its part headers, boundaries and at most a few small fields.
FORM_OVERHEAD_BYTES: Final = 64 * 1024
MAX_FORM_FIELDS: Final = 8
HEAD_BYTES: Final = 8192
SERVED_HEADERS: Final = {
    # The type is the one read from the bytes: the browser must not guess another.
    "X-Content-Type-Options": "nosniff",
    # Customers' photos and receipts: kept out of shared caches and off the disk of
    # whichever browser showed them.
    "Cache-Control": "private, no-store",
    # Opened directly, a file can run nothing and load nothing.
    "Content-Security-Policy": "default-src 'none'; sandbox",
}


class _BodyTooLarge(Exception):  # noqa: N818 - a signal, caught right where it is raised
    """The request body went past what an allowed upload can take."""


def files_routes(services: AppServices) -> list[Route]:
    storage = services.files
    body_limit = storage.max_bytes + FORM_OVERHEAD_BYTES

    async def upload(request: Request) -> Response:
        authentication = await _authenticate(services, request)
        caller = authentication.caller
        if caller is None:
            return _unauthorized(authentication.failure)
        refused = await _over_limit(services, UPLOAD_LIMIT, UPLOAD_LIMIT_NAME, caller)
        if refused is not None:
            return refused
        declared = request.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > body_limit:
            return _too_large(storage.max_bytes)
        limited = Request(request.scope, _limited(request.receive, body_limit))
        try:
            form = await limited.form(
                max_files=1, max_fields=MAX_FORM_FIELDS, max_part_size=FORM_OVERHEAD_BYTES
            )
        except _BodyTooLarge:
            return _too_large(storage.max_bytes)
        except HTTPException as error:  # Starlette's answer to a malformed form
            return _error(400, "BAD_REQUEST", str(error.detail))
        try:
            upload = form.get(FILE_FIELD)
            if not isinstance(upload, UploadFile):
                message = f"Send the file as multipart/form-data in the field '{FILE_FIELD}'"
                return _error(400, "BAD_REQUEST", message)
            stored = await to_thread.run_sync(storage.store, upload.file, services.clock())
        except FileTooLarge as error:
            return _too_large(storage.max_bytes, error.message)
        except FileTypeNotAllowed as error:
            return _error(415, "UNSUPPORTED_MEDIA_TYPE", error.message)
        finally:
            await form.close()
        return JSONResponse(
            {
                "file_path": stored.file_path,
                "file_size": stored.file_size,
                "file_type": stored.file_type,
                "sha256": stored.sha256,
            },
            201,
        )

    async def read(request: Request) -> Response:
        authentication = await _authenticate(services, request)
        caller = authentication.caller
        if caller is None:
            return _unauthorized(authentication.failure)
        refused = await _over_limit(services, READ_LIMIT, READ_LIMIT_NAME, caller)
        if refused is not None:
            return refused
        file_path = request.path_params["file_path"]
        path = await to_thread.run_sync(storage.locate, file_path)
        if path is None:
            return _error(404, "NOT_FOUND", "File not found")
        with path.open("rb") as source:
            file_type = type_of(await to_thread.run_sync(source.read, HEAD_BYTES))
        if file_type is None:
            return _error(404, "NOT_FOUND", "File not found")
        # Images are shown in place (thumbnails in a ticket's page). Anything else, a
        # PDF today, is a download: a document opened in the browser runs in this
        # server's origin (a PDF viewer's scripts, or HTML should the allowed list ever
        # grow), and a download keeps it out. The name is the server's, never a
        # client's, so it needs no escaping.
        disposition = "inline" if is_image(file_type) else "attachment"
        headers = {
            **SERVED_HEADERS,
            "Content-Disposition": f'{disposition}; filename="{path.name}"',
        }
        return FileResponse(path, media_type=file_type, headers=headers)

    return [
        Route(FILES_PATH, upload, methods=["POST"]),
        Route(FILES_PATH + "/{file_path:path}", read, methods=["GET"]),
    ]


def _limited(
    receive: Callable[[], Awaitable[Message]], limit: int
) -> Callable[[], Awaitable[Message]]:
    """``receive``, raising _BodyTooLarge once the body passes ``limit`` bytes: the
    parser never reads (nor spools to disk) more than that."""
    seen = 0

    async def limited_receive() -> Message:
        nonlocal seen
        message = await receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > limit:
                raise _BodyTooLarge
        return message

    return limited_receive


async def _authenticate(services: AppServices, request: Request) -> Authentication:
    return await authenticate_request(services, request.headers.get("authorization"))


async def _over_limit(
    services: AppServices, limit: RateLimit, name: str, caller: Caller
) -> Response | None:
    store = services.rate_limits
    if store is None:
        return None
    who = f"user:{caller.user_id}"
    if await store.hit(limit, name, who):
        return None
    retry_after = await store.seconds_until_reset(limit, name, who)
    response = _error(429, "TOO_MANY_REQUESTS", f"Rate limit exceeded: retry in {retry_after} s")
    response.headers["Retry-After"] = str(retry_after)
    return response


def _unauthorized(failure: str | None) -> Response:
    # Why a token that was sent was refused, as the RPC says it.
    response = _error(401, "UNAUTHORIZED", failure or SIGN_IN_REQUIRED)
    response.headers["WWW-Authenticate"] = "Bearer"
    return response


def _too_large(limit: int, message: str | None = None) -> Response:
    text = message or f"The file is larger than the limit of {limit} bytes"
    return _error(413, "PAYLOAD_TOO_LARGE", text)


def _error(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse(
        {"error": {"code": code, "message": message}},
        status,
        headers={"Cache-Control": "no-store"},
    )
