"""Bot pages: the workspace's bots, and one bot's persona, defaults, LLM, publishing, history."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from bot import accounts, configuration
from bot.configuration import FieldInvalid
from bot.errors import Conflict, InvalidInput
from channels.studio.chooser import bot_of, workspace_bots
from channels.studio.forms import fields
from channels.studio.render import flash, render
from channels.studio.security import CLOCK, current, requires
from channels.studio.settings import STUDIO_CONFIG
from models import Bot, BotStatus, Creator, Role

LIST_FIELDS = frozenset(
    {"traits", "hidden_rules", "languages", "allowed_origins", "widget_starters"}
)


def lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def settings_from(form: dict[str, str]) -> dict[str, Any]:
    """The posted editable fields, list fields one entry per line."""
    return {
        name: lines(form[name]) if name in LIST_FIELDS else form[name]
        for name in configuration.EDITABLE
        if name in form
    }


async def bots_page(request: web.Request) -> web.StreamResponse:
    ctx = {"bots": await workspace_bots(request), "form": {}, "errors": {}}
    return await render(request, "bots.html", ctx)


async def create_bot(request: web.Request) -> web.StreamResponse:
    form = await fields(request)
    creator = await Creator.get(id=current(request).creator_id)
    try:
        bot = await configuration.create(creator, form.get("slug", ""), form.get("name", ""), {})
    except FieldInvalid as exc:
        return await _create_failed(request, form, {exc.field: exc.message})
    except (InvalidInput, Conflict) as exc:
        return await _create_failed(request, form, {"slug": str(exc)})
    await flash(request, f"Bot {bot.name} created. Write its persona, then publish it.")
    raise web.HTTPFound(f"/studio/bots/{bot.slug}")


async def _create_failed(
    request: web.Request, form: dict[str, str], errors: dict[str, str]
) -> web.StreamResponse:
    ctx = {"bots": await workspace_bots(request), "form": form, "errors": errors}
    return await render(request, "bots.html", ctx, status=400)


async def bot_context(request: web.Request, bot: Bot, **extra: Any) -> dict[str, Any]:
    values = configuration.draft_values(bot)
    shown = {k: "\n".join(v) if k in LIST_FIELDS else v for k, v in values.items()}
    public_url = request.app[STUDIO_CONFIG].public_url
    return {
        "bot": bot,
        "values": shown,
        "errors": {},
        "changes": configuration.changes(bot),
        "versions": await configuration.versions(bot),
        "snippet": configuration.embed_snippet(bot, public_url),
        "key_set": bool(bot.llm_api_key),
        "archived": bot.status == BotStatus.ARCHIVED,
        "can_edit": current(request).role in (Role.OWNER, Role.EDITOR),
    } | extra


async def bot_page(request: web.Request) -> web.StreamResponse:
    bot = await bot_of(request)
    return await render(request, "bot.html", await bot_context(request, bot))


async def save_bot(request: web.Request) -> web.StreamResponse:
    """Save the form into the draft; errors are shown beside their field, nothing is saved."""
    bot = await bot_of(request)
    form = await fields(request)
    key = form.get("llm_api_key") or None
    if form.get("clear_llm_api_key"):
        key = ""
    try:
        await configuration.edit(bot, settings_from(form), llm_api_key=key)
    except FieldInvalid as exc:
        ctx = await bot_context(request, bot, errors={exc.field: exc.message})
        ctx["values"] = ctx["values"] | {k: v for k, v in form.items() if k in ctx["values"]}
        return await render(request, "bot.html", ctx, status=400)
    await flash(request, "Draft saved. Publish it when you are ready.")
    raise web.HTTPFound(f"/studio/bots/{bot.slug}")


async def publish_bot(request: web.Request) -> web.StreamResponse:
    bot = await bot_of(request)
    form = await fields(request)
    version = await configuration.publish(bot, note=form.get("note", ""))
    await flash(request, f"Version {version.version} published: learners get it now.")
    raise web.HTTPFound(f"/studio/bots/{bot.slug}")


async def archive_bot(request: web.Request) -> web.StreamResponse:
    bot = await configuration.archive(await bot_of(request))
    await flash(request, f"{bot.name} is archived: it no longer answers anyone.")
    raise web.HTTPFound(f"/studio/bots/{bot.slug}")


async def restore_bot(request: web.Request) -> web.StreamResponse:
    bot = await configuration.restore(await bot_of(request))
    await flash(request, f"{bot.name} is restored.")
    raise web.HTTPFound(f"/studio/bots/{bot.slug}")


@requires(Role.OWNER)
async def delete_bot(request: web.Request) -> web.StreamResponse:
    bot = await bot_of(request)
    await accounts.soft_delete_bot(bot, now=request.app[CLOCK].now())
    await flash(request, f"{bot.name} is deleted; it is removed for good after 30 days.")
    raise web.HTTPFound("/studio/bots")


def add_routes(app: web.Application) -> None:
    app.router.add_get("/bots", bots_page, name="bots")
    app.router.add_post("/bots", create_bot)
    app.router.add_get("/bots/{slug}", bot_page, name="bot")
    app.router.add_post("/bots/{slug}", save_bot)
    app.router.add_post("/bots/{slug}/publish", publish_bot)
    app.router.add_post("/bots/{slug}/archive", archive_bot)
    app.router.add_post("/bots/{slug}/restore", restore_bot)
    app.router.add_post("/bots/{slug}/delete", delete_bot)
