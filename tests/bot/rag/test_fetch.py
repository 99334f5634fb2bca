"""SSRF-safe URL fetching: private targets refused before any connection, redirects re-checked,
the connection pinned to the checked address (no DNS rebinding). Loopback listeners only."""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field

import pytest
from aiohttp import web

from bot.rag.addresses import AddressPolicy, IPAddress, is_public, legacy_ipv4, literal_address
from bot.rag.fetch import FetchLimits, UrlRefused, download
from bot.rag.service import KnowledgeService
from models.bots import Bot
from models.knowledge import Document, DocumentChunk

LOOPBACK_ONLY = AddressPolicy.of(allow_private=False, networks=["127.0.0.1/32"])


@dataclass
class Recorder:
    """TCP listeners that count every connection they accept (and answer nothing)."""

    port: int
    accepted: list[str] = field(default_factory=list)


async def _listen(recorder: Recorder, host: str, port: int) -> asyncio.Server:
    async def accept(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        recorder.accepted.append(str(writer.get_extra_info("peername")))
        writer.close()

    return await asyncio.start_server(accept, host, port)


@pytest.fixture
async def recorder() -> AsyncIterator[Recorder]:
    """Listens on 127.0.0.1, 127.0.0.2 and ::1 on one port."""
    first = await _listen(Recorder(0), "127.0.0.1", 0)
    rec = Recorder(first.sockets[0].getsockname()[1])
    first.close()
    await first.wait_closed()
    servers = [await _listen(rec, host, rec.port) for host in ("127.0.0.1", "127.0.0.2", "::1")]
    try:
        yield rec
    finally:
        for server in servers:
            server.close()
            await server.wait_closed()


SPELLINGS = [
    "127.0.0.1",
    "localhost",  # a name: refused after the one lookup, before connecting
    "2130706433",  # decimal
    "0x7f000001",  # hex
    "0177.0.0.1",  # octal
    "0x7f.0.0.1",
    "127.1",  # short form
    "127.0.0.1.",  # trailing dot
    "0.0.0.0",  # unspecified reaches the local host on Linux
    "[::1]",
    "[::ffff:127.0.0.1]",  # IPv4-mapped
    "[::ffff:7f00:1]",
    "[0:0:0:0:0:ffff:7f00:2]",
    "127.0.0.2",
]


@pytest.mark.parametrize("host", SPELLINGS)
async def test_private_spellings_are_refused_without_any_connection(
    recorder: Recorder, host: str
) -> None:
    limits = FetchLimits(max_bytes=1000, timeout_s=5)
    with pytest.raises(UrlRefused, match=r"refused: .* private, loopback") as refusal:
        await download(f"http://{host}:{recorder.port}/notes.txt", limits)
    assert "PARLEY_RAG__URL_ALLOW_PRIVATE" in str(refusal.value)
    await asyncio.sleep(0.05)  # a connection attempt would have been accepted by now
    assert recorder.accepted == []


@pytest.mark.parametrize(
    "address",
    [
        "10.0.0.1", "172.16.5.4", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0",
        "224.0.0.1", "239.255.255.250", "240.0.0.1", "255.255.255.255", "192.0.2.10",
        "198.18.0.1", "::", "::1", "fe80::1", "fc00::1", "fd12:3456::1", "ff02::1",
        "::ffff:10.0.0.1", "::ffff:169.254.169.254", "2002:7f00:1::1", "2002:a00:1::",
        "64:ff9b::a9fe:a9fe", "2001:db8::1", "2001:0:4136:e378:8000:63bf:f5ff:fffe",
    ],
)  # fmt: skip
def test_non_public_addresses(address: str) -> None:
    assert not is_public(ipaddress.ip_address(address))
    assert not LOOPBACK_ONLY.permits(ipaddress.ip_address(address))


@pytest.mark.parametrize(
    "address", ["8.8.8.8", "1.1.1.1", "93.184.216.34", "2606:4700:4700::1111", "::ffff:8.8.8.8"]
)
def test_public_addresses(address: str) -> None:
    assert is_public(ipaddress.ip_address(address))


@pytest.mark.parametrize(
    ("spelling", "address"),
    [
        ("2130706433", "127.0.0.1"), ("0x7f000001", "127.0.0.1"), ("0177.0.0.1", "127.0.0.1"),
        ("0x7f.1", "127.0.0.1"), ("127.1", "127.0.0.1"), ("10.1.258", "10.1.1.2"),
        ("0", "0.0.0.0"), ("017700000001", "127.0.0.1"), ("[::ffff:a00:1]", "::ffff:10.0.0.1"),
        ("example.com", None), ("1.2.3.4.5", None), ("256.1.1.1", None), ("0x1g", None),
        ("4294967296", None), ("1e3", None), ("-1", None),
    ],
)  # fmt: skip
def test_every_ipv4_spelling_is_read_as_libc_would(spelling: str, address: str | None) -> None:
    expected = ipaddress.ip_address(address) if address else None
    assert literal_address(spelling) == expected
    if address and ":" not in spelling:  # cross-check against the C library
        assert socket.inet_aton(spelling) == expected.packed  # type: ignore[union-attr]
    assert legacy_ipv4("example.com") is None


def _redirect(to: Callable[[web.Request], str]) -> Callable[[web.Request], Awaitable[web.Response]]:
    async def handler(request: web.Request) -> web.Response:
        raise web.HTTPFound(to(request))

    return handler


async def _page(request: web.Request) -> web.Response:
    return web.Response(text="Genmaicha has roasted rice.", content_type="text/plain")


@pytest.fixture
async def site(recorder: Recorder) -> AsyncIterator[str]:
    """A web server on 127.0.0.1 whose redirects point at the recorder's addresses."""
    app = web.Application()
    port = recorder.port
    app.router.add_get("/page", _page)
    app.router.add_get("/to-private", _redirect(lambda r: f"http://127.0.0.2:{port}/x"))
    app.router.add_get("/to-decimal", _redirect(lambda r: f"http://2130706434:{port}/x"))
    app.router.add_get("/to-v6", _redirect(lambda r: f"http://[::1]:{port}/x"))
    app.router.add_get("/to-file", _redirect(lambda r: "file:///etc/passwd"))
    app.router.add_get("/hop/{n}", _redirect(lambda r: _hop(int(r.match_info["n"]))))
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    try:
        yield f"http://127.0.0.1:{runner.addresses[0][1]}"
    finally:
        await runner.cleanup()


def _hop(n: int) -> str:
    return "/page" if n <= 1 else f"/hop/{n - 1}"


@pytest.mark.parametrize("path", ["/to-private", "/to-decimal", "/to-v6"])
async def test_every_redirect_is_checked_before_connecting(
    site: str, recorder: Recorder, path: str
) -> None:
    limits = FetchLimits(max_bytes=1000, timeout_s=5, policy=LOOPBACK_ONLY)
    assert await download(f"{site}/page", limits) == (b"Genmaicha has roasted rice.", "txt")
    with pytest.raises(UrlRefused, match="refused"):
        await download(site + path, limits)
    assert recorder.accepted == []


async def test_redirects_are_limited_to_three_and_to_http(site: str) -> None:
    limits = FetchLimits(max_bytes=1000, timeout_s=5, policy=LOOPBACK_ONLY)
    assert (await download(f"{site}/hop/3", limits))[0].startswith(b"Genmaicha")
    with pytest.raises(UrlRefused, match="more than 3 redirects"):
        await download(f"{site}/hop/4", limits)
    with pytest.raises(UrlRefused, match="only http:// and https://"):
        await download(f"{site}/to-file", limits)


async def test_the_connection_goes_to_the_checked_address_not_a_second_answer(
    site: str,
) -> None:
    """A rebinding resolver: the allowed address first, then a listener on the same port."""
    answers: list[str] = []
    port = int(site.rsplit(":", 1)[1])
    rebound = Recorder(port)
    listener = await _listen(rebound, "127.0.0.2", port)

    async def rebinding(host: str, port: int) -> list[IPAddress]:
        answers.append(host)
        return [ipaddress.ip_address("127.0.0.1" if len(answers) == 1 else "127.0.0.2")]

    limits = FetchLimits(max_bytes=1000, timeout_s=5, policy=LOOPBACK_ONLY, resolve=rebinding)
    try:
        body, _ = await download(f"http://docs.example.test:{port}/page", limits)
    finally:
        listener.close()
    assert body == b"Genmaicha has roasted rice."
    assert answers == ["docs.example.test"]  # one lookup, and the connection used its answer
    assert rebound.accepted == []


async def test_a_refused_url_stores_nothing(
    service: KnowledgeService, bot: Bot, recorder: Recorder
) -> None:
    with pytest.raises(UrlRefused, match="refused"):
        await service.add(bot.creator_id, bot.slug, f"http://0x7f000001:{recorder.port}/")
    assert await Document.all().count() == 0 and await DocumentChunk.all().count() == 0
    assert recorder.accepted == []
