"""Fetching a URL for ingestion without letting it reach private networks (SSRF-safe).

Every hop (the URL and each redirect, at most `MAX_REDIRECTS`) is resolved once, every address is
checked against an `AddressPolicy`, and the connection is made to exactly those checked addresses
through `PinnedResolver`: a second DNS answer (rebinding) is never consulted.
"""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import aiohttp
from aiohttp.abc import AbstractResolver, ResolveResult

from bot.rag.addresses import AddressPolicy, IPAddress, literal_address
from bot.rag.errors import IngestFailed
from bot.rag.filetypes import url_file_type

MAX_REDIRECTS = 3
REDIRECTS = frozenset({301, 302, 303, 307, 308})
USER_AGENT = "Parley/0.1 (knowledge ingest)"
_READ_BLOCK = 64 * 1024

Resolve = Callable[[str, int], Awaitable[list[IPAddress]]]


class UrlRefused(IngestFailed):
    """The URL (or a redirect) points somewhere Parley will not fetch from."""


async def system_resolve(host: str, port: int) -> list[IPAddress]:
    """Every address the system resolver gives for `host` (one lookup)."""
    infos = await asyncio.get_running_loop().getaddrinfo(
        host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP
    )
    found = [literal_address(str(info[4][0])) for info in infos]
    return list(dict.fromkeys(ip for ip in found if ip is not None))


class PinnedResolver(AbstractResolver):
    """Answers only with addresses already checked for this host; anything else fails."""

    def __init__(self) -> None:
        self._pinned: dict[str, list[IPAddress]] = {}

    def pin(self, host: str, addresses: list[IPAddress]) -> None:
        self._pinned[host.lower().rstrip(".")] = addresses

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        addresses = self._pinned.get(host.lower().rstrip("."))
        if not addresses:
            raise OSError(f"{host}: not a checked address")
        return [
            ResolveResult(
                hostname=host,
                host=str(ip),
                port=port,
                family=socket.AF_INET6 if ip.version == 6 else socket.AF_INET,
                proto=socket.IPPROTO_TCP,
                flags=socket.AI_NUMERICHOST,
            )
            for ip in addresses
        ]

    async def close(self) -> None:
        self._pinned.clear()


@dataclass(frozen=True)
class FetchLimits:
    """What one URL fetch may cost and reach."""

    max_bytes: int
    timeout_s: float
    policy: AddressPolicy = field(default_factory=AddressPolicy)
    resolve: Resolve = system_resolve


def _target(url: str) -> tuple[str, int]:
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"}:
        raise UrlRefused(f"{url}: only http:// and https:// URLs can be fetched")
    try:
        host, port = parts.hostname, parts.port
    except ValueError:
        raise UrlRefused(f"{url}: the URL's port is not a number from 1 to 65535") from None
    if not host:
        raise UrlRefused(f"{url}: the URL has no host name")
    return host, port or (443 if parts.scheme == "https" else 80)


async def vet(url: str, limits: FetchLimits) -> tuple[str, list[IPAddress]]:
    """(host, addresses) for `url` when every address is allowed; else UrlRefused."""
    host, port = _target(url)
    literal = literal_address(host)
    if literal is not None:
        addresses = [literal]
    else:
        try:
            addresses = await limits.resolve(host, port)
        except OSError as exc:
            raise IngestFailed(f"{url}: the host name does not resolve ({exc})") from None
    refused = [ip for ip in addresses if not limits.policy.permits(ip)]
    if refused or not addresses:
        raise UrlRefused(
            f"{url}: refused: {host} is a private, loopback, link-local, multicast or reserved "
            f"address ({refused[0] if refused else 'none'}); only public web pages can be "
            "added (an administrator can allow private ones with PARLEY_RAG__URL_ALLOW_PRIVATE)"
        )
    return host, addresses


async def read_limited(response: aiohttp.ClientResponse, url: str, max_bytes: int) -> bytes:
    if response.content_length is not None and response.content_length > max_bytes:
        raise IngestFailed(
            f"{url}: {response.content_length} bytes is over the {max_bytes}-byte limit"
        )
    body = bytearray()
    async for block in response.content.iter_chunked(_READ_BLOCK):
        body += block  # counted after decompression: a gzip bomb stops at the limit too
        if len(body) > max_bytes:
            raise IngestFailed(f"{url}: the page is over the {max_bytes}-byte limit")
    return bytes(body)


def _next_hop(url: str, response: aiohttp.ClientResponse) -> str:
    location = response.headers.get("Location")
    if not location:
        raise IngestFailed(f"{url}: HTTP {response.status} redirect without a Location")
    return urljoin(url, location)


async def _follow(
    session: aiohttp.ClientSession, resolver: PinnedResolver, url: str, limits: FetchLimits
) -> tuple[bytes, str]:
    for _ in range(MAX_REDIRECTS + 1):
        host, addresses = await vet(url, limits)
        resolver.pin(host, addresses)
        async with session.get(
            url, allow_redirects=False, headers={"User-Agent": USER_AGENT}
        ) as response:
            if response.status in REDIRECTS:
                url = _next_hop(url, response)
                continue
            if response.status >= 400:
                raise IngestFailed(
                    f"{url}: the server answered HTTP {response.status}; check the URL"
                )
            kind = url_file_type(url, response.content_type)
            return await read_limited(response, url, limits.max_bytes), kind
    raise UrlRefused(f"{url}: refused: more than {MAX_REDIRECTS} redirects")


async def download(url: str, limits: FetchLimits) -> tuple[bytes, str]:
    """(body, file type) of a URL, or IngestFailed/UrlRefused naming what went wrong."""
    resolver = PinnedResolver()
    connector = aiohttp.TCPConnector(resolver=resolver, use_dns_cache=False)
    timeout = aiohttp.ClientTimeout(total=limits.timeout_s)
    try:
        async with (
            asyncio.timeout(limits.timeout_s),
            aiohttp.ClientSession(connector=connector, timeout=timeout) as session,
        ):
            return await _follow(session, resolver, url, limits)
    except TimeoutError:
        raise IngestFailed(
            f"{url}: no complete answer within {limits.timeout_s:g} s; retry later"
        ) from None
    except aiohttp.ClientError as exc:
        raise IngestFailed(f"{url}: could not fetch it ({exc}); check the URL") from None
