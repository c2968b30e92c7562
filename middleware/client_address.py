"""The caller's address behind reverse proxies: X-Forwarded-For, believed only from them.

The app decides this, not the server: ``switchyard serve`` runs uvicorn with its own
proxy-header handling off (uvicorn's default believes X-Forwarded-For from 127.0.0.1,
so any process on the host could pick its rate-limit bucket), and the app trusts the
header only when the TCP peer is one of ``SWITCHYARD_TRUSTED_PROXIES``. Then it takes
the right-most address in the header that is not itself a trusted proxy: each proxy
appends the peer it saw, so everything left of that is whatever the caller wrote.

uvicorn's ``ProxyHeadersMiddleware`` does exactly that (every X-Forwarded-For line,
networks in CIDR form, an all-trusted chain falls back to its left-most entry), as
plain ASGI, so it works under any server. It is left out entirely when no proxy is
trusted: the peer's address is then the caller's, at no cost per request.
"""

from __future__ import annotations

from collections.abc import Sequence
from ipaddress import IPv4Network, IPv6Network

from starlette.middleware import Middleware
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware


def forwarded_for_middleware(trusted_proxies: Sequence[IPv4Network | IPv6Network]) -> Middleware:
    """The middleware that takes the caller's address from proxies in ``trusted_proxies``."""
    # Validated networks, written out in full: uvicorn would quietly treat a malformed
    # entry as a literal host name that no peer ever matches.
    trusted = [str(network) for network in trusted_proxies]
    return Middleware(ProxyHeadersMiddleware, trusted_hosts=trusted)
