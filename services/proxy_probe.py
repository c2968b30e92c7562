"""Testing a proxy from the server: connect, and speak the first steps of its protocol.

SOCKS5: the greeting, then username/password authentication when credentials are
configured. SOCKS4: a CONNECT request for the configured target (SOCKS4a for a host
name). HTTP and HTTPS (TLS to the proxy first): a CONNECT for the target. V2RAY: its
protocols need a full client, so only that the server accepts TCP connections.

Every failure (refused, timed out, not the protocol expected, credentials refused) is a
result with ``success=False`` and a sentence for the user, never an exception. The
proxy's address is resolved once and checked: loopback, private, link-local and other
non-public addresses are refused unless the settings allow them, so the endpoint cannot
be used to scan the server's own network; the connection goes to the checked address,
so a second DNS answer cannot swap it for another.
"""

import asyncio
import base64
import ipaddress
import re
import socket
import ssl
import time
from collections.abc import Awaitable, Callable
from contextlib import suppress
from dataclasses import dataclass

from schemas.limits import TEST_ERROR_MAX_LENGTH

SOCKS5_VERSION = 0x05
SOCKS5_NO_AUTH = 0x00
SOCKS5_USER_PASS = 0x02
SOCKS5_NO_ACCEPTABLE = 0xFF
SOCKS4_GRANTED = 0x5A
SOCKS4_REASONS = {
    0x5B: "rejected the request or failed to reach the target",
    0x5C: "could not reach the client's identd",
    0x5D: "identd did not confirm the user id",
}
HTTP_STATUS_LINE = re.compile(rb"HTTP/1\.[01] (\d{3})(?: ([^\r\n]*))?\r?\n")


@dataclass(frozen=True, slots=True)
class ProbeTarget:
    """The proxy to test, with its secrets opened."""

    type: str
    host: str
    port: int
    username: str | None = None
    password: str | None = None


@dataclass(frozen=True, slots=True)
class ProbeSettings:
    timeout_seconds: float
    # Where HTTP and SOCKS4 proxies are asked to CONNECT to.
    target_host: str
    target_port: int
    allow_private_addresses: bool = False


@dataclass(frozen=True, slots=True)
class ProbeResult:
    success: bool
    latency_ms: int
    error: str | None = None


class ProbeFailed(Exception):  # noqa: N818 (the vocabulary of this module)
    """The proxy did not behave; the message is for the user."""


Prober = Callable[[ProbeTarget, ProbeSettings], Awaitable[ProbeResult]]
Handshake = Callable[
    [asyncio.StreamReader, asyncio.StreamWriter, ProbeTarget, ProbeSettings], Awaitable[None]
]


async def probe(target: ProbeTarget, settings: ProbeSettings) -> ProbeResult:
    started = time.monotonic()
    try:
        async with asyncio.timeout(settings.timeout_seconds):
            await _probe(target, settings)
    except TimeoutError:
        return _failed(started, f"No answer within {settings.timeout_seconds:g} s")
    except ProbeFailed as failure:
        return _failed(started, str(failure))
    except ConnectionRefusedError:
        return _failed(started, f"Connection refused by {target.host}:{target.port}")
    except asyncio.IncompleteReadError:
        return _failed(started, "The proxy closed the connection during the handshake")
    except ssl.SSLError as error:
        return _failed(started, f"TLS handshake with the proxy failed: {error.reason or error}")
    except (OSError, UnicodeError) as error:
        return _failed(started, f"Could not connect to {target.host}:{target.port}: {error}")
    return ProbeResult(success=True, latency_ms=_elapsed_ms(started))


async def _probe(target: ProbeTarget, settings: ProbeSettings) -> None:
    address = await _checked_address(target.host, target.port, settings.allow_private_addresses)
    tls = ssl.create_default_context() if target.type == "HTTPS" else None
    reader, writer = await asyncio.open_connection(
        address, target.port, ssl=tls, server_hostname=target.host if tls else None
    )
    try:
        await HANDSHAKES[target.type](reader, writer, target, settings)
    finally:
        writer.close()
        with suppress(OSError, ssl.SSLError):
            await writer.wait_closed()


async def _checked_address(host: str, port: int, allow_private: bool) -> str:
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as error:
        raise ProbeFailed(f"Cannot resolve {host}: {error.strerror}") from None
    addresses = [str(info[4][0]) for info in infos]
    if not allow_private:
        for address in addresses:
            if not is_public_address(address):
                raise ProbeFailed(
                    f"{host} resolves to {address}, which is not a public address "
                    "(loopback, private, link-local or reserved); testing such proxies "
                    "is disabled on this server"
                )
    return addresses[0]


# IPv6 forms that carry an IPv4 address in their last 32 bits: a translator or a relay
# turns them into a connection to that IPv4 address, so it must be public too.
NAT64_WELL_KNOWN = ipaddress.IPv6Network("64:ff9b::/96")  # RFC 6052
IPV4_TRANSLATED = ipaddress.IPv6Network("::ffff:0:0:0/96")  # RFC 2765 (SIIT)
IPV4_COMPATIBLE = ipaddress.IPv6Network("::/96")  # RFC 4291, deprecated; holds :: and ::1
# RFC 8215: NAT64 prefixes for one network's own use. Where the IPv4 address sits
# depends on that network's prefix length, so no address in it is taken as public.
NAT64_LOCAL_USE = ipaddress.IPv6Network("64:ff9b:1::/48")
LAST_32_BITS = 0xFFFFFFFF


def is_public_address(address: str) -> bool:
    """Whether the address is globally reachable, judged with `ipaddress.is_global`.

    An IPv6 address that embeds an IPv4 address (mapped, IPv4-compatible, SIIT, NAT64,
    6to4, Teredo) is public only if the IPv4 address it leads to is public as well.
    """
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            # The socket speaks IPv4 to the mapped address: only that one counts.
            return _is_public(ip.ipv4_mapped)
        if ip in NAT64_LOCAL_USE:
            return False
        if not all(_is_public(embedded) for embedded in _embedded_ipv4(ip)):
            return False
    return _is_public(ip)


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    if ip in NAT64_WELL_KNOWN or ip in IPV4_TRANSLATED or ip in IPV4_COMPATIBLE:
        return [ipaddress.IPv4Address(int(ip) & LAST_32_BITS)]
    if ip.sixtofour is not None:
        return [ip.sixtofour]
    if ip.teredo is not None:
        server, client = ip.teredo
        return [server, client]
    return []


def _is_public(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    return ip.is_global and not ip.is_multicast


async def _socks5(
    reader: asyncio.StreamReader,
    writer: asyncio.StreamWriter,
    target: ProbeTarget,
    _: ProbeSettings,
) -> None:
    with_credentials = target.username is not None and target.password is not None
    methods = bytes([SOCKS5_NO_AUTH, SOCKS5_USER_PASS] if with_credentials else [SOCKS5_NO_AUTH])
    writer.write(bytes([SOCKS5_VERSION, len(methods)]) + methods)
    await writer.drain()
    version, method = await reader.readexactly(2)
    if version != SOCKS5_VERSION:
        raise ProbeFailed("Not a SOCKS5 proxy: unexpected answer to the greeting")
    if method == SOCKS5_NO_ACCEPTABLE:
        needs = "" if with_credentials else " (it probably requires a username and password)"
        raise ProbeFailed(f"The SOCKS5 proxy accepts none of the offered login methods{needs}")
    if method == SOCKS5_USER_PASS and with_credentials:
        await _socks5_login(reader, writer, target)
    elif method != SOCKS5_NO_AUTH:
        raise ProbeFailed(f"The SOCKS5 proxy chose a login method that was not offered ({method})")


async def _socks5_login(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, target: ProbeTarget
) -> None:
    # RFC 1929: version 1, then length-prefixed username and password.
    username = (target.username or "").encode()
    password = (target.password or "").encode()
    if not (0 < len(username) <= 255 and 0 < len(password) <= 255):
        raise ProbeFailed("SOCKS5 usernames and passwords must be 1-255 bytes long")
    writer.write(bytes([1, len(username)]) + username + bytes([len(password)]) + password)
    await writer.drain()
    _version, status = await reader.readexactly(2)
    if status != 0:
        raise ProbeFailed("The SOCKS5 proxy refused the username or password")


async def _socks4(
    reader: asyncio.StreamReader,
    writer: asyncio.StreamWriter,
    target: ProbeTarget,
    settings: ProbeSettings,
) -> None:
    user_id = (target.username or "").encode()
    try:
        destination = ipaddress.IPv4Address(settings.target_host).packed
        host_name = b""
    except ValueError:
        # SOCKS4a: an address of 0.0.0.x says the host name follows the user id.
        destination = bytes([0, 0, 0, 1])
        host_name = settings.target_host.encode("idna") + b"\x00"
    writer.write(
        bytes([4, 1])
        + settings.target_port.to_bytes(2, "big")
        + destination
        + user_id
        + b"\x00"
        + host_name
    )
    await writer.drain()
    reply = await reader.readexactly(8)
    if reply[0] != 0:
        raise ProbeFailed("Not a SOCKS4 proxy: unexpected answer to CONNECT")
    if reply[1] != SOCKS4_GRANTED:
        reason = SOCKS4_REASONS.get(reply[1], f"answered with unknown status {reply[1]}")
        raise ProbeFailed(f"The SOCKS4 proxy {reason}")


async def _http_connect(
    reader: asyncio.StreamReader,
    writer: asyncio.StreamWriter,
    target: ProbeTarget,
    settings: ProbeSettings,
) -> None:
    host = settings.target_host
    authority = (
        f"[{host}]:{settings.target_port}" if ":" in host else f"{host}:{settings.target_port}"
    )
    lines = [f"CONNECT {authority} HTTP/1.1", f"Host: {authority}"]
    if target.username is not None and target.password is not None:
        token = base64.b64encode(f"{target.username}:{target.password}".encode()).decode()
        lines.append(f"Proxy-Authorization: Basic {token}")
    writer.write(("\r\n".join(lines) + "\r\n\r\n").encode())
    await writer.drain()
    match = HTTP_STATUS_LINE.fullmatch(await reader.readline())
    if match is None:
        raise ProbeFailed("Not an HTTP proxy: unexpected answer to CONNECT")
    status = int(match[1])
    reason = _printable(match[2] or b"")
    if status == 407:
        raise ProbeFailed("The proxy requires authentication, or refused the credentials (407)")
    if not 200 <= status < 300:
        raise ProbeFailed(f"The proxy refused CONNECT {authority}: {status} {reason}".rstrip())


async def _tcp_only(
    _reader: asyncio.StreamReader,
    _writer: asyncio.StreamWriter,
    _target: ProbeTarget,
    _settings: ProbeSettings,
) -> None:
    return None


HANDSHAKES: dict[str, Handshake] = {
    "SOCKS5": _socks5,
    "SOCKS4": _socks4,
    "HTTP": _http_connect,
    "HTTPS": _http_connect,
    "V2RAY": _tcp_only,
}


def _printable(raw: bytes) -> str:
    # The reason phrase comes from a stranger: keep it short and printable.
    return "".join(c for c in raw.decode("latin-1") if c.isprintable())[:100]


def _elapsed_ms(started: float) -> int:
    return round((time.monotonic() - started) * 1000)


def _failed(started: float, error: str) -> ProbeResult:
    return ProbeResult(
        success=False, latency_ms=_elapsed_ms(started), error=error[:TEST_ERROR_MAX_LENGTH]
    )
