"""How each of a bot's channels is doing, computed from the rows it leaves: last inbound
message, last successful send, last failed send and its error, learners who blocked the bot."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from models import (
    Bot,
    Channel,
    ChannelAccount,
    ChannelType,
    Direction,
    Message,
    OutboxMessage,
    OutboxStatus,
)


@dataclass(frozen=True)
class ChannelHealth:
    """One channel of one bot; `connected` is False for a messaging channel not set up yet."""

    kind: ChannelType
    connected: bool
    name: str
    status: str
    last_inbound: datetime | None
    last_send: datetime | None
    last_error: str | None
    last_error_at: datetime | None
    blocked: int

    @property
    def healthy(self) -> bool:
        if not self.connected or self.status != "active":
            return False
        return self.last_error_at is None or (
            self.last_send is not None and self.last_send > self.last_error_at
        )


async def channel_health(bot: Bot, kind: ChannelType) -> ChannelHealth:
    creator = bot.creator_id
    row = await Channel.for_creator(creator).get_or_none(bot_id=bot.id, channel_type=kind)
    inbound = await (
        Message.for_creator(creator)
        .filter(bot_id=bot.id, channel=kind.value, direction=Direction.INBOUND)
        .order_by("-created_at")
        .first()
        .values_list("created_at", flat=True)
    )
    outbox = OutboxMessage.for_creator(creator).filter(bot_id=bot.id, channel=kind.value)
    sent = await (
        outbox.filter(status=OutboxStatus.SENT, sent_at__not_isnull=True)
        .order_by("-sent_at")
        .first()
        .values_list("sent_at", flat=True)
    )
    failed = await outbox.filter(last_error__not_isnull=True).order_by("-updated_at").first()
    blocked = await (
        ChannelAccount.for_creator(creator)
        .filter(bot_id=bot.id, channel=kind, blocked=True)
        .count()
    )
    connected = kind == ChannelType.WEB or (row is not None and bool(row.secret))
    return ChannelHealth(
        kind=kind,
        connected=connected,
        name=row.channel_name if row else "",
        status=row.status if row else ("active" if kind == ChannelType.WEB else "not connected"),
        last_inbound=inbound,  # type: ignore[arg-type]
        last_send=sent,  # type: ignore[arg-type]
        last_error=failed.last_error if failed else None,
        last_error_at=failed.updated_at if failed else None,
        blocked=blocked,
    )


async def bot_channels(bot: Bot) -> dict[ChannelType, ChannelHealth]:
    return {kind: await channel_health(bot, kind) for kind in ChannelType}
