"""`/api/v1/bots/{slug}/channels`: connect a bot to Telegram or WhatsApp (secrets encrypted)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from aiohttp import web
from pydantic import BaseModel, ConfigDict, Field

from bot import accounts
from bot.channel_health import ChannelHealth, bot_channels
from channels.api.auth import creator_of
from channels.api.bodies import read_json
from channels.api.contract import Out, operation
from channels.telegram import TelegramClients
from channels.telegram import setup as telegram_setup
from channels.whatsapp import setup as whatsapp_setup
from models import Channel

TELEGRAM_CLIENTS = web.AppKey("telegram_clients", TelegramClients)
PUBLIC_URL = web.AppKey("public_url", str)


class TelegramIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    token: str = Field(min_length=10, max_length=200)


class WhatsAppIn(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    account_sid: str
    auth_token: str = Field(min_length=1, max_length=200)
    sender: str = Field(alias="from")


class ChannelOut(Out):
    """A connected channel; its token and secrets are never shown."""

    type: str
    name: str | None
    status: str
    configuration: dict[str, Any]


class ChannelsOut(Out):
    channels: list[ChannelOut]


class TelegramOut(ChannelOut):
    webhook: str


class WhatsAppOut(ChannelOut):
    incoming_url: str
    status_callback_url: str


class HealthOut(Out):
    type: str
    connected: bool
    name: str | None
    status: str | None
    healthy: bool
    last_inbound: str | None
    last_send: str | None
    last_error: str | None
    last_error_at: str | None
    blocked_learners: int


class HealthListOut(Out):
    channels: list[HealthOut]


def channel_json(channel: Channel) -> dict[str, Any]:
    """What a creator may see of a channel: never its token or secrets."""
    return {
        "type": channel.channel_type.value,
        "name": channel.channel_name,
        "status": channel.status,
        "configuration": {k: v for k, v in channel.configuration.items() if "token" not in k},
    }


@operation("List the bot's channels", ok=ChannelsOut, errors=(404,))
async def list_channels(request: web.Request) -> web.Response:
    bot = await accounts.get_bot(creator_of(request), request.match_info["slug"])
    channels = await Channel.for_creator(bot.creator_id).filter(bot_id=bot.id)
    return ChannelsOut.respond({"channels": [channel_json(c) for c in channels]})


@operation("Connect Telegram", ok=TelegramOut, status=201, body=TelegramIn, errors=(404, 409, 422))
async def add_telegram(request: web.Request) -> web.Response:
    bot = await accounts.get_bot(creator_of(request), request.match_info["slug"])
    body = await read_json(request, TelegramIn)
    clients = request.app[TELEGRAM_CLIENTS]
    public_url = request.app[PUBLIC_URL]
    done = await telegram_setup.connect(bot.slug, body.token, clients, public_url=public_url)
    polling = "none: public URL is not https, serve with --telegram-polling"
    body_json = channel_json(done.channel) | {"webhook": done.webhook_url or polling}
    return TelegramOut.respond(body_json, status=201)


@operation("Connect WhatsApp", ok=WhatsAppOut, status=201, body=WhatsAppIn, errors=(404, 409))
async def add_whatsapp(request: web.Request) -> web.Response:
    bot = await accounts.get_bot(creator_of(request), request.match_info["slug"])
    body = await read_json(request, WhatsAppIn)
    channel = await whatsapp_setup.add_channel(
        bot.slug, account_sid=body.account_sid, auth_token=body.auth_token, sender=body.sender
    )
    inbound, status = whatsapp_setup.twilio_urls(bot.slug, request.app[PUBLIC_URL])
    urls = {"incoming_url": inbound, "status_callback_url": status}
    return WhatsAppOut.respond(channel_json(channel) | urls, status=201)


@operation("Channel health", ok=HealthListOut, errors=(404,))
async def channel_health(request: web.Request) -> web.Response:
    bot = await accounts.get_bot(creator_of(request), request.match_info["slug"])
    return HealthListOut.respond(
        {"channels": [health_json(h) for h in (await bot_channels(bot)).values()]}
    )


def health_json(health: ChannelHealth) -> dict[str, Any]:
    def when(value: datetime | None) -> str | None:
        return value.isoformat() if value else None

    return {
        "type": health.kind.value,
        "connected": health.connected,
        "name": health.name,
        "status": health.status,
        "healthy": health.healthy,
        "last_inbound": when(health.last_inbound),
        "last_send": when(health.last_send),
        "last_error": health.last_error,
        "last_error_at": when(health.last_error_at),
        "blocked_learners": health.blocked,
    }


def add_routes(app: web.Application) -> None:
    app.router.add_get("/api/v1/bots/{slug}/channels", list_channels)
    app.router.add_post("/api/v1/bots/{slug}/channels/telegram", add_telegram)
    app.router.add_post("/api/v1/bots/{slug}/channels/whatsapp", add_whatsapp)
    app.router.add_get("/api/v1/bots/{slug}/channels/health", channel_health)
