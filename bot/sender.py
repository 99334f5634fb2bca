"""The sender's joined read: one precompiled statement per dialect, rows hydrated without the ORM's
query builder.

A returning sender's turn starts with this read: the channel account with its end user, learner
stats, bot and current conversation, plus two counts the later steps need (the programs the
sender is active in, their inbound messages since a moment: the per-learner rate limit). Built
through the query builder it cost more CPU than the rest of the turn's statements together, so
the SQL is written once per dialect from the models' own column lists (a new column is picked up
without editing this file) and the rows go straight to `Model._init_from_db`, as the ORM's own
select does.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from tortoise import connections
from tortoise.models import Model

from bot.joined import driver_id, hydrate, selected, width
from models import (
    Bot,
    ChannelAccount,
    Conversation,
    Direction,
    EndUser,
    EnrollmentStatus,
    LearnerStats,
)


@dataclass(frozen=True, slots=True)
class SenderRead:
    """What the joined read found: the account (its `bot`, `end_user` with `stats`, and
    `conversation` loaded), and the two counts."""

    account: ChannelAccount
    active_programs: int
    recent_inbound: int


# (model, alias) in the order their columns are selected; the first is the account.
_PARTS: tuple[tuple[type[Model], str], ...] = (
    (ChannelAccount, "a"),
    (EndUser, "u"),
    (LearnerStats, "s"),
    (Bot, "b"),
    (Conversation, "c"),
)


def _sql(postgres: bool) -> str:
    def mark(n: int) -> str:
        return f"${n}" if postgres else "?"

    return (
        f"SELECT {selected(_PARTS)},"
        " (SELECT COUNT(*) FROM program_enrollment pe"
        f"  WHERE pe.user_id = a.end_user_id AND pe.status = '{EnrollmentStatus.ACTIVE.value}'),"
        " (SELECT COUNT(*) FROM message m JOIN conversation mc ON mc.id = m.conversation_id"
        f"  WHERE mc.user_id = a.end_user_id AND m.direction = '{Direction.INBOUND.value}'"
        f"  AND m.created_at > {mark(1)})"
        " FROM channel_account a"
        " JOIN end_user u ON u.id = a.end_user_id"
        " LEFT JOIN learner_stats s ON s.user_id = u.id"
        " JOIN bot b ON b.id = a.bot_id"
        " LEFT JOIN conversation c ON c.id = a.conversation_id"
        f" WHERE a.bot_id = {mark(2)} AND b.creator_id = {mark(3)}"
        f" AND a.channel = {mark(4)} AND a.external_id = {mark(5)}"
    )


_STATEMENTS: dict[bool, str] = {}


def _statement(postgres: bool) -> str:
    if postgres not in _STATEMENTS:
        _STATEMENTS[postgres] = _sql(postgres)
    return _STATEMENTS[postgres]


def _hydrate(row: Any) -> SenderRead:
    values = tuple(row)
    built = hydrate(values, _PARTS, required="a", shared=("b",))  # the bot: read only
    start = width(_PARTS)
    account, user = built["a"], built["u"]
    assert isinstance(account, ChannelAccount) and isinstance(user, EndUser)
    object.__setattr__(user, "_stats", built["s"])
    object.__setattr__(account, "_end_user", user)
    object.__setattr__(account, "_bot", built["b"])
    object.__setattr__(account, "_conversation", built["c"])
    return SenderRead(account, int(values[start]), int(values[start + 1]))


async def read_sender(
    bot: Bot, channel: str, external_id: str, *, inbound_since: datetime
) -> SenderRead | None:
    """The account of `external_id` on `bot`'s `channel` (scoped to the bot's creator), or None."""
    db = connections.get("default")
    postgres = db.capabilities.dialect == "postgres"
    params: list[Any] = [
        inbound_since,
        driver_id(bot.id, postgres),
        driver_id(bot.creator_id, postgres),
    ]
    _, rows = await db.execute_query(_statement(postgres), [*params, channel, external_id])
    return _hydrate(rows[0]) if rows else None
