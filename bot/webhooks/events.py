"""`emit`: an event becomes a delivery row per subscribed webhook, in the caller's transaction."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any
from uuid import UUID, uuid4

from bot.live import BOT_TTL_S
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
# (`enrolled` is emitted by `bot.programs.service`, which every enrollment goes through)
FROM_INTERACTION = {
    "step_completed": "step_completed",
    "program_completed": "program_completed",
    "badge_awarded": "badge_awarded",
    "message_received": "message_received",
    "handoff_requested": "handoff_requested",
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
    subscribed = [hook for hook in hooks if event in hook.events]
    if not subscribed:  # most events of most bots: no body to render
        return []
    event_id = uuid4()
    body = body_of(event, event_id, data, at)
    return [
        WebhookDelivery(
            webhook_id=hook.id, event_id=event_id, event=event, body=body, next_attempt_at=at
        )
        for hook in subscribed
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


class Subscribers:
    """Each bot's creator's webhooks, cached per process for at most `TTL_S` (a turn pays no
    query for them); `forget()` runs on every change made here. A webhook registered through
    another process gets events from this one within `TTL_S`, as `bot.live`'s caches do."""

    TTL_S = BOT_TTL_S

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self._hooks: dict[str, tuple[float, list[Webhook]]] = {}

    def forget(self) -> None:
        self._hooks.clear()

    async def of(self, bot_ids: set[str]) -> dict[str, list[Webhook]]:
        now = self.clock()
        fresh = {b: e[1] for b in bot_ids if (e := self._hooks.get(b)) and e[0] > now}
        missing = bot_ids - set(fresh)
        if missing:
            owners = dict(await Bot.filter(id__in=list(missing)).values_list("id", "creator_id"))
            hooks = await Webhook.filter(creator_id__in=list(set(owners.values())))
            for bot_id, creator_id in owners.items():
                mine = [h for h in hooks if h.creator_id == creator_id]
                self._hooks[str(bot_id)] = (now + self.TTL_S, mine)
                fresh[str(bot_id)] = mine
        return fresh


SUBSCRIBERS = Subscribers()


async def emit_interactions(events: Sequence[EventRecord], *, now: datetime) -> int:
    """The webhook events among a batch of interaction events (a turn's, a sweep's)."""
    mapped = [(e, FROM_INTERACTION[e.kind]) for e in events if e.kind in FROM_INTERACTION]
    if not mapped:
        return 0
    hooks = await SUBSCRIBERS.of({str(e.bot_id) for e, _ in mapped})
    rows: list[WebhookDelivery] = []
    for record, event in mapped:
        rows += rows_for(hooks.get(str(record.bot_id), []), event, data_of(record), now)
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
