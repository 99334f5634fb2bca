"""`/api/v1/bots`: a creator's bots, their personas and publishing."""

from __future__ import annotations

from typing import Any

from aiohttp import web
from pydantic import BaseModel, ConfigDict, Field

from bot import accounts
from bot.i18n.catalogue import available, keys, overrides_of, validate_overrides
from channels.api.auth import creator_of
from channels.api.bodies import read_json
from channels.http_errors import HttpError
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
    for name, value in changes.items():
        setattr(bot, name, value)
    await bot.save()
    return web.json_response(bot_json(bot))


async def publish_bot(request: web.Request) -> web.Response:
    bot = await accounts.get_bot(creator_of(request), request.match_info["slug"])
    version = await accounts.publish_bot(bot)
    await bot.refresh_from_db()
    return web.json_response(bot_json(bot) | {"version": version.version})


class TextsIn(BaseModel):
    """Per-bot replacements of built-in texts: key -> language tag (or "*") -> text."""

    model_config = ConfigDict(extra="forbid")

    texts: dict[str, dict[str, str]]


async def get_texts(request: web.Request) -> web.Response:
    bot = await accounts.get_bot(creator_of(request), request.match_info["slug"])
    return web.json_response(texts_json(bot))


async def set_texts(request: web.Request) -> web.Response:
    """Replace the bot's text overrides (an empty mapping restores the catalogues)."""
    bot = await accounts.get_bot(creator_of(request), request.match_info["slug"])
    body = await read_json(request, TextsIn)
    try:
        cleaned = validate_overrides(body.texts)
    except ValueError as exc:
        raise HttpError(400, f"invalid request: texts: {exc}") from None
    bot.settings = {**(bot.settings or {}), "texts": cleaned}
    await bot.save(update_fields=["settings", "updated_at"])
    return web.json_response(texts_json(bot))


def texts_json(bot: Bot) -> dict[str, Any]:
    return {
        "texts": overrides_of(bot.settings or {}),
        "keys": sorted(keys()),
        "languages": sorted(available()),
    }


def add_routes(app: web.Application) -> None:
    app.router.add_get("/api/v1/bots/{slug}/texts", get_texts)
    app.router.add_put("/api/v1/bots/{slug}/texts", set_texts)
    app.router.add_get("/api/v1/bots", list_bots)
    app.router.add_post("/api/v1/bots", create_bot)
    app.router.add_get("/api/v1/bots/{slug}", get_bot)
    app.router.add_patch("/api/v1/bots/{slug}", update_bot)
    app.router.add_post("/api/v1/bots/{slug}/publish", publish_bot)
