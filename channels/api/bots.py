"""`/api/v1/bots`: a creator's bots, their personas and publishing."""

from __future__ import annotations

from typing import Any

from aiohttp import web
from pydantic import BaseModel, ConfigDict, Field

from bot import accounts
from channels.api.auth import creator_of
from channels.api.bodies import read_json
from models import Bot, BotStatus, Creator


class PersonaIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str | None = Field(default=None, min_length=1, max_length=255)
    persona_name: str | None = Field(default=None, max_length=255)
    description: str | None = None
    system_prompt: str | None = None
    traits: list[str] | None = None
    backstory: str | None = None
    hidden_rules: list[str] | None = None
    languages: list[str] | None = None
    greeting: str | None = None
    sign_off: str | None = None
    allowed_origins: list[str] | None = None


class BotIn(PersonaIn):
    slug: str = Field(min_length=3, max_length=64)
    name: str | None = Field(min_length=1, max_length=255)


def bot_json(bot: Bot) -> dict[str, Any]:
    return {
        "id": str(bot.id),
        "slug": bot.slug,
        "name": bot.name,
        "status": bot.status.value,
        "version": bot.current_version,
        "public_key": bot.public_key,
        "persona": accounts.persona_snapshot(bot),
        "allowed_origins": bot.allowed_origins,
        "created_at": bot.created_at.isoformat(),
    }


async def list_bots(request: web.Request) -> web.Response:
    bots = await Bot.for_creator(creator_of(request)).exclude(status=BotStatus.DELETED)
    return web.json_response({"bots": [bot_json(b) for b in bots]})


async def create_bot(request: web.Request) -> web.Response:
    body = await read_json(request, BotIn)
    creator = await Creator.get(id=creator_of(request))
    fields = body.model_dump(exclude_none=True, exclude={"slug", "name"})
    bot = await accounts.create_bot(creator, body.slug, body.name or "", **fields)
    return web.json_response(bot_json(bot), status=201)


async def get_bot(request: web.Request) -> web.Response:
    bot = await accounts.get_bot(creator_of(request), request.match_info["slug"])
    return web.json_response(bot_json(bot))


async def update_bot(request: web.Request) -> web.Response:
    bot = await accounts.get_bot(creator_of(request), request.match_info["slug"])
    changes = (await read_json(request, PersonaIn)).model_dump(exclude_none=True)
    await accounts.update_bot(bot, changes)
    return web.json_response(bot_json(bot))


async def publish_bot(request: web.Request) -> web.Response:
    bot = await accounts.get_bot(creator_of(request), request.match_info["slug"])
    version = await accounts.publish_bot(bot)
    await bot.refresh_from_db()
    return web.json_response(bot_json(bot) | {"version": version.version})


def add_routes(app: web.Application) -> None:
    app.router.add_get("/api/v1/bots", list_bots)
    app.router.add_post("/api/v1/bots", create_bot)
    app.router.add_get("/api/v1/bots/{slug}", get_bot)
    app.router.add_patch("/api/v1/bots/{slug}", update_bot)
    app.router.add_post("/api/v1/bots/{slug}/publish", publish_bot)
