"""What every channel adapter shares: sender contract, inbox of turns, lookups, text splitting."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from uuid import UUID

from aiohttp import web

from bot.errors import NotFound
from bot.inbox import DurableInbox
from bot.messages import InboundMessage
from bot.outbox import Delivery, Sender, SendFailed, SendResult
from channels.http_errors import error_response
from models import LIVE_BOT_STATUSES, Bot, BotStatus, Channel, ChannelAccount, ChannelType

log = logging.getLogger(__name__)

BeforeTurn = Callable[[], Awaitable[object]]
AfterTurn = Callable[[], Awaitable[object]]

__all__ = [
    "AfterTurn",
    "BeforeTurn",
    "Delivery",
    "Inbox",
    "SendFailed",
    "SendResult",
    "Sender",
    "account_for",
    "channel_row",
    "existing_bot",
    "find_channel",
    "split_text",
    "webhook_endpoint",
]


class Inbox:
    """Stores each acknowledged inbound message, then runs its turn in a task the app owns."""

    def __init__(self, durable: DurableInbox, *, on_done: Callable[[], None] | None = None) -> None:
        self.durable = durable
        self.on_done = on_done  # e.g. wake the outbox worker: the turn just queued its replies
        self._tasks: set[asyncio.Task[None]] = set()

    async def dispatch(
        self,
        inbound: InboundMessage,
        *,
        bot_id: UUID,
        before: BeforeTurn | None = None,
        after: AfterTurn | None = None,
    ) -> bool:
        """Persist, then schedule the turn; False (and nothing scheduled) for a redelivery."""
        row_id = await self.durable.accept(inbound, bot_id=bot_id)
        if row_id is None:
            return False
        task = asyncio.create_task(self._turn(inbound, row_id, before, after))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return True

    async def _turn(
        self,
        inbound: InboundMessage,
        row_id: UUID,
        before: BeforeTurn | None,
        after: AfterTurn | None,
    ) -> None:
        try:
            if before is not None:
                await before()
            await self.durable.process(row_id)
            if self.on_done is not None:
                self.on_done()
            if after is not None:
                await after()
        except Exception:  # the task boundary: nobody awaits it, so report here
            log.exception(
                "%s/%s: turn %s failed", inbound.channel, inbound.bot, inbound.external_message_id
            )

    async def drain(self) -> None:
        """Wait until every dispatched turn has finished (tests, graceful shutdown)."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks))


@dataclass(frozen=True)
class Endpoint:
    """A bot's configured channel, as a webhook sees it."""

    bot: Bot
    channel: Channel


async def find_channel(slug: str, channel_type: ChannelType) -> Endpoint | None:
    """The live bot and its active channel of this type, or None."""
    bot = await Bot.get_or_none(slug=slug, status__in=LIVE_BOT_STATUSES)
    return await endpoint_of(bot, channel_type) if bot is not None else None


async def endpoint_of(bot: Bot, channel_type: ChannelType) -> Endpoint | None:
    channel = await Channel.for_creator(bot.creator_id).get_or_none(
        bot=bot, channel_type=channel_type, status="active"
    )
    return Endpoint(bot, channel) if channel is not None else None


async def webhook_endpoint(slug: str, channel_type: ChannelType) -> Endpoint | web.Response:
    """Where a vendor's webhook goes, or the error it gets before anything is stored: 404 for
    an unknown bot or a bot without this channel, 410 for an archived or deleted bot (the
    vendor should stop sending; nothing would ever answer)."""
    bot = await Bot.get_or_none(slug=slug)
    if bot is None:
        return error_response(404, f"no bot {slug!r}", code="bot_not_found")
    if not bot.is_live:
        message = f"bot {slug!r} is {bot.status}: it takes no more messages"
        return error_response(410, message, code="bot_unavailable")
    endpoint = await endpoint_of(bot, channel_type)
    if endpoint is None or not endpoint.channel.secret:
        message = f"bot {slug!r} has no {channel_type.value} channel"
        return error_response(404, message, code="channel_not_found")
    return endpoint


async def account_for(bot: Bot, channel: ChannelType, external_id: str) -> ChannelAccount | None:
    return await ChannelAccount.for_creator(bot.creator_id).get_or_none(
        bot=bot, channel=channel, external_id=external_id
    )


async def existing_bot(slug: str) -> Bot:
    """A bot that has not been deleted (archived ones can still be set up), for the CLI."""
    bot = await Bot.exclude(status=BotStatus.DELETED).get_or_none(slug=slug)
    if bot is None:
        raise NotFound(f"no bot {slug!r}")
    return bot


async def channel_row(bot: Bot, kind: ChannelType) -> Channel:
    """The bot's channel of this kind, created (unsaved secrets) when it does not exist yet."""
    found = await Channel.for_creator(bot.creator_id).get_or_none(bot=bot, channel_type=kind)
    return found or Channel(creator_id=bot.creator_id, bot=bot, channel_type=kind)


def split_text(text: str, limit: int) -> list[str]:
    """Pieces of at most `limit` characters, cut at a paragraph, line or word when possible."""
    pieces: list[str] = []
    rest = text
    while len(rest) > limit:
        cut = _cut_point(rest, limit)
        pieces.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest or not pieces:
        pieces.append(rest)
    return pieces


def _cut_point(text: str, limit: int) -> int:
    window = text[: limit + 1]
    for separator in ("\n\n", "\n", " "):
        at = window.rfind(separator)
        if at > limit // 2:
            return at
    return limit
