"""The storage of tickets' files, on a real folder: paths of the server's making, types
from the bytes, the size limit, and no path that leaves the folder."""

from __future__ import annotations

import hashlib
import io
import os
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from services.file_storage import (
    FileStorage,
    FileTooLarge,
    FileTypeNotAllowed,
    detectable_types,
    is_image,
    type_of,
)
from tests.e2e.tickets.attachment_helpers import pdf_bytes, png_bytes

NOW = datetime(2026, 3, 9, 12, tzinfo=UTC)
LIMIT = 64 * 1024
ALLOWED = ("image/jpeg", "image/png", "image/webp", "application/pdf")
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x00" * 64
WEBP = b"RIFF\x24\x00\x00\x00WEBPVP8 \x18\x00\x00\x00" + b"\x00" * 32


@pytest.fixture
def storage(tmp_path: Path) -> FileStorage:
    return FileStorage(tmp_path / "files", max_bytes=LIMIT, allowed_types=ALLOWED)


def _all_files(root: Path) -> list[Path]:
    return sorted(path for path in root.rglob("*") if path.is_file()) if root.exists() else []


@pytest.mark.parametrize(
    ("content", "file_type", "extension"),
    [
        (png_bytes(1), "image/png", "png"),
        (JPEG, "image/jpeg", "jpg"),
        (WEBP, "image/webp", "webp"),
        (pdf_bytes(), "application/pdf", "pdf"),
    ],
)
def test_an_allowed_file_is_stored_under_a_path_of_the_servers_making(
    storage: FileStorage, content: bytes, file_type: str, extension: str
) -> None:
    stored = storage.store(io.BytesIO(content), NOW)

    assert re.fullmatch(rf"2026/03/[0-9a-f]{{32}}\.{extension}", stored.file_path)
    assert stored.file_type == file_type
    assert stored.file_size == len(content)
    assert stored.sha256 == hashlib.sha256(content).hexdigest()
    assert (storage.root / stored.file_path).read_bytes() == content
    # Only the file itself: the temporary file it was written to was renamed.
    assert _all_files(storage.root) == [storage.root / stored.file_path]


def test_each_upload_gets_a_path_of_its_own(storage: FileStorage) -> None:
    first = storage.store(io.BytesIO(png_bytes(2)), NOW)
    second = storage.store(io.BytesIO(png_bytes(2)), NOW)
    assert first.file_path != second.file_path
    assert first.sha256 == second.sha256


@pytest.mark.parametrize(
    "content",
    [b"plain text pretending to be a png\n", b"", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;"],
)
def test_bytes_of_no_allowed_type_are_refused_and_nothing_is_kept(
    storage: FileStorage, content: bytes
) -> None:
    with pytest.raises(FileTypeNotAllowed, match="allowed: application/pdf, image/jpeg"):
        storage.store(io.BytesIO(content), NOW)
    assert _all_files(storage.root) == []


def test_a_file_at_the_limit_is_stored_and_one_byte_more_refused(storage: FileStorage) -> None:
    at_limit = png_bytes(3) + b"\x00" * (LIMIT - len(png_bytes(3)))
    assert storage.store(io.BytesIO(at_limit), NOW).file_size == LIMIT
    kept = _all_files(storage.root)

    with pytest.raises(FileTooLarge, match=f"limit of {LIMIT} bytes"):
        storage.store(io.BytesIO(at_limit + b"\x00"), NOW)
    # The partial copy went with the refusal.
    assert _all_files(storage.root) == kept


def test_reading_stops_soon_after_the_limit(storage: FileStorage) -> None:
    source = io.BytesIO(png_bytes(4) + b"\x00" * (LIMIT * 10))
    with pytest.raises(FileTooLarge):
        storage.store(source, NOW)
    assert source.tell() <= LIMIT + 64 * 1024


def test_a_stored_file_is_located_and_described_from_its_bytes(storage: FileStorage) -> None:
    content = pdf_bytes("described")
    stored = storage.store(io.BytesIO(content), NOW)
    assert storage.locate(stored.file_path) == (storage.root / stored.file_path).resolve()
    assert storage.describe(stored.file_path) == stored


@pytest.mark.parametrize(
    "file_path",
    [
        "",
        "../secret_key",
        "2026/03/../../secret_key",
        "/etc/passwd",
        "2026/03/0123456789abcdef0123456789abcdef.png\x00",
        "2026/03/0123456789ABCDEF0123456789ABCDEF.png",
        "2026/03/./0123456789abcdef0123456789abcdef.png",
        "2026//03/0123456789abcdef0123456789abcdef.png",
        "2026/03/0123456789abcdef0123456789abcdef.png/",
        "2026/03/0123456789abcdef0123456789abcdef.png",  # well-shaped, never stored
    ],
)
def test_a_path_not_of_the_servers_making_is_not_located(
    storage: FileStorage, file_path: str
) -> None:
    storage.store(io.BytesIO(png_bytes(5)), NOW)
    assert storage.locate(file_path) is None
    assert storage.describe(file_path) is None


def test_a_symlink_out_of_the_folder_is_not_followed(storage: FileStorage, tmp_path: Path) -> None:
    outside = tmp_path / "outside.png"
    outside.write_bytes(png_bytes(6))
    name = "2026/03/0123456789abcdef0123456789abcdef.png"
    (storage.root / "2026" / "03").mkdir(parents=True)
    os.symlink(outside, storage.root / name)
    assert storage.locate(name) is None
    storage.remove(name)
    assert outside.exists(), "removing through a symlink out must not touch its target"


def test_a_symlinked_storage_folder_still_serves_its_own_files(tmp_path: Path) -> None:
    # A deployment may mount the folder elsewhere and link it: the real folder counts.
    real = tmp_path / "volume"
    real.mkdir()
    (tmp_path / "files").symlink_to(real)
    storage = FileStorage(tmp_path / "files", max_bytes=LIMIT, allowed_types=ALLOWED)
    stored = storage.store(io.BytesIO(png_bytes(7)), NOW)
    assert storage.describe(stored.file_path) == stored


def test_removing_deletes_the_file_and_a_missing_one_is_fine(storage: FileStorage) -> None:
    stored = storage.store(io.BytesIO(png_bytes(8)), NOW)
    storage.remove(stored.file_path)
    assert not (storage.root / stored.file_path).exists()
    storage.remove(stored.file_path)
    storage.remove("../secret_key")


def test_types_come_from_the_bytes() -> None:
    assert type_of(png_bytes()) == "image/png"
    assert type_of(b"%PDF-1.7\n") == "application/pdf"
    assert type_of(b"<html><script>alert(1)</script></html>") is None
    assert {"image/png", "image/jpeg", "image/webp", "application/pdf"} <= detectable_types()
    assert is_image("image/webp")
    assert not is_image("application/pdf")
