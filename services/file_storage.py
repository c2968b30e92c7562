"""Where the bytes of tickets' files live: one folder, paths the server makes, types read
from the bytes.

``POST /files`` (switchyard/files.py) stores an upload here and answers its path;
``tickets.addAttachment`` records a stored path against a ticket, ``GET /files/{path}``
serves it, ``tickets.deleteAttachment`` removes it. Every path a caller sends is checked
twice before it touches the disk: it must have the shape the server gives its paths
(``YYYY/MM/<32 hex>.<ext>``, so no ``..``, no absolute path, no NUL, no client-chosen
name ever reaches the file system), and, resolved with its symlinks, it must still lie
inside the folder.

A file's type is what its first bytes say (their signatures, through ``filetype``),
never what the client declared: a text file named ``.png`` is text.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import re
import tempfile
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import BinaryIO, Final

import filetype

log = logging.getLogger(__name__)

# What the signature readers look at: filetype reads at most this many leading bytes.
HEAD_BYTES: Final = 8192
CHUNK_BYTES: Final = 64 * 1024
# The shape of every path the server makes: year/month/<uuid hex>.<extension>.
_STORED_PATH: Final = re.compile(r"(?P<year>\d{4})/(?P<month>\d{2})/[0-9a-f]{32}\.[a-z0-9]{1,10}")


class FileTooLarge(Exception):  # noqa: N818 - the vocabulary of services/errors.py
    """The upload is larger than the storage accepts."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"The file is larger than the limit of {limit} bytes")
        self.message = str(self)


class FileTypeNotAllowed(Exception):  # noqa: N818
    """The bytes are of no allowed type (or of no type their signatures reveal)."""

    def __init__(self, found: str | None, allowed: Iterable[str]) -> None:
        seen = f"of type {found}" if found else "of no recognised type"
        super().__init__(f"The file is {seen}; allowed: {', '.join(sorted(allowed))}")
        self.message = str(self)


@dataclass(frozen=True, slots=True)
class StoredFile:
    """A stored file as its bytes describe it: what answers and records carry."""

    file_path: str
    file_size: int
    file_type: str
    sha256: str


def type_of(head: bytes) -> str | None:
    """The MIME type the leading bytes' signature shows, or None when none matches."""
    kind = filetype.guess(head)
    return None if kind is None else str(kind.mime)


def detectable_types() -> frozenset[str]:
    """Every type the signatures can tell: an allowed type outside these never matches."""
    return frozenset(str(kind.mime) for kind in filetype.types)


def is_image(file_type: str) -> bool:
    return file_type.startswith("image/")


class FileStorage:
    """The storage folder, its upload limit and its allowed types."""

    def __init__(self, root: Path, *, max_bytes: int, allowed_types: Iterable[str]) -> None:
        self.root = root
        self.max_bytes = max_bytes
        self.allowed_types = frozenset(allowed_types)

    def store(self, source: BinaryIO, now: datetime) -> StoredFile:
        """Copy ``source`` into the folder under a new path; FileTooLarge or
        FileTypeNotAllowed (nothing kept) when it may not be stored.

        Written to a temporary file in the final folder, flushed to disk, then renamed:
        a reader never sees half a file, and a crash leaves only a temporary name.
        """
        head = source.read(HEAD_BYTES)
        found = type_of(head)
        if found is None or found not in self.allowed_types:
            raise FileTypeNotAllowed(found, self.allowed_types)
        extension = filetype.get_type(mime=found).extension
        relative = f"{now:%Y}/{now:%m}/{uuid.uuid4().hex}.{extension}"
        target = self.root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        size = 0
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".upload-")
        try:
            with os.fdopen(handle, "wb") as out:
                chunk = head
                while chunk:
                    size += len(chunk)
                    if size > self.max_bytes:
                        raise FileTooLarge(self.max_bytes)
                    digest.update(chunk)
                    out.write(chunk)
                    chunk = source.read(CHUNK_BYTES)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temporary, target)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)
            raise
        return StoredFile(relative, size, found, digest.hexdigest())

    def locate(self, file_path: str) -> Path | None:
        """The stored file at ``file_path`` (as ``store`` answered it), or None when the
        path is not of the server's making, leaves the folder, or names no file."""
        if _STORED_PATH.fullmatch(file_path) is None:
            return None
        root = self.root.resolve()
        try:
            # strict: the file must exist; symlinks are followed, then checked below.
            path = (root / file_path).resolve(strict=True)
        except (OSError, RuntimeError):
            return None
        if not path.is_relative_to(root) or not path.is_file():
            return None
        return path

    def describe(self, file_path: str) -> StoredFile | None:
        """What the stored file's bytes are: size, type and SHA-256 (None as ``locate``)."""
        path = self.locate(file_path)
        if path is None:
            return None
        digest = hashlib.sha256()
        size = 0
        with path.open("rb") as source:
            head = source.read(HEAD_BYTES)
            chunk = head
            while chunk:
                size += len(chunk)
                digest.update(chunk)
                chunk = source.read(CHUNK_BYTES)
        found = type_of(head)
        if found is None:
            return None  # not a file this storage would have kept
        return StoredFile(file_path, size, found, digest.hexdigest())

    def remove(self, file_path: str) -> None:
        """Delete the stored file; one that is already gone is fine.

        Called after the record's deletion is committed: a failure here leaves an
        unreferenced file (logged), never a record without its bytes.
        """
        path = self.locate(file_path)
        if path is None:
            return
        try:
            path.unlink(missing_ok=True)
        except OSError:
            log.exception("Could not remove the stored file %s", file_path)
