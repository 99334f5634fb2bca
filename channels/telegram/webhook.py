"""`POST /telegram/{bot_slug}/webhook` and long polling: verify, parse, ack, hand to the engine."""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
from typing import Any

from aiohttp import web

from bot.clock import Clock
from bot.outbox import mark_blocked, mark_unblocked
from channels.base import (
    BeforeTurn,
    Endpoint,
    Inbox,
    account_for,
    find_channel,
    webhook_endpoint,
)
from channels.http_errors import error_response
from channels.telegram.client import TelegramClients, api_error
from channels.telegram.parse import MemberChange, parse_member_status, parse_update
from models import ChannelType

log = logging.getLogger(__name__)
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
ALLOWED_UPDATES = ["message", "callback_query", "my_chat_member"]
PATH = "/telegram/{bot_slug}/webhook"


def webhook_path(slug: str) -> str:
    return PATH.format(bot_slug=slug)


def secret_matches(given: str | None, expected: str | None) -> bool:
    if not given or not expected:
        return False
    return hmac.compare_digest(given.encode(), expected.encode())


class TelegramUpdates:
    """Turns one raw update into engine work; the webhook and long polling both end here."""

    def __init__(self, *, inbox: Inbox, clients: TelegramClients, clock: Clock) -> None:
        self.inbox = inbox
        self.clients = clients
        self.clock = clock

    async def webhook(self, request: web.Request) -> web.Response:
        endpoint = await webhook_endpoint(request.match_info["bot_slug"], ChannelType.TELEGRAM)
        if isinstance(endpoint, web.Response):
            return endpoint
        if not secret_matches(request.headers.get(SECRET_HEADER), endpoint.channel.webhook_secret):
            return error_response(401, f"missing or wrong {SECRET_HEADER}", code="bad_secret_token")
        try:
            raw = json.loads(await request.read())
        except (ValueError, UnicodeDecodeError):
            return error_response(400, "body is not JSON", code="invalid_json")
        if not isinstance(raw, dict) or not isinstance(raw.get("update_id"), int):
            message = "not a Telegram update (no integer update_id)"
            return error_response(400, message, code="invalid_update")
        status = await self.accept(endpoint, raw)
        return web.json_response({"ok": True, "status": status})

    async def accept(self, endpoint: Endpoint, raw: dict[str, Any]) -> str:
        """'dispatched', 'member' or 'ignored'; the engine runs later, in the inbox's task."""
        change = parse_member_status(raw)
        if change is not None:
            await self._membership(endpoint, change)
            return "member"
        username = str(endpoint.channel.configuration.get("username", ""))
        inbound = parse_update(raw, bot=endpoint.bot.slug, bot_username=username)
        if inbound is None:
            return "ignored"
        callback_id = inbound.metadata.get("callback_query_id")
        before = self._answer(endpoint, callback_id) if callback_id else None
        if not await self.inbox.dispatch(inbound, bot_id=endpoint.bot.id, before=before):
            return "duplicate"
        return "dispatched"

    async def _membership(self, endpoint: Endpoint, change: MemberChange) -> None:
        account = await account_for(endpoint.bot, ChannelType.TELEGRAM, change.chat_id)
        if account is None:
            return
        if change.blocked:
            await mark_blocked(account, now=self.clock.now(), reason="the user blocked the bot")
            log.info("telegram %s: chat account %s blocked the bot", endpoint.bot.slug, account.id)
        else:
            await mark_unblocked(account)

    def _answer(self, endpoint: Endpoint, callback_id: str) -> BeforeTurn:
        """Stop the button's spinner; a failure here must not cost the user their answer."""

        async def answer() -> None:
            bot = await self.clients.for_token(endpoint.channel.secret or "")
            try:
                await bot.answer_callback_query(callback_query_id=callback_id)
            except api_error() as exc:
                log.warning(
                    "telegram %s: answerCallbackQuery failed: %s", endpoint.bot.slug, exc.message
                )

        return answer


def add_routes(app: web.Application, updates: TelegramUpdates) -> None:
    app.router.add_post(PATH, updates.webhook)


async def run_polling(
    updates: TelegramUpdates, *, slug: str, stop: asyncio.Event, timeout_s: int = 25
) -> None:
    """Long polling for one bot (no public URL needed); every update goes through `accept`."""
    endpoint = await find_channel(slug, ChannelType.TELEGRAM)
    if endpoint is None or not endpoint.channel.secret:
        raise LookupError(f"bot {slug!r} has no Telegram channel: run `parley channel add`")
    bot = await updates.clients.for_token(endpoint.channel.secret)
    await bot.delete_webhook(drop_pending_updates=False)
    offset: int | None = None
    while not stop.is_set():
        try:
            batch = await bot.get_updates(
                offset=offset,
                timeout=timeout_s,
                allowed_updates=ALLOWED_UPDATES,
                request_timeout=timeout_s + 10,
            )
        except api_error() as exc:
            log.warning("telegram %s: getUpdates failed (%s); retrying", slug, exc.message)
            await asyncio.sleep(2)
            continue
        for update in batch:
            raw = update.model_dump(mode="json", by_alias=True, exclude_none=True)
            await updates.accept(endpoint, raw)
            offset = update.update_id + 1
