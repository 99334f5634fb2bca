"""Knowledge-gaps page: weak answers grouped by meaning, citations per document, and "add an
answer" (a Q&A document, the question asked again on the spot). Same services as the API."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from bot.errors import InvalidInput
from bot.gaps import add_answer, gaps_report
from channels.studio.chooser import bot_of, section_page, services
from channels.studio.forms import fields
from channels.studio.render import render
from channels.studio.security import current
from models import Bot, Role


async def gaps_context(request: web.Request, bot: Bot, **extra: Any) -> dict[str, Any]:
    who = current(request)
    return {
        "bot": bot,
        "report": await gaps_report(who.creator_id, bot.slug),
        "can_edit": who.role in (Role.OWNER, Role.EDITOR),
        "retested": None,
        "error": None,
        "form": {"question": "", "answer": ""},
    } | extra


async def gaps_page(request: web.Request) -> web.StreamResponse:
    bot = await bot_of(request)
    return await render(request, "gaps.html", await gaps_context(request, bot))


async def answer_gap(request: web.Request) -> web.StreamResponse:
    bot, form = await bot_of(request), await fields(request)
    svc = services(request)
    try:
        retested = await add_answer(
            svc.knowledge,
            svc.answers,
            current(request).creator_id,
            bot.slug,
            question=form.get("question", ""),
            answer=form.get("answer", ""),
        )
    except InvalidInput as exc:
        ctx = await gaps_context(request, bot, error=str(exc), form=form)
        return await render(request, "gaps.html", ctx, status=400)
    ctx = await gaps_context(request, bot, retested=retested, form=form)
    return await render(request, "gaps.html", ctx, status=201)


def add_routes(app: web.Application) -> None:
    app.router.add_get("/gaps", section_page("gaps", "Knowledge gaps"))
    app.router.add_get("/bots/{slug}/gaps", gaps_page, name="bot_gaps")
    app.router.add_post("/bots/{slug}/gaps/answers", answer_gap)
