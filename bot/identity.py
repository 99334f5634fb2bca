"""Who is talking: the bot by slug, the end user and channel account, the active conversation."""

from __future__ import annotations

from datetime import datetime

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from bot.clock import Clock
from bot.errors import NotFound
from bot.messages import InboundMessage
from bot.pipeline import Next, Turn
from models import (
    LIVE_BOT_STATUSES,
    Bot,
    ChannelAccount,
    Conversation,
    ConversationStatus,
    EndUser,
)

LIVE_STATUSES = LIVE_BOT_STATUSES


class BotUnavailable(NotFound):
    """No live bot has this slug (unknown, archived or deleted): adapters answer 404."""


class IdentityStep:
    """Pipeline step: fills turn.bot, end_user, account and conversation."""

    def __init__(self, clock: Clock) -> None:
        self._clock = clock

    async def __call__(self, turn: Turn, call_next: Next) -> None:
        now = self._clock.now()
        turn.bot_row = bot = await given_or_live_bot(turn)
        turn.account_row = account = await account_for(bot, turn.inbound, now)
        turn.end_user_row = user = await user_of(bot, account)
        await touch(account, user, turn.inbound, now)
        turn.conversation_row = await active_conversation(bot, user, account.channel)
        await call_next(turn)


async def live_bot(slug: str) -> Bot:
    """The bot a message is addressed to; slugs are global, so this lookup names the creator."""
    bot = await Bot.get_or_none(slug=slug, status__in=LIVE_STATUSES)
    if bot is None:
        raise BotUnavailable(f"no live bot with slug {slug!r} (unknown, archived or deleted)")
    return bot


async def given_or_live_bot(turn: Turn) -> Bot:
    """The bot an adapter already loaded for this message (it checked it is live), or a lookup."""
    given = turn.bot_row
    if given is not None and given.slug == turn.inbound.bot and given.status in LIVE_STATUSES:
        return given
    return await live_bot(turn.inbound.bot)


async def user_of(bot: Bot, account: ChannelAccount) -> EndUser:
    """The account's end user: loaded with the account when it was found, else read (scoped)."""
    loaded = account.end_user  # an EndUser when selected with the account, else a query
    if isinstance(loaded, EndUser) and loaded.creator_id == bot.creator_id:
        return loaded
    return await EndUser.for_creator(bot.creator_id).get(id=account.end_user_id)


async def account_for(bot: Bot, inbound: InboundMessage, now: datetime) -> ChannelAccount:
    """The sender's channel account, created with a new end user on first contact.

    Two first messages racing each other both try to insert; the unique (bot, channel,
    external_id) constraint lets one win and the loser re-reads the winner's row.
    """
    found = await find_account(bot, inbound)
    if found is not None:
        return found
    try:
        async with in_transaction():
            return await create_account(bot, inbound, now)
    except IntegrityError:
        found = await find_account(bot, inbound)
        if found is None:
            raise
        return found


async def find_account(bot: Bot, inbound: InboundMessage) -> ChannelAccount | None:
    return await (
        ChannelAccount.for_creator(bot.creator_id)
        .select_related("end_user")
        .get_or_none(
            bot_id=bot.id,
            channel=str(inbound.channel),
            external_id=inbound.external_user_id,
        )
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
    )
    return await ChannelAccount.create(
        bot=bot,
        end_user=user,
        channel=channel,
        external_id=inbound.external_user_id,
        display_name=inbound.display_name,
        last_inbound_at=now,
    )


async def touch(
    account: ChannelAccount, user: EndUser, inbound: InboundMessage, now: datetime
) -> None:
    """Record activity (the WhatsApp 24-hour window starts at the last inbound message)."""
    account.last_inbound_at = now
    user.last_active_at = now
    fields = ["last_inbound_at", "updated_at"]
    if inbound.display_name and inbound.display_name != account.display_name:
        account.display_name = user.display_name = inbound.display_name
        fields.append("display_name")
    await account.save(update_fields=fields)
    await user.save(update_fields=["last_active_at", "updated_at", *fields[2:]])


async def active_conversation(bot: Bot, user: EndUser, channel: str) -> Conversation:
    """The user's open conversation on this channel, or a new one."""
    found = (
        await Conversation.for_creator(bot.creator_id)
        .filter(user_id=user.id, channel=channel, status=ConversationStatus.ACTIVE)
        .order_by("-created_at")
        .first()
    )
    return found or await Conversation.create(user=user, channel=channel)


async def restart_conversation(turn: Turn, now: datetime) -> Conversation:
    """Close the turn's conversation and open a fresh one (the /reset command)."""
    old = turn.conversation  # loaded through a creator-scoped query by `IdentityStep`
    old.status = ConversationStatus.CLOSED
    old.updated_at = now
    await old.save(update_fields=["status", "updated_at"])
    turn.conversation_row = await Conversation.create(user=turn.end_user, channel=old.channel)
    return turn.conversation_row
