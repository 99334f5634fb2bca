"""`/unlink`: one channel account leaves its learner and becomes a learner of its own.

What stays where: everything the learner built (enrollments, progress, points, badges,
streak, certificates, earlier conversations and the event log) stays with the learner and
their other channels; the account that left starts as a new learner with no progress, a fresh
conversation and the learner's language, time zone and display name. Splitting the only
account of a learner is refused (`NotLinked`).
"""

from __future__ import annotations

from datetime import datetime

from bot import audit
from bot.errors import Conflict
from models import ChannelAccount, Conversation, EndUser, LearnerStats


class NotLinked(Conflict):
    """The account is its learner's only one: there is nothing to split off."""


async def split_account(
    account: ChannelAccount, *, now: datetime, actor_type: str = "learner"
) -> tuple[EndUser, Conversation]:
    """The new learner the account now belongs to, and its fresh conversation."""
    old = await EndUser.get(id=account.end_user_id)
    if await ChannelAccount.filter(end_user_id=old.id).count() < 2:
        raise NotLinked("this channel account is not linked to another")
    user = await EndUser.create(
        creator_id=old.creator_id,
        bot_id=old.bot_id,
        external_id=account.external_id,
        channel=account.channel,
        display_name=account.display_name,
        last_active_at=now,
        timezone=old.timezone,
        language=old.language,
        language_source=old.language_source,
        is_test=old.is_test,
    )
    await LearnerStats.create(user=user)
    conversation = await Conversation.create(user=user, channel=account.channel)
    await ChannelAccount.filter(id=account.id).update(
        end_user_id=user.id, conversation_id=conversation.id
    )
    account.end_user_id, account.conversation_id = user.id, conversation.id
    await audit.record(
        old.creator_id,
        table="end_user",
        operation="unlink",
        record_id=old.id,
        old={"learner": str(old.id), "account": str(account.id)},
        new={"learner": str(user.id), "account": str(account.id)},
        actor_type=actor_type,
    )
    return user, conversation
