"""Tiny real proxies on 127.0.0.1 for testing ``proxy.test``: they speak just enough of
SOCKS5 (greeting and RFC 1929 login), SOCKS4 (CONNECT) and HTTP (CONNECT) to answer a
client's handshake, and record what they were asked. Plus a silent server (accepts and
never answers: a timeout) and a port nothing listens on (refused).

They run on an event loop of their own in a thread, so both async tests and the
uvicorn-served e2e app (another thread) can reach them.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field

SOCKS_USER = "proxy-user"
SOCKS_PASSWORD = "proxy-secret"  # the loopback proxies' own test credential
HTTP_USER = "http-user"
HTTP_PASSWORD = "http-secret"


@dataclass
class Recorded:
    """What the proxies were asked, for the tests to check."""

    socks4_requests: list[bytes] = field(default_factory=list)
    http_requests: list[bytes] = field(default_factory=list)
    socks5_logins: list[tuple[str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class Ports:
    socks5_login: int  # requires SOCKS_USER / SOCKS_PASSWORD
    socks5_open: int  # no authentication
    socks4: int
    http: int  # requires HTTP_USER / HTTP_PASSWORD (Basic)
    silent: int  # accepts, never answers
    refused: int  # nothing listens
    not_a_proxy: int  # answers garbage at once


async def _socks5(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, *, login: bool, recorded: Recorded
) -> None:
    version, count = await reader.readexactly(2)
    methods = await reader.readexactly(count)
    wanted = 0x02 if login else 0x00
    if version != 5 or wanted not in methods:
        writer.write(b"\x05\xff")
        return
    writer.write(bytes([5, wanted]))
    if login:
        await reader.readexactly(1)
        username = (await reader.readexactly((await reader.readexactly(1))[0])).decode()
        password = (await reader.readexactly((await reader.readexactly(1))[0])).decode()
        recorded.socks5_logins.append((username, password))
        ok = (username, password) == (SOCKS_USER, SOCKS_PASSWORD)
        writer.write(b"\x01\x00" if ok else b"\x01\x01")


async def _socks4(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, recorded: Recorded
) -> None:
    header = await reader.readexactly(8)
    rest = await reader.readuntil(b"\x00")
    if header[4:7] == b"\x00\x00\x00" and header[7] != 0:
        rest += await reader.readuntil(b"\x00")  # SOCKS4a: the host name follows
    recorded.socks4_requests.append(header + rest)
    writer.write(b"\x00\x5a" + header[2:8])


async def _http(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, recorded: Recorded
) -> None:
    request = await reader.readuntil(b"\r\n\r\n")
    recorded.http_requests.append(request)
    token = base64.b64encode(f"{HTTP_USER}:{HTTP_PASSWORD}".encode())
    if b"Proxy-Authorization: Basic " + token not in request:
        writer.write(b"HTTP/1.1 407 Proxy Authentication Required\r\n\r\n")
    else:
        writer.write(b"HTTP/1.1 200 Connection established\r\n\r\n")


async def _silent(reader: asyncio.StreamReader, _writer: asyncio.StreamWriter) -> None:
    await reader.read()  # until the client gives up


async def _garbage(_reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    writer.write(b"SSH-2.0-OpenSSH_9.6\r\n\x00\x00\x00\x00\x00\x00\x00\x00")


def _handler(serve: object) -> object:
    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            await serve(reader, writer)  # type: ignore[operator]
            await writer.drain()
            await asyncio.sleep(0.05)  # let the client read before we hang up
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()

    return handle


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass(frozen=True)
class Loopback:
    ports: Ports
    recorded: Recorded


@contextlib.contextmanager
def loopback_proxies() -> Iterator[Loopback]:
    recorded = Recorded()
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    handlers = {
        "socks5_login": lambda r, w: _socks5(r, w, login=True, recorded=recorded),
        "socks5_open": lambda r, w: _socks5(r, w, login=False, recorded=recorded),
        "socks4": lambda r, w: _socks4(r, w, recorded),
        "http": lambda r, w: _http(r, w, recorded),
        "silent": _silent,
        "not_a_proxy": _garbage,
    }

    async def start() -> tuple[list[asyncio.Server], dict[str, int]]:
        servers = [
            await asyncio.start_server(_handler(serve), "127.0.0.1", 0)  # type: ignore[arg-type]
            for serve in handlers.values()
        ]
        ports = {
            name: server.sockets[0].getsockname()[1]
            for name, server in zip(handlers, servers, strict=True)
        }
        return servers, ports

    servers, ports = asyncio.run_coroutine_threadsafe(start(), loop).result(timeout=10)
    try:
        yield Loopback(Ports(refused=_free_port(), **ports), recorded)
    finally:

        async def stop() -> None:
            for server in servers:
                server.close()
            # Handlers of silent connections may still wait: cancel them.
            for task in asyncio.all_tasks():
                if task is not asyncio.current_task():
                    task.cancel()

        asyncio.run_coroutine_threadsafe(stop(), loop).result(timeout=10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout=10)
        loop.close()
