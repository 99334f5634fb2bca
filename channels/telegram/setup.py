"""Connecting a bot to Telegram: store the token (encrypted) and register the webhook."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from bot import audit
from bot.errors import InvalidInput, NotFound, ParleyError
from channels.base import channel_row, existing_bot
from channels.telegram.client import TelegramClients, api_error, unauthorized_error
from channels.telegram.webhook import ALLOWED_UPDATES, webhook_path
from models import Channel, ChannelType


async def add_channel(slug: str, token: str, clients: TelegramClients) -> Channel:
    """Check the token with getMe, then store it and a fresh webhook secret (both encrypted)."""
    bot = await existing_bot(slug)
    if ":" not in token:
        raise InvalidInput("a Telegram token looks like 123456:ABC-DEF... (from @BotFather)")
    try:
        me = await (await clients.for_token(token)).get_me()
    except unauthorized_error():
        raise InvalidInput("Telegram rejected the token (401): check it with @BotFather") from None
    except api_error() as exc:
        raise ParleyError(f"cannot reach the Telegram Bot API: {exc.message}") from None
    channel = await channel_row(bot, ChannelType.TELEGRAM)
    channel.secret = token
    channel.webhook_secret = secrets.token_urlsafe(32)
    channel.channel_name = f"@{me.username}"
    channel.configuration = {**channel.configuration, "username": me.username or ""}
    channel.status = "active"
    await channel.save()
    await audit.record(
        bot.creator_id,
        table="channel",
        operation="connect",
        record_id=channel.id,
        new={"type": "telegram", "name": channel.channel_name},
    )
    return channel


async def set_webhook(slug: str, *, public_url: str, clients: TelegramClients) -> str:
    """Point Telegram at `{public_url}/telegram/{slug}/webhook`; returns that URL."""
    bot = await existing_bot(slug)
    channel = await channel_row(bot, ChannelType.TELEGRAM)
    if not channel.secret:
        raise NotFound(f"bot {slug!r} has no Telegram channel: run `parley channel add telegram`")
    url = public_url.rstrip("/") + webhook_path(slug)
    try:
        await (await clients.for_token(channel.secret)).set_webhook(
            url=url, secret_token=channel.webhook_secret, allowed_updates=ALLOWED_UPDATES
        )
    except api_error() as exc:
        raise ParleyError(f"setWebhook failed: {exc.message}") from None
    return url


@dataclass(frozen=True)
class Connected:
    """A connected Telegram channel; `webhook_url` is None when updates need long polling."""

    channel: Channel
    webhook_url: str | None


async def connect(slug: str, token: str, clients: TelegramClients, *, public_url: str) -> Connected:
    """Verify and store the token, then register the webhook when the public URL is https
    (Telegram delivers webhooks to https only; otherwise serve with --telegram-polling)."""
    channel = await add_channel(slug, token, clients)
    if not public_url.startswith("https://"):
        return Connected(channel, None)
    return Connected(channel, await set_webhook(slug, public_url=public_url, clients=clients))
