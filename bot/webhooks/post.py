"""Posting a delivery under the ingestion fetch's SSRF rules: the URL's addresses are checked
once against the `AddressPolicy` and the connection goes to exactly those addresses."""

from __future__ import annotations

import asyncio

import aiohttp

from bot.rag.fetch import FetchLimits, PinnedResolver, vet

USER_AGENT = "Parley-Webhooks/1"


async def post(url: str, body: bytes, headers: dict[str, str], limits: FetchLimits) -> int:
    """The endpoint's HTTP status; redirects are not followed (a 3xx is a failed attempt).
    Raises `IngestFailed`/`UrlRefused` (refused address), aiohttp errors or TimeoutError."""
    host, addresses = await vet(url, limits)
    resolver = PinnedResolver()
    resolver.pin(host, addresses)
    connector = aiohttp.TCPConnector(resolver=resolver, use_dns_cache=False)
    timeout = aiohttp.ClientTimeout(total=limits.timeout_s)
    async with (
        asyncio.timeout(limits.timeout_s),
        aiohttp.ClientSession(connector=connector, timeout=timeout) as session,
        session.post(
            url,
            data=body,
            headers=headers | {"User-Agent": USER_AGENT, "Content-Type": "application/json"},
            allow_redirects=False,
        ) as response,
    ):
        await response.content.read(64 * 1024)  # the endpoint's answer is not kept
        return response.status
