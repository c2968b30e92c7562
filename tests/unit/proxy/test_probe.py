"""services.proxy_probe against real tiny proxies on loopback (tests/loopback_proxies.py)."""

from __future__ import annotations

import ipaddress

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from services.proxy_probe import ProbeSettings, ProbeTarget, is_public_address, probe
from tests.loopback_proxies import (
    HTTP_PASSWORD,
    HTTP_USER,
    SOCKS_PASSWORD,
    SOCKS_USER,
    Loopback,
    Ports,
    Recorded,
)

ALLOWED = ProbeSettings(
    timeout_seconds=1.0,
    target_host="example.com",
    target_port=443,
    allow_private_addresses=True,
)


@pytest.fixture
def ports(loopback: Loopback) -> Ports:
    return loopback.ports


@pytest.fixture
def recorded(loopback: Loopback) -> Recorded:
    return loopback.recorded


def target(
    kind: str, port: int, username: str | None = None, password: str | None = None
) -> ProbeTarget:
    return ProbeTarget(type=kind, host="127.0.0.1", port=port, username=username, password=password)


@pytest.mark.asyncio
async def test_socks5_login_with_the_right_credentials(ports: Ports, recorded: Recorded) -> None:
    result = await probe(target("SOCKS5", ports.socks5_login, SOCKS_USER, SOCKS_PASSWORD), ALLOWED)

    assert (result.success, result.error) == (True, None)
    assert 0 <= result.latency_ms < 1000
    assert (SOCKS_USER, SOCKS_PASSWORD) in recorded.socks5_logins


@pytest.mark.asyncio
async def test_socks5_wrong_password_is_a_failed_result(ports: Ports) -> None:
    result = await probe(target("SOCKS5", ports.socks5_login, SOCKS_USER, "wrong"), ALLOWED)

    assert result.success is False
    assert result.error == "The SOCKS5 proxy refused the username or password"


@pytest.mark.asyncio
async def test_socks5_without_credentials_where_they_are_required(ports: Ports) -> None:
    result = await probe(target("SOCKS5", ports.socks5_login), ALLOWED)

    assert result.success is False
    assert result.error is not None
    assert "accepts none of the offered login methods" in result.error


@pytest.mark.asyncio
async def test_socks5_without_authentication(ports: Ports) -> None:
    result = await probe(target("SOCKS5", ports.socks5_open), ALLOWED)
    assert (result.success, result.error) == (True, None)


@pytest.mark.asyncio
async def test_socks4_connects_to_the_configured_target(ports: Ports, recorded: Recorded) -> None:
    result = await probe(target("SOCKS4", ports.socks4, "alice"), ALLOWED)

    assert (result.success, result.error) == (True, None)
    # SOCKS4a: port 443, address 0.0.0.1, user id, then the host name.
    assert b"\x04\x01\x01\xbb\x00\x00\x00\x01alice\x00example.com\x00" in recorded.socks4_requests


@pytest.mark.asyncio
async def test_socks4_with_an_ipv4_target(ports: Ports, recorded: Recorded) -> None:
    settings = ProbeSettings(1.0, "93.184.216.34", 80, allow_private_addresses=True)
    result = await probe(target("SOCKS4", ports.socks4), settings)

    assert result.success is True
    assert b"\x04\x01\x00\x50\x5d\xb8\xd8\x22\x00" in recorded.socks4_requests


@pytest.mark.asyncio
async def test_http_connect_with_credentials(ports: Ports, recorded: Recorded) -> None:
    result = await probe(target("HTTP", ports.http, HTTP_USER, HTTP_PASSWORD), ALLOWED)

    assert (result.success, result.error) == (True, None)
    assert any(
        r.startswith(b"CONNECT example.com:443 HTTP/1.1\r\n") for r in recorded.http_requests
    )


@pytest.mark.asyncio
async def test_http_connect_without_credentials_gets_407(ports: Ports) -> None:
    result = await probe(target("HTTP", ports.http), ALLOWED)

    assert result.success is False
    assert result.error == "The proxy requires authentication, or refused the credentials (407)"


@pytest.mark.asyncio
async def test_https_to_a_server_without_tls_fails_the_tls_handshake(ports: Ports) -> None:
    result = await probe(target("HTTPS", ports.not_a_proxy, HTTP_USER, HTTP_PASSWORD), ALLOWED)

    assert result.success is False
    assert result.error is not None
    assert result.error.startswith("TLS handshake with the proxy failed: ")


@pytest.mark.asyncio
async def test_refused_connection(ports: Ports) -> None:
    result = await probe(target("SOCKS5", ports.refused), ALLOWED)

    assert result.success is False
    assert result.error == f"Connection refused by 127.0.0.1:{ports.refused}"


@pytest.mark.asyncio
async def test_silent_server_times_out(ports: Ports) -> None:
    settings = ProbeSettings(0.3, "example.com", 443, allow_private_addresses=True)
    result = await probe(target("HTTP", ports.silent), settings)

    assert result.success is False
    assert result.error == "No answer within 0.3 s"
    assert 250 <= result.latency_ms < 2000


@pytest.mark.asyncio
@pytest.mark.parametrize("kind", ["SOCKS5", "SOCKS4", "HTTP"])
async def test_something_that_is_not_a_proxy(ports: Ports, kind: str) -> None:
    result = await probe(target(kind, ports.not_a_proxy), ALLOWED)

    assert result.success is False
    assert result.error is not None
    assert result.error.startswith(f"Not a{'n' if kind == 'HTTP' else ''} {kind} proxy")


@pytest.mark.asyncio
async def test_v2ray_checks_that_the_server_accepts_connections(ports: Ports) -> None:
    assert (await probe(target("V2RAY", ports.silent), ALLOWED)).success is True
    assert (await probe(target("V2RAY", ports.refused), ALLOWED)).success is False


@pytest.mark.asyncio
@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "::1", "10.1.2.3", "169.254.169.254"])
async def test_non_public_destinations_are_refused_by_default(ports: Ports, host: str) -> None:
    settings = ProbeSettings(1.0, "example.com", 443)
    result = await probe(ProbeTarget("SOCKS5", host, ports.socks5_open), settings)

    assert result.success is False
    assert result.error is not None
    assert "is not a public address" in result.error


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("93.184.216.34", True),
        ("2606:2800:220:1:248:1893:25c8:1946", True),
        ("127.0.0.1", False),
        ("10.0.0.1", False),
        ("172.16.5.4", False),
        ("192.168.1.100", False),
        ("169.254.169.254", False),
        ("100.64.0.1", False),
        ("0.0.0.0", False),
        ("::1", False),
        ("fe80::1", False),
        ("fd00::1", False),
        ("::ffff:127.0.0.1", False),
        ("224.0.0.1", False),
        # IPv6 forms that embed a private IPv4 address lead to that address.
        ("64:ff9b::a00:1", False),  # NAT64 of 10.0.0.1
        ("64:ff9b::7f00:1", False),  # NAT64 of 127.0.0.1
        ("64:ff9b:1::a00:1", False),  # NAT64 local-use prefix
        ("64:ff9b:1::808:808", False),  # local use, whatever it embeds
        ("2002:a00:1::1", False),  # 6to4 of 10.0.0.1
        ("2002:a9fe:a9fe::1", False),  # 6to4 of 169.254.169.254
        ("::127.0.0.1", False),  # IPv4-compatible
        ("::10.0.0.1", False),
        ("::ffff:0:a00:1", False),  # SIIT IPv4-translated
        ("2001:0:4136:e378:8000:63bf:f5ff:fffe", False),  # Teredo
        ("::", False),
        # The same forms around a public IPv4 address stay public where routable.
        ("64:ff9b::808:808", True),
        ("2002:808:808::1", True),
        ("::ffff:8.8.8.8", True),
    ],
)
def test_public_addresses(address: str, public: bool) -> None:
    assert is_public_address(address) is public


def _embeddings(v4: ipaddress.IPv4Address) -> list[str]:
    """Every IPv6 form that carries `v4`, as getaddrinfo could hand it to us."""
    bits = int(v4)
    return [
        str(ipaddress.IPv6Address((0xFFFF << 32) | bits)),  # ::ffff:a.b.c.d
        str(ipaddress.IPv6Address(bits)),  # ::a.b.c.d
        str(ipaddress.IPv6Address((0xFFFF << 48) | bits)),  # ::ffff:0:a.b.c.d
        str(ipaddress.IPv6Address((0x64FF9B << 96) | bits)),  # 64:ff9b::a.b.c.d
        str(ipaddress.IPv6Address((0x2002 << 112) | (bits << 80) | 1)),  # 2002:abcd:efgh::1
    ]


@settings(max_examples=300, deadline=None)
@given(st.ip_addresses(v=4))
def test_no_ipv6_form_makes_a_non_public_ipv4_public(v4: ipaddress.IPv4Address) -> None:
    if is_public_address(str(v4)):
        return
    for wrapped in _embeddings(v4):
        assert not is_public_address(wrapped), wrapped


@settings(max_examples=300, deadline=None)
@given(st.ip_addresses(v=4))
def test_mapped_ipv4_is_judged_as_the_ipv4_address(v4: ipaddress.IPv4Address) -> None:
    mapped = str(ipaddress.IPv6Address((0xFFFF << 32) | int(v4)))
    assert is_public_address(mapped) is is_public_address(str(v4))


@settings(max_examples=300, deadline=None)
@given(st.ip_addresses(v=6))
def test_an_ipv6_address_is_public_only_if_is_global_says_so(v6: ipaddress.IPv6Address) -> None:
    if v6.ipv4_mapped is None and is_public_address(str(v6)):
        assert v6.is_global
