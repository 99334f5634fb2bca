"""Who is talking: the bot by slug, the end user and channel account, the active conversation."""

from __future__ import annotations

from datetime import datetime, timedelta

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from bot.abuse import WINDOW as RATE_WINDOW
from bot.clock import Clock
from bot.live import BotUnavailable, is_live, live_bot, remember_bot
from bot.messages import InboundMessage
from bot.pipeline import Next, Turn
from bot.sender import SenderRead, read_sender
from models import (
    Bot,
    ChannelAccount,
    Conversation,
    ConversationStatus,
    EndUser,
    LearnerStats,
)

__all__ = ["BotUnavailable", "IdentityStep", "live_bot", "restart_conversation"]

ACTIVITY_RESOLUTION = timedelta(seconds=60)
"""Activity timestamps are rewritten at most this often: a learner writing several messages a
minute costs no write for it. WhatsApp's 24-hour window is measured from `last_inbound_at`, so
it may close up to this much early (a template is used then), never late."""


class IdentityStep:
    """Pipeline step: fills turn.bot, end_user, account, conversation and learner stats.

    A returning sender costs one statement: the account with its end user, learner stats, bot
    and current conversation, joined, with the counts of their active programs and of their
    inbound messages in the rate limit's window (`bot.sender`). The bot in that row is the
    fresh one, whatever an edge read from the process cache.
    """

    def __init__(self, clock: Clock) -> None:
        self._clock = clock

    async def __call__(self, turn: Turn, call_next: Next) -> None:
        now = self._clock.now()
        given = await given_or_live_bot(turn)
        found = await account_for(given, turn.inbound, now)
        turn.account_row = account = found.account
        turn.bot_row = bot = bot_of(account, given)
        turn.end_user_row = user = await user_of(bot, account)
        turn.stats_row = stats_of(user)
        turn.active_programs, turn.recent_inbound = found.active_programs, found.recent_inbound
        await touch(account, user, turn.inbound, now)
        turn.conversation_row = await active_conversation(bot, user, account, now)
        await call_next(turn)


async def given_or_live_bot(turn: Turn) -> Bot:
    """The bot an adapter already loaded for this message (it checked it is live), or a lookup."""
    given = turn.bot_row
    if given is not None and given.slug == turn.inbound.bot and is_live(given):
        return given
    return await live_bot(turn.inbound.bot)


def bot_of(account: ChannelAccount, given: Bot) -> Bot:
    """The bot row read with the account (fresh), checked live; else the one given."""
    loaded = account.bot
    if not isinstance(loaded, Bot) or loaded.id != given.id:
        return given
    remember_bot(loaded)
    if not is_live(loaded):
        raise BotUnavailable(f"bot {loaded.slug!r} is no longer live")
    return loaded


def stats_of(user: EndUser) -> LearnerStats | None:
    """The learner stats row joined with the account (None: not created yet)."""
    loaded = getattr(user, "stats", None)
    return loaded if isinstance(loaded, LearnerStats) else None


async def user_of(bot: Bot, account: ChannelAccount) -> EndUser:
    """The account's end user: loaded with the account when it was found, else read (scoped)."""
    loaded = account.end_user  # an EndUser when selected with the account, else a query
    if isinstance(loaded, EndUser) and loaded.creator_id == bot.creator_id:
        return loaded
    return await EndUser.for_creator(bot.creator_id).get(id=account.end_user_id)


async def account_for(bot: Bot, inbound: InboundMessage, now: datetime) -> SenderRead:
    """The sender's channel account, created with a new end user on first contact.

    Two first messages racing each other both try to insert; the unique (bot, channel,
    external_id) constraint lets one win and the loser re-reads the winner's row.
    """
    found = await find_account(bot, inbound, now)
    if found is not None:
        return found
    try:
        async with in_transaction():
            created = await create_account(bot, inbound, now)
            return SenderRead(created, active_programs=0, recent_inbound=0)
    except IntegrityError:
        found = await find_account(bot, inbound, now)
        if found is None:
            raise
        return found


async def find_account(bot: Bot, inbound: InboundMessage, now: datetime) -> SenderRead | None:
    """The joined read (a learner in no program costs the programs step no query; the rate
    limit step reads its count from here)."""
    return await read_sender(
        bot, str(inbound.channel), inbound.external_user_id, inbound_since=now - RATE_WINDOW
    )


async def create_account(bot: Bot, inbound: InboundMessage, now: datetime) -> ChannelAccount:
    channel = str(inbound.channel)
    user = await EndUser.create(
        creator_id=bot.creator_id,
        bot=bot,
        external_id=inbound.external_user_id,
        channel=channel,
        display_name=inbound.display_name,
        last_active_at=now,
        # the bot's default time zone until the learner's own is known
        timezone=(bot.settings or {}).get("timezone") or "UTC",
    )
    await LearnerStats.create(user=user)  # a new learner: every count is zero
    conversation = await Conversation.create(user=user, channel=channel)
    account = await ChannelAccount.create(
        bot=bot,
        end_user=user,
        channel=channel,
        external_id=inbound.external_user_id,
        display_name=inbound.display_name,
        last_inbound_at=now,
        conversation=conversation,
    )
    account.end_user = user
    return account


async def touch(
    account: ChannelAccount, user: EndUser, inbound: InboundMessage, now: datetime
) -> None:
    """Record activity (the WhatsApp 24-hour window starts at the last inbound message), at most
    once per `ACTIVITY_RESOLUTION` unless the display name changed."""
    renamed = bool(inbound.display_name) and inbound.display_name != account.display_name
    if not renamed and _recent(account.last_inbound_at, now) and _recent(user.last_active_at, now):
        return
    account.last_inbound_at = now
    user.last_active_at = now
    fields = ["last_inbound_at", "updated_at"]
    if renamed:
        account.display_name = user.display_name = inbound.display_name
        fields.append("display_name")
    await account.save(update_fields=fields)
    await user.save(update_fields=["last_active_at", "updated_at", *fields[2:]])


def _recent(moment: datetime | None, now: datetime) -> bool:
    return moment is not None and timedelta(0) <= now - moment < ACTIVITY_RESOLUTION


async def active_conversation(
    bot: Bot, user: EndUser, account: ChannelAccount, now: datetime
) -> Conversation:
    """The account's open conversation (joined with it), else the newest open one, else new."""
    current = account.conversation
    if isinstance(current, Conversation) and current.status == ConversationStatus.ACTIVE:
        return current
    found = (
        await Conversation.for_creator(bot.creator_id)
        .filter(user_id=user.id, channel=account.channel, status=ConversationStatus.ACTIVE)
        .order_by("-created_at")
        .first()
    )
    conversation = found or await Conversation.create(
        user=user, channel=account.channel, is_test=user.is_test
    )
    await point_account_at(account, conversation)
    return conversation


async def point_account_at(account: ChannelAccount, conversation: Conversation) -> None:
    account.conversation = conversation
    await ChannelAccount.filter(id=account.id).update(conversation_id=conversation.id)


async def restart_conversation(turn: Turn, now: datetime) -> Conversation:
    """Close the turn's conversation and open a fresh one (the /reset command)."""
    old = turn.conversation  # loaded through a creator-scoped query by `IdentityStep`
    old.status = ConversationStatus.CLOSED
    old.updated_at = now
    await old.save(update_fields=["status", "updated_at"])
    turn.conversation_row = await Conversation.create(
        user=turn.end_user, channel=old.channel, is_test=old.is_test
    )
    await point_account_at(turn.account, turn.conversation_row)
    return turn.conversation_row
