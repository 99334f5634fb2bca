"""Channel pages: connect Telegram and WhatsApp (Twilio), the widget, and each one's health."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from bot import configuration
from bot.channel_health import bot_channels
from bot.errors import InvalidInput, ParleyError
from channels.studio.chooser import bot_of, section_page, services
from channels.studio.forms import fields
from channels.studio.render import flash, render
from channels.studio.security import current
from channels.studio.settings import STUDIO_CONFIG
from channels.telegram import setup as telegram_setup
from channels.whatsapp import setup as whatsapp_setup
from models import Bot, Role

WHATSAPP_FIELDS = {"--account-sid": "account_sid", "--auth-token": "auth_token", "--from": "sender"}


async def channels_context(request: web.Request, bot: Bot, **extra: Any) -> dict[str, Any]:
    public_url = request.app[STUDIO_CONFIG].public_url
    inbound, status = whatsapp_setup.twilio_urls(bot.slug, public_url)
    return {
        "bot": bot,
        "health": await bot_channels(bot),
        "twilio_urls": {"incoming": inbound, "status": status},
        "https": public_url.startswith("https://"),
        "snippet": configuration.embed_snippet(bot, public_url),
        "can_edit": current(request).role in (Role.OWNER, Role.EDITOR),
        "errors": {},
        "form": {},
    } | extra


async def channels_page(request: web.Request) -> web.StreamResponse:
    bot = await bot_of(request)
    return await render(request, "channels.html", await channels_context(request, bot))


async def _failed(
    request: web.Request, bot: Bot, form: dict[str, str], errors: dict[str, str]
) -> web.StreamResponse:
    safe = {k: v for k, v in form.items() if k not in ("token", "auth_token")}
    ctx = await channels_context(request, bot, errors=errors, form=safe)
    return await render(request, "channels.html", ctx, status=400)


async def connect_telegram(request: web.Request) -> web.StreamResponse:
    bot = await bot_of(request)
    form = await fields(request)
    try:
        done = await telegram_setup.connect(
            bot.slug,
            form.get("token", ""),
            services(request).telegram_clients,
            public_url=request.app[STUDIO_CONFIG].public_url,
        )
    except InvalidInput as exc:
        return await _failed(request, bot, form, {"token": str(exc)})
    except ParleyError as exc:
        return await _failed(request, bot, form, {"telegram": str(exc)})
    how = (
        f"webhook set to {done.webhook_url}"
        if done.webhook_url
        else "start the server with `parley serve --telegram-polling` to receive messages"
    )
    await flash(request, f"Telegram connected as {done.channel.channel_name}: {how}.")
    raise web.HTTPFound(f"/studio/bots/{bot.slug}/channels")


async def connect_whatsapp(request: web.Request) -> web.StreamResponse:
    bot = await bot_of(request)
    form = await fields(request)
    try:
        await whatsapp_setup.add_channel(
            bot.slug,
            account_sid=form.get("account_sid", ""),
            auth_token=form.get("auth_token", ""),
            sender=form.get("sender", ""),
        )
    except InvalidInput as exc:
        option, _, reason = str(exc).partition(": ")
        field = WHATSAPP_FIELDS.get(option, "whatsapp")
        return await _failed(request, bot, form, {field: reason or str(exc)})
    await flash(request, "WhatsApp connected: paste the two URLs below into Twilio.")
    raise web.HTTPFound(f"/studio/bots/{bot.slug}/channels")


def add_routes(app: web.Application) -> None:
    base = "/bots/{slug}/channels"
    app.router.add_get("/channels", section_page("channels", "Channels"), name="channels")
    app.router.add_get(base, channels_page, name="bot_channels")
    app.router.add_post(base + "/telegram", connect_telegram)
    app.router.add_post(base + "/whatsapp", connect_whatsapp)
