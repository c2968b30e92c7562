"""Real files for the attachment tests (the storage's unit tests use them too): small but
genuine PNG and PDF bytes, and their upload through ``POST /files`` over HTTP."""

from __future__ import annotations

import hashlib
import struct
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the unit tests use the files alone, without the live server's imports
    import httpx

    from tests.e2e.conftest import Account, LiveServer


def png_bytes(seed: int = 0) -> bytes:
    """A 1x1 PNG (its one pixel's colour from ``seed``, so files differ)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    pixel = bytes([0, seed % 256, (seed // 256) % 256, 200])
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(pixel))
        + chunk(b"IEND", b"")
    )


def pdf_bytes(text: str = "Receipt") -> bytes:
    """A one-page PDF (no fonts: the signature and structure are what count here)."""
    return (
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
        b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
        b"3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj\n"
        + f"% {text}\n".encode()
        + b"trailer << /Root 1 0 R >>\n%%EOF\n"
    )


def sha256_of(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def upload(
    client: httpx.Client,
    user: Account | None,
    content: bytes,
    *,
    name: str = "photo.png",
    content_type: str = "image/png",
    field: str = "file",
) -> httpx.Response:
    headers = {} if user is None else {"Authorization": f"Bearer {user.token}"}
    return client.post("/files", files={field: (name, content, content_type)}, headers=headers)


def stored(client: httpx.Client, user: Account, content: bytes, **kwargs: Any) -> dict[str, Any]:
    """Upload ``content`` (201 asserted) and answer the stored file's description."""
    response = upload(client, user, content, **kwargs)
    assert response.status_code == 201, response.text
    answer: dict[str, Any] = response.json()
    return answer


def files_root(server: LiveServer) -> Path:
    """The storage folder of the running server (under its test data dir)."""
    return server.services.files.root


def files_on_disk(server: LiveServer) -> list[Path]:
    """Every file in the storage folder, temporary ones included."""
    root = files_root(server)
    return sorted(path for path in root.rglob("*") if path.is_file()) if root.exists() else []
