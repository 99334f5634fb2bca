"""Widget endpoints: messages in (HTTP), history, citations, live pushes (WebSocket), the script."""

from __future__ import annotations

import hmac
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlsplit
from uuid import UUID

from aiohttp import WSMsgType, web
from pydantic import BaseModel, Field, ValidationError

from bot.live import BotUnavailable, live_bot
from bot.messages import ChannelName, InboundMessage
from bot.settings import WidgetSettings
from bot.theme import widget_config
from channels.http_errors import HttpError
from channels.web.feedback import SESSION_PATTERN, rate
from channels.web.live import WidgetLive, widget_message
from channels.web.ratelimit import WidgetLimits
from channels.web.transcript import document_page, session_history
from models import Bot

STATIC = Path(__file__).parent / "static"


class Handles(Protocol):
    """The part of the engine the widget needs."""

    async def handle(
        self, inbound: InboundMessage, *, deliver_inline: bool = False, bot: Bot | None = None
    ) -> Any: ...


class Durable(Protocol):
    """The part of the durable inbox the widget needs."""

    async def accept(
        self, inbound: InboundMessage, *, bot_id: UUID, claim: bool = False
    ) -> UUID | None: ...

    async def run(self, row_id: UUID, inbound: InboundMessage, **handle: Any) -> Any: ...


class WidgetMessageIn(BaseModel):
    """The JSON body of `POST /widget/{bot}/messages` (untrusted: validated at the edge)."""

    session: str = Field(min_length=8, max_length=128, pattern=SESSION_PATTERN)
    id: str = Field(min_length=1, max_length=128, pattern=r"^[A-Za-z0-9_\-:.]+$")
    text: str = Field(default="", max_length=1_000_000)
    payload: str | None = Field(default=None, max_length=256)


def session_of(request: web.Request) -> str:
    """The `session` query parameter, checked as strictly as a message body's."""
    session = request.query.get("session", "")
    if not re.fullmatch(SESSION_PATTERN, session):
        raise error(400, "invalid request: session: 8-128 letters, digits or _-:. are required")
    return session


def error(status: int, reason: str, *, code: str | None = None, **headers: str) -> HttpError:
    return HttpError(status, reason, headers, code=code)


async def widget_bot(request: web.Request) -> Bot:
    """The live bot the widget talks to (process cache): 404 unknown, 410 archived or deleted."""
    slug = request.match_info["bot"]
    try:
        return await live_bot(slug)
    except BotUnavailable:
        pass
    bot = await Bot.get_or_none(slug=slug)
    if bot is None:
        raise error(404, "no such bot", code="bot_not_found")
    raise error(
        410, f"bot {slug!r} is {bot.status}: it takes no more messages", code="bot_unavailable"
    )


def to_inbound(slug: str, body: WidgetMessageIn) -> InboundMessage:
    return InboundMessage(
        channel=ChannelName.WEB,
        bot=slug,
        external_user_id=body.session,
        external_message_id=f"{body.session}:{body.id}",
        text=body.text.strip(),
        payload=body.payload,
    )


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


@dataclass
class WidgetEndpoints:
    engine: Handles
    inbox: Durable
    live: WidgetLive
    limits: WidgetSettings
    public_url: str
    rate_limits: WidgetLimits

    # -- checks ---------------------------------------------------------------------------
    async def bot_for(self, request: web.Request, key: str | None) -> Bot:
        bot = await widget_bot(request)
        if not key:
            raise error(401, "missing widget key (X-Parley-Key header)", code="missing_widget_key")
        if not hmac.compare_digest(key.encode(), bot.public_key.encode()):
            raise error(403, "wrong widget key for this bot", code="wrong_widget_key")
        self.check_origin(request, bot)
        return bot

    def check_origin(self, request: web.Request, bot: Bot) -> None:
        origin = request.headers.get("Origin")
        if origin is None or origin in self.allowed_origins(bot, request):
            return
        message = f"origin {origin} is not in this bot's allowed origins"
        raise error(403, message, code="origin_not_allowed")

    def allowed_origins(self, bot: Bot, request: web.Request) -> set[str]:
        own = {origin_of(self.public_url), f"{request.scheme}://{request.host}"}
        allowed = {o.rstrip("/") for o in bot.allowed_origins}
        return own | allowed | ({request.headers.get("Origin", "")} if "*" in allowed else set())

    async def rate_limit(self, request: web.Request, session: str) -> None:
        bot = request.match_info["bot"]
        wait = await self.rate_limits.check(
            ip=request.remote or "unknown", bot=bot, session=session
        )
        if wait:
            raise error(429, "too many messages; slow down", **{"Retry-After": str(wait)})

    async def parse(self, request: web.Request) -> WidgetMessageIn:
        limit = self.limits.max_text_chars * 4 + 1024
        if (request.content_length or 0) > limit:
            raise error(413, f"message too large (limit {self.limits.max_text_chars} characters)")
        raw = await request.read()
        if len(raw) > limit:
            raise error(413, f"message too large (limit {self.limits.max_text_chars} characters)")
        try:
            body = WidgetMessageIn.model_validate_json(raw)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "body"
            raise error(400, f"invalid request: {where}: {first['msg']}") from None
        if len(body.text) > self.limits.max_text_chars:
            raise error(413, f"text too long (limit {self.limits.max_text_chars} characters)")
        if not body.text.strip() and not body.payload:
            raise error(400, "invalid request: text: must not be empty")
        return body

    # -- handlers -------------------------------------------------------------------------
    async def post_message(self, request: web.Request) -> web.Response:
        bot = await self.bot_for(request, request.headers.get("X-Parley-Key"))
        body = await self.parse(request)
        await self.rate_limit(request, body.session)
        result = await self.answer(bot, self.inbound(bot, body))
        replies = with_ids(result.replies, result.outbound_message_ids)
        return self.cors(request, web.json_response({"replies": replies}), bot)

    async def answer(self, bot: Bot, inbound: InboundMessage) -> Any:
        """Stored in the durable inbox before it is answered, like a webhook's message: a
        process killed mid-turn leaves it to recovery, which answers it once (the reply then
        reaches the widget over its WebSocket and in its history). A message id the widget
        sent before gets the replies stored for it."""
        row_id = await self.inbox.accept(inbound, bot_id=bot.id, claim=True)
        try:
            if row_id is None:
                return await self.engine.handle(inbound, deliver_inline=True, bot=bot)
            return await self.inbox.run(row_id, inbound, deliver_inline=True, bot=bot)
        except BotUnavailable:  # archived since this process cached it (another process, < 5 s)
            raise error(
                410,
                f"bot {bot.slug!r} is archived: it takes no more messages",
                code="bot_unavailable",
            ) from None

    def inbound(self, bot: Bot, body: WidgetMessageIn) -> InboundMessage:
        return to_inbound(bot.slug, body)

    async def history(self, request: web.Request) -> web.Response:
        bot = await self.bot_for(request, request.headers.get("X-Parley-Key"))
        session = session_of(request)
        messages = await session_history(bot, session)
        return self.cors(request, web.json_response({"messages": messages}), bot)

    async def config(self, request: web.Request) -> web.Response:
        """The bot's widget theme (colour, title, avatar, position, greeting, starters)."""
        bot = await self.bot_for(request, request.headers.get("X-Parley-Key"))
        return self.cors(request, web.json_response(widget_config(bot)), bot)

    async def rating(self, request: web.Request) -> web.Response:
        bot = await self.bot_for(request, request.headers.get("X-Parley-Key"))
        return self.cors(request, web.json_response(await rate(request, bot)), bot)

    async def document(self, request: web.Request) -> web.Response:
        bot = await self.bot_for(request, request.query.get("key"))
        page = await document_page(bot, request.match_info["document"])
        if page is None:
            raise error(404, "no such document in this bot's knowledge")
        return web.Response(text=page, content_type="text/html")

    async def socket(self, request: web.Request) -> web.WebSocketResponse:
        bot = await self.bot_for(request, request.query.get("key"))
        session = session_of(request)
        ws = web.WebSocketResponse(heartbeat=30)
        await ws.prepare(request)
        await self.live.opened(bot.id, bot.slug, session, ws)
        try:
            async for msg in ws:
                if msg.type == WSMsgType.ERROR:
                    break
        finally:
            await self.live.closed(bot.id, bot.slug, session, ws)
        return ws

    async def preflight(self, request: web.Request) -> web.Response:
        bot = await widget_bot(request)
        self.check_origin(request, bot)
        response = web.Response(status=204)
        response.headers["Access-Control-Allow-Headers"] = "Content-Type, X-Parley-Key"
        response.headers["Access-Control-Allow-Methods"] = "GET, POST, OPTIONS"
        response.headers["Access-Control-Max-Age"] = "600"
        return self.cors(request, response, bot)

    def cors(self, request: web.Request, response: web.StreamResponse, bot: Bot) -> Any:
        origin = request.headers.get("Origin")
        if origin:
            response.headers["Access-Control-Allow-Origin"] = origin
            response.headers["Vary"] = "Origin"
        return response


def with_ids(replies: Any, ids: Any) -> list[dict[str, Any]]:
    """Replies in the widget's shape, each with the id of its stored message (for ratings)."""
    shaped = [widget_message(r) for r in replies]
    for message, message_id in zip(shaped, ids, strict=False):
        message["id"] = str(message_id)
    return shaped


async def widget_script(request: web.Request) -> web.FileResponse:
    return static_file("widget.js")


async def widget_style(request: web.Request) -> web.FileResponse:
    return static_file("widget.css")


def static_file(name: str) -> web.FileResponse:
    response = web.FileResponse(STATIC / name)
    response.headers["Cache-Control"] = "public, max-age=300"
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


def add_routes(app: web.Application, endpoints: WidgetEndpoints) -> None:
    app.router.add_get("/widget.js", widget_script)
    app.router.add_post("/widget/{bot}/messages", endpoints.post_message)
    app.router.add_route("OPTIONS", "/widget/{bot}/messages", endpoints.preflight)
    app.router.add_route("OPTIONS", "/widget/{bot}/history", endpoints.preflight)
    app.router.add_get("/widget/{bot}/history", endpoints.history)
    app.router.add_get("/widget/{bot}/documents/{document}", endpoints.document)
    app.router.add_get("/widget/{bot}/ws", endpoints.socket)
    app.router.add_get("/widget.css", widget_style)
    app.router.add_get("/widget/{bot}/config", endpoints.config)
    app.router.add_route("OPTIONS", "/widget/{bot}/config", endpoints.preflight)
    rating = "/widget/{bot}/messages/{message_id}/rating"
    app.router.add_post(rating, endpoints.rating)
    app.router.add_route("OPTIONS", rating, endpoints.preflight)
