"""The unsubscribe link of an email to a customer (RFC 8058's one-click link too).

``{PUBLIC_URL}/unsubscribe?email=<email>&token=<token>&type=<email type>``: the token is
the customer's link token (``services.customer_tokens``), so the link opens that
customer's preferences and nobody else's; ``type`` is the email type the link turns off.
"""

from urllib.parse import urlencode

from services.customer_tokens import CustomerLinkTokens

UNSUBSCRIBE_PATH = "/unsubscribe"


class UnsubscribeLinks:
    def __init__(self, public_url: str, tokens: CustomerLinkTokens) -> None:
        # The base as configured, without a trailing slash: the path is appended.
        self._base = public_url.rstrip("/")
        self._tokens = tokens

    def url_for(self, customer_id: str, email: str, email_type: str) -> str:
        query = urlencode(
            {
                "email": email,
                "token": self._tokens.token_for(customer_id, email),
                "type": email_type,
            }
        )
        return f"{self._base}{UNSUBSCRIBE_PATH}?{query}"
