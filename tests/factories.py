"""Rows for tests, built through the same services the product uses where one exists."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime

from bot import accounts
from models import (
    Bot,
    ChannelAccount,
    ChannelType,
    Conversation,
    Creator,
    Direction,
    EndUser,
    Message,
    Program,
    SenderType,
    UserInteraction,
)

_seq = itertools.count(1)


async def creator(email: str | None = None) -> Creator:
    return await accounts.create_creator(email or f"c{next(_seq)}@example.com", "password123")


async def bot(owner: Creator, slug: str | None = None, **fields: object) -> Bot:
    return await accounts.create_bot(owner, slug or f"bot-{next(_seq)}", "Test Bot", **fields)


async def end_user(owner_bot: Bot, external_id: str | None = None) -> EndUser:
    external = external_id or f"u{next(_seq)}"
    user = await EndUser.create(
        creator_id=owner_bot.creator_id, bot=owner_bot, external_id=external, channel="web"
    )
    await ChannelAccount.create(
        bot=owner_bot, end_user=user, channel=ChannelType.WEB, external_id=external
    )
    return user


async def conversation(user: EndUser) -> Conversation:
    return await Conversation.create(user=user, channel="web")


async def inbound(conv: Conversation, owner_bot: Bot, text: str, external_id: str) -> Message:
    return await Message.create(
        conversation=conv,
        bot=owner_bot,
        channel="web",
        direction=Direction.INBOUND,
        sender_type=SenderType.USER,
        content=text,
        external_message_id=external_id,
        created_at=datetime.now(UTC),
    )


def interaction(
    user: EndUser, event_type: str, when: datetime, program: Program | None = None, **data: object
) -> UserInteraction:
    """An unsaved event-log row (for bulk_create), as the engine and runner write them."""
    return UserInteraction(
        user_id=user.id,
        bot_id=user.bot_id,
        interaction_type=event_type,
        interaction_data=data,
        channel="web",
        created_at=when,
        program_id=program.id if program else None,
    )
