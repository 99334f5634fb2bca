"""The shape of a stored outbound message: `OutboundMeta`, `OutboundRecord`, `EventRecord`.

Every outbound message, a turn's reply or a scheduled step/nudge, is described by one
`OutboundRecord` and written by `bot.delivery.writer.write_outbound`; what its Message row's
`metadata` holds is `OutboundMeta`, and `meta_of` is the one place that reads it back.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID, uuid4

from bot.messages import OutboundMessage
from models import Direction, Lane, Message

Id = UUID | str  # the turn holds UUIDs, the sweep reads ids as text: both are written as text


def new_id() -> str:
    return str(uuid4())


@dataclass(frozen=True, slots=True)
class OutboundMeta:
    """What the `metadata` of an outbound Message row holds, for a reply and a scheduled send."""

    outbound: OutboundMessage
    index: int = 0  # order among the replies of one turn (they share one created_at)
    program: str | None = None  # program code of a scheduled step or nudge
    step: str | None = None
    scheduled_send: str | None = None  # the ScheduledSend ledger row it was sent for

    def to_json(self, outbound_json: dict[str, Any] | None = None) -> dict[str, Any]:
        """`outbound_json`: the message's JSON when the caller already built it."""
        return {
            "outbound": outbound_json if outbound_json is not None else self.outbound.to_json(),
            "index": self.index,
            "program": self.program,
            "step": self.step,
            "scheduled_send": self.scheduled_send,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> OutboundMeta:
        return cls(
            outbound=OutboundMessage.from_json(data["outbound"]),
            index=int(data.get("index") or 0),
            program=data.get("program"),
            step=data.get("step"),
            scheduled_send=data.get("scheduled_send"),
        )


def meta_of(message: Message) -> OutboundMeta | None:
    """The metadata of a stored outbound message; None for an inbound one."""
    data = message.metadata or {}
    if message.direction != Direction.OUTBOUND or "outbound" not in data:
        return None
    return OutboundMeta.from_json(data)


def reply_order(message: Message) -> int:
    """A message's place among the replies stored in the same instant (inbound: 0)."""
    meta = meta_of(message)
    return meta.index if meta is not None else 0


@dataclass(frozen=True, slots=True)
class EventRecord:
    """One UserInteraction row (`session_id` is the conversation it happened in)."""

    user_id: Id
    bot_id: Id
    channel: str
    kind: str
    data: Mapping[str, Any]
    session_id: Id | None = None
    message_id: Id | None = None
    program_id: Id | None = None


@dataclass(frozen=True, slots=True)
class OutboundRecord:
    """One outbound message to store: its Message row, its outbox row and its event.

    `event_kind`/`event_data` describe what happened (`reply_sent`, `step_delivered`,
    `nudge_sent`); the event row is tied to the message, the learner and the conversation.
    `sent_inline`: the channel already delivered it in the request that asked (the widget's
    HTTP answer), so the outbox row is stored as sent and never sent again.
    """

    bot_id: Id
    user_id: Id
    conversation_id: Id
    channel_account_id: Id
    channel: str
    meta: OutboundMeta
    idempotency_key: str
    lane: Lane
    event_kind: str
    event_data: Mapping[str, Any] = field(default_factory=dict)
    program_id: Id | None = None
    reply_to_id: Id | None = None
    response_time_ms: int | None = None
    sent_inline: bool = False
    message_id: Id = field(default_factory=new_id)
    outbox_id: Id = field(default_factory=new_id)
    retrieval_score: float | None = None  # an answer's: see `bot.pipeline.Grounding`
    refused: bool | None = None

    @property
    def outbound(self) -> OutboundMessage:
        return self.meta.outbound

    def event(self) -> EventRecord:
        return EventRecord(
            user_id=self.user_id,
            bot_id=self.bot_id,
            channel=self.channel,
            kind=self.event_kind,
            data=self.event_data,
            session_id=self.conversation_id,
            message_id=self.message_id,
            program_id=self.program_id,
        )
