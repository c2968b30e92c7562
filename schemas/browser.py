"""Types shared by the browser namespaces (account, proxy, tab)."""

import ipaddress
import re
from typing import Annotated, Final, Literal
from urllib.parse import urlsplit

from pydantic import AfterValidator, Field, WithJsonSchema
from pydantic_core import PydanticCustomError

from schemas.common import JsonInteger, NoControlCharacters
from schemas.limits import HOST_MAX_LENGTH, URL_MAX_LENGTH

SortOrder = Literal["asc", "desc"]
ProxyType = Literal["HTTP", "HTTPS", "SOCKS4", "SOCKS5", "V2RAY"]
# true or "80" is a mistake, not port 1 or 80 (the coercion rule of schemas.common).
Port = Annotated[JsonInteger, Field(ge=1, le=65535)]

_HOST_LABEL: Final = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?")
_ABOUT_PAGE: Final = re.compile(r"about:[a-z0-9-]+")
_URL_WHITESPACE: Final = re.compile(r"\s")


def check_host(value: str) -> str:
    """An IPv4 or IPv6 address, or an RFC 1123 host name; returned unchanged."""
    if "%" not in value:  # zone ids (fe80::1%eth0) name an interface of the server
        try:
            ipaddress.ip_address(value)
            return value
        except ValueError:
            pass
    labels = value.removesuffix(".").split(".")
    if (
        len(value) <= HOST_MAX_LENGTH
        and all(_HOST_LABEL.fullmatch(label) for label in labels)
        # An all-numeric last label would be a malformed IPv4 address, not a name.
        and not labels[-1].isdigit()
    ):
        return value
    raise PydanticCustomError("invalid_host", "must be an IPv4 or IPv6 address or a host name")


def check_browser_url(value: str) -> str:
    """An http(s) URL with a host, or an about: page; returned unchanged."""
    if len(value) <= URL_MAX_LENGTH and not _URL_WHITESPACE.search(value):
        if _ABOUT_PAGE.fullmatch(value):
            return value
        try:
            parts = urlsplit(value)
            valid = parts.scheme in ("http", "https") and bool(parts.hostname)
        except ValueError:
            valid = False
        if valid:
            return value
    raise PydanticCustomError(
        "invalid_url",
        "must be an http:// or https:// URL with a host, or an about: page, "
        "without spaces and at most 2048 characters",
    )


Host = Annotated[
    str,
    NoControlCharacters,
    AfterValidator(check_host),
    WithJsonSchema({"type": "string", "minLength": 1, "maxLength": HOST_MAX_LENGTH}),
]
BrowserUrl = Annotated[
    str,
    NoControlCharacters,
    AfterValidator(check_browser_url),
    WithJsonSchema({"type": "string", "minLength": 1, "maxLength": URL_MAX_LENGTH}),
]
