"""`emit`: an event becomes a delivery row per subscribed webhook, in the caller's transaction."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any
from uuid import UUID, uuid4

from tortoise.expressions import Subquery

from models import Bot, Webhook, WebhookDelivery

if TYPE_CHECKING:  # bot.delivery's writer calls this module
    from bot.delivery.records import EventRecord

EVENTS = (
    "enrolled",
    "step_completed",
    "program_completed",
    "badge_awarded",
    "handoff_requested",
    "message_received",
    "rating_received",
)
# the interaction events (UserInteraction.interaction_type) that are webhook events
FROM_INTERACTION = {
    "program_enrolled": "enrolled",
    "step_completed": "step_completed",
    "program_completed": "program_completed",
    "badge_awarded": "badge_awarded",
    "message_received": "message_received",
}


def body_of(event: str, event_id: UUID, data: Mapping[str, Any], at: datetime) -> str:
    """The JSON every subscribed endpoint receives, byte for byte, on every attempt."""
    return json.dumps(
        {"id": str(event_id), "event": event, "created_at": at.isoformat(), "data": dict(data)},
        default=str,
        sort_keys=True,
    )


def rows_for(
    hooks: Sequence[Webhook], event: str, data: Mapping[str, Any], at: datetime
) -> list[WebhookDelivery]:
    event_id = uuid4()
    body = body_of(event, event_id, data, at)
    return [
        WebhookDelivery(
            webhook_id=hook.id, event_id=event_id, event=event, body=body, next_attempt_at=at
        )
        for hook in hooks
        if event in hook.events
    ]


async def emit(
    creator_id: UUID | str, event: str, data: Mapping[str, Any], *, now: datetime | None = None
) -> int:
    """Queue `event` for each of the creator's webhooks subscribed to it; how many were queued.

    Call inside the transaction that makes the event true: the rows commit (or roll back) with
    it, and the webhook worker sends them after.
    """
    if event not in EVENTS:
        raise ValueError(f"unknown webhook event {event!r}")
    hooks = await Webhook.for_creator(creator_id)
    rows = rows_for(hooks, event, data, now or datetime.now(UTC))
    if rows:
        await WebhookDelivery.bulk_create(rows)
    return len(rows)


async def emit_interactions(events: Sequence[EventRecord], *, now: datetime) -> int:
    """The webhook events among a batch of interaction events (a turn's, a sweep's): one
    query when no creator of these bots has a webhook."""
    mapped = [(e, FROM_INTERACTION[e.kind]) for e in events if e.kind in FROM_INTERACTION]
    if not mapped:
        return 0
    bot_ids = list({str(e.bot_id) for e, _ in mapped})
    owners = Bot.filter(id__in=bot_ids).values("creator_id")
    hooks = await Webhook.filter(creator_id__in=Subquery(owners))
    if not hooks:
        return 0
    creator_of = dict(await Bot.filter(id__in=bot_ids).values_list("id", "creator_id"))
    rows: list[WebhookDelivery] = []
    for record, event in mapped:
        creator = creator_of[UUID(str(record.bot_id))]
        mine = [h for h in hooks if h.creator_id == creator]
        rows += rows_for(mine, event, data_of(record), now)
    if rows:
        await WebhookDelivery.bulk_create(rows)
    return len(rows)


def data_of(record: EventRecord) -> dict[str, Any]:
    ids = {
        "bot_id": record.bot_id,
        "learner_id": record.user_id,
        "channel": record.channel,
        "conversation_id": record.session_id,
        "message_id": record.message_id,
        "program_id": record.program_id,
    }
    return {k: str(v) for k, v in ids.items() if v is not None} | dict(record.data)
