"""Sealing secrets at rest (proxy passwords, v2ray configurations) with AES-256-GCM.

The key is derived with HKDF-SHA256 from key material in the settings, so the signing
key and the sealing key are never the same bytes. Each sealed value names what it is
(table, column, row id) as associated data: a sealed password copied into another
row, or another column, no longer opens.
"""

import base64
import binascii
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.hashes import SHA256
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

FORMAT_PREFIX = "v1."
NONCE_BYTES = 12  # the size AES-GCM is designed for; random per value
_HKDF_INFO = b"switchyard sealed secrets v1"


class SealedSecretError(ValueError):
    """A sealed value could not be opened: wrong key, tampered, or not ours."""


class SecretSealer:
    def __init__(self, key_material: str) -> None:
        if len(key_material) < 32:
            raise ValueError("The sealing key material must be at least 32 characters")
        key = HKDF(algorithm=SHA256(), length=32, salt=None, info=_HKDF_INFO).derive(
            key_material.encode()
        )
        self._aead = AESGCM(key)

    def seal(self, plain: str, *, context: str) -> str:
        nonce = os.urandom(NONCE_BYTES)
        sealed = self._aead.encrypt(nonce, plain.encode(), context.encode())
        return FORMAT_PREFIX + base64.urlsafe_b64encode(nonce + sealed).decode("ascii")

    def open(self, sealed: str, *, context: str) -> str:
        if not sealed.startswith(FORMAT_PREFIX):
            raise SealedSecretError("Not a sealed value of a known format")
        try:
            raw = base64.urlsafe_b64decode(sealed.removeprefix(FORMAT_PREFIX))
            nonce, body = raw[:NONCE_BYTES], raw[NONCE_BYTES:]
            return self._aead.decrypt(nonce, body, context.encode()).decode()
        except (InvalidTag, binascii.Error, ValueError):
            raise SealedSecretError(
                "The sealed value does not open with this key (was the key changed?)"
            ) from None


def seal_context(table: str, column: str, row_id: str) -> str:
    return f"{table}.{column}:{row_id}"
