"""A bot's Texts tab: the built-in learner texts per language, each replaceable by the creator."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from bot import texts
from bot.i18n.catalogue import ANY_LANGUAGE, DEFAULT_LANGUAGE, available
from bot.i18n.language import normalise_tag
from channels.studio.chooser import bot_of
from channels.studio.forms import fields
from channels.studio.render import flash, render
from models import Bot

PREFIX = "text:"


def languages() -> list[tuple[str, str]]:
    shipped = [(tag, tag) for tag in sorted(available())]
    return [(ANY_LANGUAGE, "every language (*)"), *shipped]


def chosen_language(raw: str | None) -> str:
    if not raw:
        return DEFAULT_LANGUAGE
    if raw == ANY_LANGUAGE:
        return raw
    tag = normalise_tag(raw)
    if not tag:
        raise web.HTTPBadRequest(reason=f"{raw!r} is not a language tag (e.g. es, pt-BR, or *)")
    return tag


def _context(bot: Bot, language: str, **extra: Any) -> dict[str, Any]:
    return {
        "bot": bot,
        "language": language,
        "languages": languages(),
        "rows": texts.rows(bot, language),
        "error": None,
    } | extra


async def texts_page(request: web.Request) -> web.StreamResponse:
    bot = await bot_of(request)
    language = chosen_language(request.query.get("language"))
    return await render(request, "bot_texts.html", _context(bot, language))


async def save_texts(request: web.Request) -> web.StreamResponse:
    bot = await bot_of(request)
    form = await fields(request)
    language = chosen_language(form.get("language"))
    posted = {k.removeprefix(PREFIX): v for k, v in form.items() if k.startswith(PREFIX)}
    try:
        await texts.set_language(bot, language, posted)
    except ValueError as exc:
        ctx = _context(bot, language, error=str(exc))
        shown = [texts.TextRow(r.key, r.default, posted.get(r.key, "")) for r in ctx["rows"]]
        return await render(request, "bot_texts.html", ctx | {"rows": shown}, status=400)
    await flash(request, f"Texts for {language} saved.")
    raise web.HTTPSeeOther(f"/studio/bots/{bot.slug}/texts?language={language}")


def add_routes(app: web.Application) -> None:
    app.router.add_get("/bots/{slug}/texts", texts_page, name="bot_texts")
    app.router.add_post("/bots/{slug}/texts", save_texts)
