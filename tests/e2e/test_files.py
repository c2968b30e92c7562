"""``POST /files`` and ``GET /files/{path}`` over real HTTP, with real files on the test
server's disk: what is stored is what is served, byte for byte; the type is read from
the bytes; size, sign-in and paths are enforced."""

from __future__ import annotations

import os
from collections.abc import Iterator

import httpx
import pytest

from tests.e2e.conftest import Account, LiveServer, MakeUser
from tests.e2e.tickets.attachment_helpers import (
    files_on_disk,
    files_root,
    pdf_bytes,
    png_bytes,
    sha256_of,
    stored,
    upload,
)

FILE_KEYS = {"file_path", "file_size", "file_type", "sha256"}
# A stored path's shape: YYYY/MM/<32 hex>.<ext>
OUTSIDE_NAME = "0123456789abcdef0123456789abcdef.png"


def _get(client: httpx.Client, user: Account | None, path: str) -> httpx.Response:
    headers = {} if user is None else {"Authorization": f"Bearer {user.token}"}
    return client.get(f"/files/{path}", headers=headers)


def test_a_png_is_stored_and_served_back_byte_for_byte(
    server: LiveServer, client: httpx.Client, admin_account: Account
) -> None:
    content = png_bytes(7)
    answer = stored(client, admin_account, content, name="../../etc/passwd.png")
    assert set(answer) == FILE_KEYS
    assert answer["file_size"] == len(content)
    assert answer["file_type"] == "image/png"
    assert answer["sha256"] == sha256_of(content)
    # The server's own path: never the client's name.
    assert "passwd" not in answer["file_path"]
    assert answer["file_path"].endswith(".png")
    on_disk = files_root(server) / answer["file_path"]
    assert on_disk.read_bytes() == content

    served = _get(client, admin_account, answer["file_path"])
    assert served.status_code == 200
    assert served.content == content
    assert sha256_of(served.content) == answer["sha256"]
    assert served.headers["content-type"] == "image/png"
    assert served.headers["x-content-type-options"] == "nosniff"
    assert served.headers["content-disposition"].startswith("inline")


def test_a_pdf_is_stored_and_served_as_a_download(
    client: httpx.Client, make_user: MakeUser
) -> None:
    technician = make_user("technician")
    content = pdf_bytes("invoice 42")
    answer = stored(client, technician, content, name="invoice.pdf", content_type="text/html")
    # The declared type is not trusted: the bytes say PDF.
    assert answer["file_type"] == "application/pdf"
    assert answer["file_path"].endswith(".pdf")
    assert answer["sha256"] == sha256_of(content)

    served = _get(client, technician, answer["file_path"])
    assert served.status_code == 200
    assert served.content == content
    assert served.headers["content-type"] == "application/pdf"
    assert served.headers["x-content-type-options"] == "nosniff"
    assert served.headers["content-disposition"].startswith("attachment")


def test_text_named_png_is_refused_as_unsupported_and_nothing_is_kept(
    server: LiveServer, client: httpx.Client, admin_account: Account
) -> None:
    before = files_on_disk(server)
    response = upload(client, admin_account, b"just some text, not an image\n" * 10)
    assert response.status_code == 415
    assert response.json()["error"]["code"] == "UNSUPPORTED_MEDIA_TYPE"
    assert files_on_disk(server) == before


def test_a_file_of_a_known_but_not_allowed_type_is_refused(
    client: httpx.Client, admin_account: Account
) -> None:
    # A 1x1 GIF: a type the signatures know, not one the settings allow.
    gif = (
        b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff"
        b"!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
    )
    response = upload(client, admin_account, gif, name="a.png")
    assert response.status_code == 415
    assert "image/gif" in response.json()["error"]["message"]


def test_a_file_over_the_limit_is_refused(
    server: LiveServer, client: httpx.Client, admin_account: Account
) -> None:
    before = files_on_disk(server)
    limit = server.services.files.max_bytes
    too_big = png_bytes(1) + b"\x00" * (limit + 1)
    response = upload(client, admin_account, too_big)
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "PAYLOAD_TOO_LARGE"
    assert files_on_disk(server) == before


def test_a_file_just_over_the_limit_is_refused_and_one_at_it_stored(
    server: LiveServer, client: httpx.Client, admin_account: Account
) -> None:
    # Within the form's allowance for its own headers: the file's size itself counts.
    limit = server.services.files.max_bytes
    at_limit = png_bytes(2) + b"\x00" * (limit - len(png_bytes(2)))
    assert stored(client, admin_account, at_limit)["file_size"] == limit
    response = upload(client, admin_account, at_limit + b"\x00")
    assert response.status_code == 413


def test_a_body_without_a_length_is_cut_off_past_the_limit(
    server: LiveServer, client: httpx.Client, admin_account: Account
) -> None:
    limit = server.services.files.max_bytes
    boundary = "sw-boundary"
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
        'filename="big.png"\r\nContent-Type: image/png\r\n\r\n'
    ).encode()

    def body() -> Iterator[bytes]:
        # Chunked (no Content-Length): the server must count as it reads.
        yield head + png_bytes(3)
        for _ in range(limit // 65536 + 4):
            yield b"\x00" * 65536
        yield f"\r\n--{boundary}--\r\n".encode()

    response = client.post(
        "/files",
        content=body(),
        headers={
            "Authorization": f"Bearer {admin_account.token}",
            "Content-Type": f"multipart/form-data; boundary={boundary}",
        },
    )
    assert response.status_code == 413


def test_signing_in_is_required(client: httpx.Client, admin_account: Account) -> None:
    anonymous = upload(client, None, png_bytes())
    assert anonymous.status_code == 401
    assert anonymous.json()["error"]["code"] == "UNAUTHORIZED"
    assert anonymous.headers["www-authenticate"] == "Bearer"
    forged = client.post(
        "/files",
        files={"file": ("a.png", png_bytes(), "image/png")},
        headers={"Authorization": "Bearer not-a-token"},
    )
    assert forged.status_code == 401

    path = stored(client, admin_account, png_bytes(4))["file_path"]
    assert _get(client, None, path).status_code == 401
    assert client.get(f"/files/{path}", headers={"Authorization": "Basic eDp5"}).status_code == 401


def test_the_file_must_come_in_the_file_field(client: httpx.Client, admin_account: Account) -> None:
    response = upload(client, admin_account, png_bytes(), field="photo")
    assert response.status_code == 400
    assert "'file'" in response.json()["error"]["message"]
    as_json = client.post(
        "/files", json={"file": "x"}, headers={"Authorization": f"Bearer {admin_account.token}"}
    )
    assert as_json.status_code == 400


@pytest.mark.parametrize(
    "path",
    [
        "..%2Fsecret_key",
        "%2E%2E/%2E%2E/secret_key",
        "%2Fetc%2Fpasswd",
        "2026/01/..%2F..%2F..%2Fsecret_key",
        "2026/01/0123456789abcdef0123456789abcdef.png%00.pdf",
        "2026/01/0123456789abcdef0123456789abcdef.png",  # well-shaped, never stored
        "secret_key",
    ],
)
def test_paths_outside_the_stored_files_are_not_found(
    client: httpx.Client, admin_account: Account, path: str
) -> None:
    response = _get(client, admin_account, path)
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "NOT_FOUND"


def test_a_symlink_out_of_the_storage_folder_is_not_followed(
    server: LiveServer, client: httpx.Client, admin_account: Account
) -> None:
    root = files_root(server)
    outside = root.parent / "outside.png"
    outside.write_bytes(png_bytes(9))
    link = root / "2026" / "01" / OUTSIDE_NAME
    link.parent.mkdir(parents=True, exist_ok=True)
    os.symlink(outside, link)
    try:
        assert _get(client, admin_account, f"2026/01/{OUTSIDE_NAME}").status_code == 404
    finally:
        link.unlink()
