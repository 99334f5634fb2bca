"""What the creator does to a learner's channels (API and studio alike): list, link, unlink."""

from __future__ import annotations

import contextlib
from datetime import datetime
from typing import Any
from uuid import UUID

from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from bot.errors import Conflict, InvalidInput, NotFound
from bot.linking.merge import merge_learners
from bot.linking.split import split_account
from bot.privacy import learner
from models import ChannelAccount, EndUser


async def accounts_of(user: EndUser) -> list[dict[str, Any]]:
    """The learner's channel accounts, by channel (their page and the linking API alike)."""
    rows = await ChannelAccount.filter(end_user_id=user.id).order_by("channel", "created_at")
    return [
        {
            "id": str(a.id),
            "channel": a.channel,
            "handle": a.external_id,
            "display_name": a.display_name,
            "blocked": a.blocked,
            "last_inbound_at": a.last_inbound_at.isoformat() if a.last_inbound_at else None,
        }
        for a in rows
    ]


async def named(creator_id: UUID, bot_id: UUID, text: str) -> EndUser:
    """The learner of this bot a creator names: by learner id, channel handle or display name."""
    text = text.strip()
    if not text:
        raise InvalidInput("name the learner: their id, channel handle or display name")
    with contextlib.suppress(NotFound):
        found = await learner(creator_id, text)
        if found.bot_id == bot_id:
            return found
    ids = set(
        await ChannelAccount.filter(bot_id=bot_id)
        .filter(Q(external_id=text) | Q(display_name=text))
        .values_list("end_user_id", flat=True)
    )
    if len(ids) > 1:
        raise Conflict(f"several learners match {text!r}: use the learner's id")
    if not ids:
        raise NotFound(f"no learner of this bot matches {text!r}")
    return await learner(creator_id, str(ids.pop()))


async def link(creator_id: UUID, target_id: str, source_id: str, *, now: datetime) -> EndUser:
    """Join learner `source_id` into `target_id` (both this creator's, same bot)."""
    target = await learner(creator_id, target_id)
    source = await learner(creator_id, source_id)
    if target.id == source.id:
        raise Conflict("a learner cannot be linked to itself")
    if target.bot_id != source.bot_id:
        raise Conflict("only learners of the same bot can be linked")
    async with in_transaction():
        await merge_learners(target, source, now=now, actor_type="creator")
    return target


async def unlink(creator_id: UUID, learner_id: str, account_id: str, *, now: datetime) -> EndUser:
    """Split one channel account off the learner; returns the account's new learner."""
    user = await learner(creator_id, learner_id)
    try:
        wanted = UUID(account_id)
    except ValueError:
        raise NotFound(f"no channel account {account_id!r} for this learner") from None
    account = await ChannelAccount.get_or_none(id=wanted, end_user_id=user.id)
    if account is None:
        raise NotFound(f"no channel account {account_id} for this learner")
    async with in_transaction():
        new_user, _ = await split_account(account, now=now, actor_type="creator")
    return new_user
