"""Tokens of the unsubscribe links in emails to customers.

``customers.getByEmail`` and ``customers.updateEmailPreferences`` are public (the
unsubscribe page has no signed-in user), so an email alone must not open a customer's
preferences: each call also carries the token of the link the customer was sent. A
token is the HMAC-SHA256 of the customer's id and email, under a key derived with HKDF
from the server's secret (so it is never the signing key's bytes), in urlsafe base64
without padding. It stays valid as long as the customer keeps that email: changing the
email, or the server's secret, makes every link sent before stop working.
"""

import base64
import hashlib
import hmac

from cryptography.hazmat.primitives.hashes import SHA256
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

_HKDF_INFO = b"switchyard customer email links v1"
# Checked against when no customer has the email, so an unknown email costs the same
# HMAC and comparison as a known one (timing does not tell which emails exist).
NO_CUSTOMER = ""


class CustomerLinkTokens:
    def __init__(self, key_material: str) -> None:
        if len(key_material) < 32:
            raise ValueError(
                "The key material for customer link tokens must be at least 32 characters"
            )
        self._key = HKDF(algorithm=SHA256(), length=32, salt=None, info=_HKDF_INFO).derive(
            key_material.encode()
        )

    def token_for(self, customer_id: str, email: str) -> str:
        """The token of the customer's unsubscribe links (notifications put it there)."""
        message = f"{customer_id}\n{email.lower()}".encode()
        digest = hmac.new(self._key, message, hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")

    def verifies(self, token: str, customer_id: str, email: str) -> bool:
        """Whether ``token`` is the customer's for ``email``, in constant time. Call it
        with ``NO_CUSTOMER`` for an unknown email: it then never verifies."""
        expected = self.token_for(customer_id, email).encode()
        matches = hmac.compare_digest(expected, token.encode("utf-8", "surrogatepass"))
        return matches and customer_id != NO_CUSTOMER
