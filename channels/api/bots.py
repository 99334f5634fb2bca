"""`/api/v1/bots`: a creator's bots, their personas and publishing."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from aiohttp import web
from pydantic import BaseModel, ConfigDict, Field

from bot import accounts, configuration, texts
from bot.i18n.catalogue import available, keys, overrides_of
from channels.api.auth import creator_of
from channels.api.bodies import read_json
from channels.api.contract import Out, operation
from channels.http_errors import HttpError
from models import Bot, BotStatus, BotVersion, Creator


class BotIn(BaseModel):
    """A new bot: its slug and name; every other setting is edited (and validated) afterwards."""

    model_config = ConfigDict(extra="allow")

    slug: str = Field(min_length=3, max_length=64)
    name: str = Field(min_length=1, max_length=255)


class EditIn(BaseModel):
    """Draft edits (validated by `bot.configuration`) and the write-only LLM API key."""

    model_config = ConfigDict(extra="allow")

    llm_api_key: str | None = Field(default=None, max_length=500)


class PublishIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    note: str = Field(default="", max_length=255)


class ChangeOut(Out):
    field: str
    before: Any
    after: Any


class BotOut(Out):
    """A bot as its creator sees it; `llm_api_key_set` says whether a key is stored (never it)."""

    id: str
    slug: str
    name: str
    status: BotStatus
    version: int
    public_key: str
    persona: dict[str, Any]
    allowed_origins: list[str]
    published: dict[str, Any]
    draft: dict[str, Any]
    changes: list[ChangeOut]
    llm_api_key_set: bool
    created_at: str


class BotsOut(Out):
    bots: list[BotOut]


class VersionOut(Out):
    version: int
    note: str
    settings: dict[str, Any]
    created_at: str


class VersionsOut(Out):
    versions: list[VersionOut]


class TextsOut(Out):
    """The bot's text overrides, and the keys and languages an override may name."""

    texts: dict[str, dict[str, str]]
    keys: list[str]
    languages: list[str]


def bot_json(bot: Bot) -> dict[str, Any]:
    """A bot as a creator sees it: never its LLM API key, only whether one is set."""
    return {
        "id": str(bot.id),
        "slug": bot.slug,
        "name": bot.name,
        "status": bot.status.value,
        "version": bot.current_version,
        "public_key": bot.public_key,
        "persona": accounts.persona_snapshot(bot),
        "allowed_origins": bot.allowed_origins,
        "published": configuration.published_values(bot),
        "draft": configuration.draft_values(bot),
        "changes": [asdict(c) for c in configuration.changes(bot)],
        "llm_api_key_set": bool(bot.llm_api_key),
        "created_at": bot.created_at.isoformat(),
    }


def version_json(version: BotVersion) -> dict[str, Any]:
    return {
        "version": version.version,
        "note": version.note,
        "settings": version.persona,
        "created_at": version.created_at.isoformat(),
    }


@operation("List bots", ok=BotsOut)
async def list_bots(request: web.Request) -> web.Response:
    bots = await Bot.for_creator(creator_of(request)).exclude(status=BotStatus.DELETED)
    return BotsOut.respond({"bots": [bot_json(b) for b in bots]})


@operation("Create a bot", ok=BotOut, status=201, body=BotIn, errors=(409,))
async def create_bot(request: web.Request) -> web.Response:
    body = await read_json(request, BotIn)
    creator = await Creator.get(id=creator_of(request))
    bot = await configuration.create(creator, body.slug, body.name, body.model_extra or {})
    return BotOut.respond(bot_json(bot), status=201)


@operation("Get a bot", ok=BotOut, errors=(404,))
async def get_bot(request: web.Request) -> web.Response:
    bot = await accounts.get_bot(creator_of(request), request.match_info["slug"])
    return BotOut.respond(bot_json(bot))


@operation("Edit a bot's draft", ok=BotOut, body=EditIn, errors=(404,))
async def update_bot(request: web.Request) -> web.Response:
    """Edits go to the draft; learners get them once the bot is published."""
    bot = await accounts.get_bot(creator_of(request), request.match_info["slug"])
    body = await read_json(request, EditIn)
    await configuration.edit(bot, body.model_extra or {}, llm_api_key=body.llm_api_key)
    return BotOut.respond(bot_json(bot))


@operation("Publish the draft", ok=BotOut, body=PublishIn, errors=(404, 409))
async def publish_bot(request: web.Request) -> web.Response:
    bot = await accounts.get_bot(creator_of(request), request.match_info["slug"])
    note = (await read_json(request, PublishIn)).note if request.can_read_body else ""
    version = await configuration.publish(bot, note=note)
    await bot.refresh_from_db()
    return BotOut.respond(bot_json(bot) | {"version": version.version})


@operation("List published versions", ok=VersionsOut, errors=(404,))
async def list_versions(request: web.Request) -> web.Response:
    bot = await accounts.get_bot(creator_of(request), request.match_info["slug"])
    versions = await configuration.versions(bot)
    return VersionsOut.respond({"versions": [version_json(v) for v in versions]})


@operation("Archive a bot", ok=BotOut, errors=(404, 409))
async def archive_bot(request: web.Request) -> web.Response:
    bot = await accounts.get_bot(creator_of(request), request.match_info["slug"])
    return BotOut.respond(bot_json(await configuration.archive(bot)))


@operation("Restore an archived bot", ok=BotOut, errors=(404, 409))
async def restore_bot(request: web.Request) -> web.Response:
    bot = await accounts.get_bot(creator_of(request), request.match_info["slug"])
    return BotOut.respond(bot_json(await configuration.restore(bot)))


class TextsIn(BaseModel):
    """Per-bot replacements of built-in texts: key -> language tag (or "*") -> text."""

    model_config = ConfigDict(extra="forbid")

    texts: dict[str, dict[str, str]]


@operation("Get the bot's text overrides", ok=TextsOut, errors=(404,))
async def get_texts(request: web.Request) -> web.Response:
    bot = await accounts.get_bot(creator_of(request), request.match_info["slug"])
    return TextsOut.respond(texts_json(bot))


@operation("Replace the bot's text overrides", ok=TextsOut, body=TextsIn, errors=(404,))
async def set_texts(request: web.Request) -> web.Response:
    """Replace the bot's text overrides (an empty mapping restores the catalogues)."""
    bot = await accounts.get_bot(creator_of(request), request.match_info["slug"])
    body = await read_json(request, TextsIn)
    try:
        await texts.set_overrides(bot, body.texts)
    except ValueError as exc:
        raise HttpError(400, f"invalid request: texts: {exc}") from None
    return TextsOut.respond(texts_json(bot))


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
    app.router.add_get("/api/v1/bots/{slug}/versions", list_versions)
    app.router.add_post("/api/v1/bots/{slug}/archive", archive_bot)
    app.router.add_post("/api/v1/bots/{slug}/restore", restore_bot)
