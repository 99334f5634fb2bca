"""Test learners: a creator trying their own bot. Their identity is made server-side before the
widget first talks, so only the studio can start one; their conversations carry `is_test`
and every metric leaves them out."""

from __future__ import annotations

import secrets

from models import Bot, ChannelAccount, ChannelType, EndUser

PREFIX = "studio-test-"


async def start_test_session(bot: Bot, *, display_name: str = "Studio test") -> str:
    """A new widget session id bound to a test learner of `bot`."""
    session = PREFIX + secrets.token_urlsafe(18)
    user = await EndUser.create(
        creator_id=bot.creator_id,
        bot=bot,
        external_id=session,
        channel=ChannelType.WEB.value,
        display_name=display_name[:255],
        is_test=True,
    )
    await ChannelAccount.create(
        bot=bot, end_user=user, channel=ChannelType.WEB, external_id=session
    )
    return session


async def is_test_session(bot: Bot, session: str) -> bool:
    """True when `session` is a live test learner of this bot (it survives page reloads)."""
    return await (
        ChannelAccount.for_creator(bot.creator_id)
        .filter(bot_id=bot.id, channel=ChannelType.WEB, external_id=session)
        .filter(end_user__is_test=True)
        .exists()
    )
