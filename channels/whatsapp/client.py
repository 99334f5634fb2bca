"""Sending to WhatsApp through Twilio's REST API (async client), errors as SendFailed.

twilio's REST client is imported with the first client (~3 MB a process without WhatsApp
traffic does not hold), as aiogram is (channels/telegram/client.py).
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any
from uuid import UUID

import aiohttp
from twilio.base.exceptions import TwilioRestException

from bot.media import media_links
from bot.messages import Attachment
from bot.outbox import Delivery, SendFailed, SendResult
from bot.ratelimit import Rate, RateLimited, RateLimiter, build_rate_limiter
from bot.settings import TwilioSettings
from bot.window import WINDOW
from channels.lazy import imported
from channels.whatsapp.parse import PREFIX, WINDOW_CLOSED_CODES
from channels.whatsapp.render import to_bodies, to_content_variables
from models import Bot, Channel, ChannelType

if TYPE_CHECKING:
    from twilio.http.async_http_client import AsyncTwilioHttpClient
    from twilio.rest import Client

TWILIO = ("twilio.rest", "twilio.http.async_http_client")  # imported off the event loop
BLOCKED_CODES = frozenset({"21610"})  # the recipient unsubscribed (sent STOP)


@dataclass(frozen=True)
class Account:
    """A bot's Twilio credentials and WhatsApp sender, read from its Channel row."""

    sid: str
    token: str
    sender: str  # whatsapp:+1...
    slug: str


class TwilioClients:
    """Async twilio Clients pointed at `settings.api_base`, one per account."""

    def __init__(
        self, settings: TwilioSettings, *, public_url: str, timeout_s: float = 20.0
    ) -> None:
        self.settings = settings
        self.public_url = public_url.rstrip("/")
        self.timeout_s = timeout_s
        self._clients: dict[tuple[str, str], Client] = {}
        self._http: list[AsyncTwilioHttpClient] = []

    async def client(self, sid: str, token: str) -> Client:
        key = (sid, token)
        await imported(*TWILIO)  # returns at once, without yielding, once loaded
        if key not in self._clients:
            from twilio.http.async_http_client import AsyncTwilioHttpClient
            from twilio.rest import Client

            http = AsyncTwilioHttpClient()
            self._http.append(http)
            client = Client(sid, token, http_client=http)
            client.api.base_url = self.settings.api_base.rstrip("/")
            self._clients[key] = client
        return self._clients[key]

    async def account(self, bot_id: UUID) -> Account:
        channel = await Channel.get_or_none(bot_id=bot_id, channel_type=ChannelType.WHATSAPP)
        if channel is None or not channel.secret:
            raise SendFailed(f"bot {bot_id} has no WhatsApp channel", retryable=False, code="setup")
        bot = await Bot.get(id=bot_id)
        config = channel.configuration
        return Account(config["account_sid"], channel.secret, config["from"], bot.slug)

    def status_url(self, slug: str) -> str:
        return f"{self.public_url}/whatsapp/{slug}/status"

    async def close(self) -> None:
        for http in self._http:
            await http.close()
        self._http.clear()
        self._clients.clear()


class WhatsAppSender:
    """The outbox's Sender for WhatsApp; the worker applies the 24-hour window before calling."""

    window: timedelta | None = WINDOW

    def __init__(self, clients: TwilioClients, *, limiter: RateLimiter | None = None) -> None:
        self.clients = clients
        self.limiter = limiter or build_rate_limiter("")
        self.per_sender = Rate.per_second(clients.settings.send_per_second)

    async def send(self, delivery: Delivery) -> SendResult:
        account = await self.clients.account(delivery.bot_id)
        if delivery.use_template and delivery.outbound.template is not None:
            template = delivery.outbound.template
            extra = {"content_sid": template.content_sid}
            extra["content_variables"] = to_content_variables(template)
            return SendResult(await self._create(account, delivery.to, extra), parts_sent=1)
        parts = [{"body": body} for body in to_bodies(delivery.outbound) if body]
        parts += [media_part(a) for a in delivery.outbound.attachments]
        last, sent = "", 0
        for part in parts[delivery.parts_done :]:
            try:
                last = await self._create(account, delivery.to, part)
            except SendFailed as exc:
                exc.parts_sent = sent
                raise
            sent += 1
        return SendResult(last, parts_sent=sent)

    async def _create(self, account: Account, to: str, fields: dict[str, Any]) -> str:
        client = await self.clients.client(account.sid, account.token)
        try:
            await self.limiter.wait(f"whatsapp:{account.sender}", self.per_sender)
        except RateLimited as exc:
            raise SendFailed(
                str(exc), retryable=True, retry_after=exc.retry_after, code="rate_limited"
            ) from exc
        try:
            async with asyncio.timeout(self.clients.timeout_s):
                message = await client.messages.create_async(
                    to=f"{PREFIX}{to}",
                    from_=account.sender,
                    status_callback=self.clients.status_url(account.slug),
                    **fields,
                )
        except TwilioRestException as exc:
            raise to_send_failed(exc) from exc
        except (TimeoutError, aiohttp.ClientError) as exc:
            raise SendFailed(
                f"twilio: {type(exc).__name__}", retryable=True, code="network"
            ) from exc
        return str(message.sid)


def media_part(attachment: Attachment) -> dict[str, Any]:
    """One attachment as its own message: Twilio fetches the file from a signed, expiring
    Parley URL (WhatsApp carries one media file per message)."""
    url = media_links.url(attachment, datetime.now(UTC))
    if url is None:
        raise SendFailed("media links are not configured", retryable=False, code="media")
    return {"media_url": [url]}


def to_send_failed(exc: TwilioRestException) -> SendFailed:
    code = str(exc.code) if exc.code is not None else str(exc.status)
    reason = f"twilio {exc.status} ({code}): {exc.msg}"
    if exc.status == 429 or exc.status >= 500:
        return SendFailed(reason, retryable=True, code=code)
    return SendFailed(
        reason,
        retryable=False,
        code=code,
        blocked=code in BLOCKED_CODES,
    )


__all__ = ["WINDOW_CLOSED_CODES", "TwilioClients", "WhatsAppSender", "to_send_failed"]
