"""Connecting a bot to WhatsApp: store the Twilio account, auth token (encrypted) and sender."""

from __future__ import annotations

import re

from bot import audit
from bot.errors import InvalidInput
from channels.base import channel_row, existing_bot
from channels.whatsapp.webhook import INBOUND_PATH, STATUS_PATH
from models import Channel, ChannelType

ACCOUNT_SID = re.compile(r"^AC[0-9a-fA-F]{32}$")
SENDER = re.compile(r"^whatsapp:\+[1-9]\d{6,14}$")


async def add_channel(slug: str, *, account_sid: str, auth_token: str, sender: str) -> Channel:
    """Validate and store the bot's Twilio WhatsApp settings; re-adding replaces them."""
    if not ACCOUNT_SID.match(account_sid):
        raise InvalidInput("--account-sid: expected AC followed by 32 hex digits")
    if not auth_token.strip():
        raise InvalidInput("--auth-token: must not be empty")
    if not SENDER.match(sender):
        raise InvalidInput(
            "--from: expected whatsapp:+<country code><number>, e.g. whatsapp:+14155238886"
        )
    bot = await existing_bot(slug)
    channel = await channel_row(bot, ChannelType.WHATSAPP)
    channel.secret = auth_token.strip()
    channel.channel_name = sender
    channel.configuration = {**channel.configuration, "account_sid": account_sid, "from": sender}
    channel.status = "active"
    await channel.save()
    await audit.record(
        bot.creator_id,
        table="channel",
        operation="connect",
        record_id=channel.id,
        new={"type": "whatsapp", "name": sender, "account_sid": account_sid},
    )
    return channel


def twilio_urls(slug: str, public_url: str) -> tuple[str, str]:
    """(incoming messages URL, status callback URL) to paste into the Twilio console."""
    base = public_url.rstrip("/")
    return (
        base + INBOUND_PATH.format(bot_slug=slug),
        base + STATUS_PATH.format(bot_slug=slug),
    )
