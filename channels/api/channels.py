"""`/api/v1/bots/{slug}/channels`: connect a bot to Telegram or WhatsApp (secrets encrypted)."""

from __future__ import annotations

from typing import Any

from aiohttp import web
from pydantic import BaseModel, ConfigDict, Field

from bot import accounts
from channels.api.auth import creator_of
from channels.api.bodies import read_json
from channels.telegram import TelegramClients
from channels.telegram import setup as telegram_setup
from channels.whatsapp import setup as whatsapp_setup
from models import Channel

TELEGRAM_CLIENTS = web.AppKey("telegram_clients", TelegramClients)


class TelegramIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    token: str = Field(min_length=10, max_length=200)


class WhatsAppIn(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    account_sid: str
    auth_token: str = Field(min_length=1, max_length=200)
    sender: str = Field(alias="from")


def channel_json(channel: Channel) -> dict[str, Any]:
    """What a creator may see of a channel: never its token or secrets."""
    return {
        "type": channel.channel_type.value,
        "name": channel.channel_name,
        "status": channel.status,
        "configuration": {k: v for k, v in channel.configuration.items() if "token" not in k},
    }


async def list_channels(request: web.Request) -> web.Response:
    bot = await accounts.get_bot(creator_of(request), request.match_info["slug"])
    channels = await Channel.for_creator(bot.creator_id).filter(bot_id=bot.id)
    return web.json_response({"channels": [channel_json(c) for c in channels]})


async def add_telegram(request: web.Request) -> web.Response:
    bot = await accounts.get_bot(creator_of(request), request.match_info["slug"])
    body = await read_json(request, TelegramIn)
    clients = request.app[TELEGRAM_CLIENTS]
    channel = await telegram_setup.add_channel(bot.slug, body.token, clients)
    return web.json_response(channel_json(channel), status=201)


async def add_whatsapp(request: web.Request) -> web.Response:
    bot = await accounts.get_bot(creator_of(request), request.match_info["slug"])
    body = await read_json(request, WhatsAppIn)
    channel = await whatsapp_setup.add_channel(
        bot.slug, account_sid=body.account_sid, auth_token=body.auth_token, sender=body.sender
    )
    return web.json_response(channel_json(channel), status=201)


def add_routes(app: web.Application) -> None:
    app.router.add_get("/api/v1/bots/{slug}/channels", list_channels)
    app.router.add_post("/api/v1/bots/{slug}/channels/telegram", add_telegram)
    app.router.add_post("/api/v1/bots/{slug}/channels/whatsapp", add_whatsapp)
