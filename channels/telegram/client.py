"""Sending to Telegram: one aiogram Bot per bot token, rate limits, errors as SendFailed.

aiogram is imported on first use, never at import time: building its ~300 Telegram types costs
~150 MB of RSS, which a process that never talks to Telegram (a widget-only server, the CLI)
should not hold.
"""

from __future__ import annotations

import logging
import time
from collections import OrderedDict
from datetime import timedelta
from typing import TYPE_CHECKING
from uuid import UUID

from bot.errors import NotFound
from bot.media import load_media, media_id
from bot.messages import Attachment
from bot.outbox import Delivery, Pacer, SendFailed, SendResult
from bot.ratelimit import Rate, RateLimited, RateLimiter, build_rate_limiter
from bot.settings import TelegramSettings
from channels.lazy import imported
from channels.telegram.render import to_html_chunks, to_inline_keyboard
from models import Channel, ChannelType, Lane

if TYPE_CHECKING:
    from aiogram import Bot as TelegramBot
    from aiogram.exceptions import TelegramAPIError
    from aiogram.types import BufferedInputFile, InlineKeyboardMarkup

log = logging.getLogger(__name__)
# What sending and polling use, imported off the event loop the first time (`channels.lazy`).
AIOGRAM = (
    "aiogram",
    "aiogram.client.session.aiohttp",
    "aiogram.client.telegram",
    "aiogram.exceptions",
    "aiogram.types",
)
BLOCKED_HINTS = ("blocked by the user", "user is deactivated", "bot was kicked")


class TelegramClients:
    """aiogram Bots pointed at `settings.api_base`, one per token, closed with the app.

    A bot's token is read from its channel row at most once per `token_ttl_s` (a broadcast
    sends 30 messages a second per bot; each reading and decrypting it cost more than the
    send): a token changed by `parley channel add` is picked up within that time, and a 401
    from Telegram drops the cached one at once.
    """

    def __init__(
        self, settings: TelegramSettings, *, timeout_s: float = 20.0, token_ttl_s: float = 30.0
    ) -> None:
        self.settings = settings
        self.timeout_s = timeout_s
        self.token_ttl_s = token_ttl_s
        self._bots: dict[str, TelegramBot] = {}
        self._tokens: dict[UUID, tuple[str, float]] = {}

    async def for_token(self, token: str) -> TelegramBot:
        await imported(*AIOGRAM)  # returns at once, without yielding, once loaded
        if token not in self._bots:
            from aiogram import Bot as TelegramBot
            from aiogram.client.session.aiohttp import AiohttpSession
            from aiogram.client.telegram import TelegramAPIServer

            server = TelegramAPIServer.from_base(self.settings.api_base)
            session = AiohttpSession(api=server, timeout=self.timeout_s)
            self._bots[token] = TelegramBot(token, session=session)
        return self._bots[token]

    async def for_bot(self, bot_id: UUID) -> TelegramBot:
        cached = self._tokens.get(bot_id)
        if cached is not None and time.monotonic() - cached[1] < self.token_ttl_s:
            return await self.for_token(cached[0])
        channel = await Channel.get_or_none(bot_id=bot_id, channel_type=ChannelType.TELEGRAM)
        if channel is None or not channel.secret:
            raise NotFound(f"bot {bot_id} has no Telegram channel: run `parley channel add`")
        self._tokens[bot_id] = (channel.secret, time.monotonic())
        return await self.for_token(channel.secret)

    def forget(self, bot_id: UUID) -> None:
        """Telegram refused the token: read it again at the next send."""
        self._tokens.pop(bot_id, None)

    async def close(self) -> None:
        for bot in self._bots.values():
            await bot.session.close()
        self._bots.clear()


class TelegramSender:
    """The outbox's Sender for Telegram: ~30 msg/s per bot, ~1 msg/s per chat, replies first.

    Each send waits for its chat's pacer, then for its bot's, where a reply (interactive lane)
    is served before every scheduled send already waiting. The margins widen the spacing a
    little, so network jitter never shows Telegram two sends closer than it allows (a chat's
    single gap is more sensitive to jitter than a bot's 30 sends in a second).
    With a shared (Redis) limiter the send then also takes the budget every process shares:
    the pacers order this process's sends, the shared limiter bounds all processes together.
    """

    window: timedelta | None = None
    BOT_MARGIN = 0.05
    CHAT_MARGIN = 0.2

    def __init__(
        self,
        clients: TelegramClients,
        *,
        limiter: RateLimiter | None = None,
        max_chats: int = 10_000,
    ) -> None:
        self.clients = clients
        self._per_bot: dict[str, Pacer] = {}
        self._per_chat: OrderedDict[tuple[str, str], Pacer] = OrderedDict()
        self._max_chats = max_chats
        self.limiter = limiter or build_rate_limiter("")
        self.per_bot = Rate.per_second(clients.settings.send_per_second)
        self.per_chat = Rate.per_second(clients.settings.send_per_chat_per_second)

    async def send(self, delivery: Delivery) -> SendResult:
        try:
            bot = await self.clients.for_bot(delivery.bot_id)
        except NotFound as exc:
            raise SendFailed(str(exc), retryable=False, code="no_channel") from exc
        media = delivery.outbound.attachments
        chunks = [c for c in to_html_chunks(delivery.outbound) if c or not media]
        keyboard = to_inline_keyboard(delivery.outbound.buttons)
        last_id, sent = "", 0
        for index in range(delivery.parts_done, len(chunks) + len(media)):
            markup = keyboard if index == len(chunks) - 1 else None
            try:
                await self._pace(bot.token, delivery.to, delivery.lane)
                if index < len(chunks):
                    last_id = await self._send_one(bot, delivery.to, chunks[index], markup)
                else:
                    last_id = await self._send_media(bot, delivery.to, media[index - len(chunks)])
            except api_error() as exc:
                if isinstance(exc, unauthorized_error()):
                    self.clients.forget(delivery.bot_id)
                raise to_send_failed(exc, token=bot.token, parts_sent=sent) from exc
            except SendFailed as exc:
                exc.parts_sent = sent
                raise
            sent += 1
        return SendResult(external_message_id=f"{delivery.to}:{last_id}", parts_sent=sent)

    async def _send_one(
        self, bot: TelegramBot, chat_id: str, text: str, markup: InlineKeyboardMarkup | None
    ) -> str:
        from aiogram.types import LinkPreviewOptions

        if self.limiter.shared:
            await self._take_shared_turn(bot, chat_id)
        message = await bot.send_message(
            chat_id=chat_of(chat_id),
            text=text,
            parse_mode="HTML",
            reply_markup=markup,
            link_preview_options=LinkPreviewOptions(is_disabled=True),
        )
        return str(message.message_id)

    async def _send_media(self, bot: TelegramBot, chat_id: str, attachment: Attachment) -> str:
        """An image as sendPhoto, anything else as sendDocument (a stored file is uploaded,
        a URL Telegram fetches itself)."""
        if self.limiter.shared:
            await self._take_shared_turn(bot, chat_id)
        file = await telegram_file(attachment)
        if attachment.kind in PHOTO_KINDS:
            message = await bot.send_photo(chat_id=chat_of(chat_id), photo=file)
        else:
            message = await bot.send_document(chat_id=chat_of(chat_id), document=file)
        return str(message.message_id)

    async def _pace(self, token: str, chat_id: str, lane: Lane) -> None:
        """The chat's turn first (a send waiting on its chat holds no place of the bot's); the
        chat's next turn comes an interval after the bot let this one go."""
        chat = self._chat_pacer(token, chat_id)
        await chat.acquire(lane)
        try:
            await self._bot_pacer(token).acquire(lane)
        finally:
            chat.done()

    def _bot_pacer(self, token: str) -> Pacer:
        if token not in self._per_bot:
            rate = self.clients.settings.send_per_second
            self._per_bot[token] = Pacer.per_second(rate, margin=self.BOT_MARGIN)
        return self._per_bot[token]

    def _chat_pacer(self, token: str, chat_id: str) -> Pacer:
        key = (token, chat_id)
        pacer = self._per_chat.pop(key, None)
        if pacer is None:
            rate = self.clients.settings.send_per_chat_per_second
            pacer = Pacer.per_second(rate, margin=self.CHAT_MARGIN, holds=True)
        self._per_chat[key] = pacer  # most recently used last; the oldest chats drop off
        while len(self._per_chat) > self._max_chats:
            self._per_chat.popitem(last=False)
        return pacer

    async def _take_shared_turn(self, bot: TelegramBot, chat_id: str) -> None:
        """Across processes: the chat's budget first (a busy chat must not burn the bot's)."""
        bot_key = f"telegram:{bot.id}"  # the numeric bot id: the token never reaches storage
        try:
            await self.limiter.wait(f"{bot_key}:chat:{chat_id}", self.per_chat)
            await self.limiter.wait(bot_key, self.per_bot)
        except RateLimited as exc:
            raise SendFailed(
                str(exc), retryable=True, retry_after=exc.retry_after, code="rate_limited"
            ) from exc


PHOTO_KINDS = frozenset({"image", "photo"})


def chat_of(chat_id: str) -> int | str:
    return int(chat_id) if chat_id.lstrip("-").isdigit() else chat_id


async def telegram_file(attachment: Attachment) -> BufferedInputFile | str:
    """A stored file's bytes to upload, or the URL as is."""
    from aiogram.types import BufferedInputFile

    if media_id(attachment.ref) is None:
        return attachment.ref
    row = await load_media(attachment.ref)
    if row is None:
        raise SendFailed(f"media {attachment.ref} no longer exists", retryable=False, code="media")
    return BufferedInputFile(row.data, filename=attachment.name or row.name)


def to_send_failed(exc: TelegramAPIError, *, token: str, parts_sent: int = 0) -> SendFailed:
    """aiogram's exception -> SendFailed; the token never reaches a stored reason."""
    from aiogram.exceptions import (
        TelegramForbiddenError,
        TelegramNetworkError,
        TelegramRetryAfter,
        TelegramServerError,
        TelegramUnauthorizedError,
    )

    reason = f"telegram {exc.method.__api_method__ if exc.method else ''}: {exc.message}"
    reason = reason.replace(token, "***")
    if isinstance(exc, TelegramRetryAfter):
        return SendFailed(
            reason, retryable=True, retry_after=exc.retry_after, code="429", parts_sent=parts_sent
        )
    if isinstance(exc, TelegramUnauthorizedError):  # maybe a token replaced since it was read
        return SendFailed(reason, retryable=True, code="401", parts_sent=parts_sent)
    if isinstance(exc, TelegramForbiddenError):
        blocked = any(hint in exc.message.lower() for hint in BLOCKED_HINTS)
        return SendFailed(
            reason, retryable=False, blocked=blocked, code="403", parts_sent=parts_sent
        )
    if isinstance(exc, TelegramServerError | TelegramNetworkError):
        code = "network" if isinstance(exc, TelegramNetworkError) else "5xx"
        return SendFailed(reason, retryable=True, code=code, parts_sent=parts_sent)
    return SendFailed(reason, retryable=False, code="400", parts_sent=parts_sent)


def api_error() -> type[TelegramAPIError]:
    """aiogram's base error, for `except api_error():` (evaluated only when something raised)."""
    from aiogram.exceptions import TelegramAPIError

    return TelegramAPIError


def unauthorized_error() -> type[TelegramAPIError]:
    from aiogram.exceptions import TelegramUnauthorizedError

    return TelegramUnauthorizedError
