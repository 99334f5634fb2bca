"""Live bots: the one definition of "live", and the process caches of what a turn reads per bot.

A turn re-reads its bot in the statement that finds the sender's account (a join, no extra
statement), so its persona and settings are never stale, whichever process edited them. These
caches serve the reads that come *before* that statement (an edge checking a widget key or a
webhook's bot) and derived values that are costly to rebuild per message:

- `live_bot(slug)`: the bot row by slug, for at most `BOT_TTL_S`, dropped by `invalidate_bot()`
  (called by the bot service functions on every edit) and replaced whenever a turn loads a
  newer row (`remember_bot`).
- `knowledge_base_ids(bot)`: the bot's active knowledge bases, cached per bot and dropped by
  `invalidate_bot()` (attaching or detaching a knowledge base calls it) or after `BOT_TTL_S`.
- `active_badges(bot)`: the badges its learners can earn, dropped by `forget_badges()` (the
  badge service functions call it) or after `BOT_TTL_S`.
- `parsed(name, bot, parse)`: per-bot settings parsed and validated once per (bot id,
  updated_at).

A cached value outlives an edit made by *another* process for at most `BOT_TTL_S` seconds (the
turn itself always sees the edit); `invalidate_bot()` is the one function a cross-process
broadcast will call.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar
from uuid import UUID

from tortoise.expressions import Q

from bot.errors import NotFound
from models import LIVE_BOT_STATUSES, Badge, Bot, KnowledgeBase

LIVE_STATUSES = LIVE_BOT_STATUSES
BOT_TTL_S = 5.0
T = TypeVar("T")


class BotUnavailable(NotFound):
    """No live bot has this slug (unknown, archived or deleted): adapters answer 404."""


def is_live(bot: Bot) -> bool:
    return bot.is_live


@dataclass
class _Entry:
    bot: Bot
    expires: float


class _Caches:
    """The process's per-bot caches (one instance: `CACHES`)."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self.by_slug: dict[str, _Entry] = {}
        self.kb_ids: dict[UUID, tuple[float, list[UUID]]] = {}
        self.parsed: dict[tuple[str, UUID, datetime | None], Any] = {}
        self.badges: dict[UUID, tuple[float, list[Badge]]] = {}

    def clear(self) -> None:
        self.by_slug.clear()
        self.kb_ids.clear()
        self.badges.clear()
        self.parsed.clear()


CACHES = _Caches()


def invalidate_bot(bot: Bot | None = None) -> None:
    """Forget what this process cached about `bot` (every bot when None)."""
    if bot is None:
        CACHES.clear()
        return
    CACHES.by_slug.pop(bot.slug, None)
    CACHES.kb_ids.pop(bot.id, None)
    CACHES.badges.pop(bot.id, None)
    for key in [k for k in CACHES.parsed if k[1] == bot.id]:
        del CACHES.parsed[key]


async def live_bot(slug: str) -> Bot:
    """The live bot with this slug (slugs are global, so this lookup names the creator)."""
    entry = CACHES.by_slug.get(slug)
    if entry is not None and entry.expires > CACHES.clock():
        return entry.bot
    bot = await Bot.get_or_none(slug=slug, status__in=LIVE_STATUSES)
    if bot is None:
        CACHES.by_slug.pop(slug, None)
        raise BotUnavailable(f"no live bot with slug {slug!r} (unknown, archived or deleted)")
    remember_bot(bot)
    return bot


def remember_bot(bot: Bot) -> None:
    """A fresher row of a bot (read by a turn): keep it, or drop the slug if it is not live."""
    entry = CACHES.by_slug.get(bot.slug)
    if entry is not None and entry.bot.updated_at != bot.updated_at:
        invalidate_bot(entry.bot)
    if is_live(bot):
        CACHES.by_slug[bot.slug] = _Entry(bot, CACHES.clock() + BOT_TTL_S)
    else:
        CACHES.by_slug.pop(bot.slug, None)


async def knowledge_base_ids(bot: Bot) -> list[UUID]:
    """The bot's active knowledge bases (scoped to its creator, whatever the link table says)."""
    cached = CACHES.kb_ids.get(bot.id)
    if cached is not None and cached[0] > CACHES.clock():
        return cached[1]
    ids = await (
        KnowledgeBase.for_creator(bot.creator_id)
        .filter(bots__id=bot.id, is_active=True)
        .order_by("created_at")
        .values_list("id", flat=True)
    )
    found = [UUID(str(i)) for i in ids]
    CACHES.kb_ids[bot.id] = (CACHES.clock() + BOT_TTL_S, found)
    return found


async def active_badges(bot: Bot) -> list[Badge]:
    """The badges a learner of `bot` can earn: the bot's and the creator-wide ones, active."""
    cached = CACHES.badges.get(bot.id)
    if cached is not None and cached[0] > CACHES.clock():
        return cached[1]
    found = await (
        Badge.for_creator(bot.creator_id)
        .filter(Q(bot_id=None) | Q(bot_id=bot.id), is_active=True)
        .order_by("name")
    )
    CACHES.badges[bot.id] = (CACHES.clock() + BOT_TTL_S, found)
    return found


def forget_badges() -> None:
    """A badge was added or edited: drop every cached badge list (edits are rare)."""
    CACHES.badges.clear()


def parsed(name: str, bot: Bot, parse: Callable[[Bot], T]) -> T:
    """`parse(bot)` computed once per edit of the bot (keyed by its id and updated_at)."""
    key = (name, bot.id, bot.updated_at)
    if key not in CACHES.parsed:
        CACHES.parsed[key] = parse(bot)
    value: T = CACHES.parsed[key]
    return value
