"""Widget pushes across processes: who holds a learner's socket, and did anyone push to it.

A learner's WebSocket lives in one process; the outbox row for them may be sent by another.
Two mechanisms, each covering the other's weakness:

- **Presence rows** (`widget_presence`: bot, session, node, seen_at) answer "does any process
  hold this socket?" with one indexed read, so a learner who is offline (the common case for a
  nudge) is reported "not connected" at once, without waiting on anybody.
- **Push + ack over the broadcast** make a positive answer true: the sender publishes the outbox
  id, the holding process pushes the row to its sockets and publishes an ack. Only an ack (or a
  local push) counts as delivered; a presence row left by a process that died, or a socket that
  closed a moment ago, ends in a timeout and "not connected". The message is in the history
  either way and the widget shows it when it reconnects.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID

from aiohttp import web
from tortoise.exceptions import IntegrityError

from bot.broadcast import Broadcast
from bot.i18n.catalogue import Texts
from bot.media import attachments_json
from bot.messages import OutboundMessage
from channels.web.hub import WidgetHub
from models import OutboxMessage, WidgetPresence

log = logging.getLogger(__name__)
PUSH_TOPIC = "widget.push"
ACK_TOPIC = "widget.ack"


def widget_message(outbound: OutboundMessage) -> dict[str, Any]:
    """An outbound message in the shape the widget renders (replies, pushes, history alike)."""
    data = outbound.to_json()
    return {
        "text": data["text"],
        "citations": data["citations"],
        "buttons": data["buttons"],
        "sources_label": Texts.for_language(outbound.language).get("sources"),
        "attachments": attachments_json(outbound.attachments, utc_now()),
    }


def utc_now() -> datetime:
    return datetime.now(UTC)


class WidgetLive:
    """This process's widget sockets, announced to the others and reachable through them."""

    def __init__(
        self,
        hub: WidgetHub,
        broadcast: Broadcast,
        *,
        node: str,
        heartbeat_s: float = 15.0,
        ack_timeout_s: float = 2.0,
        now: Callable[[], datetime] = utc_now,
    ) -> None:
        self.hub = hub
        self.broadcast = broadcast
        self.node = node[:64]
        self.heartbeat_s = heartbeat_s
        self.ack_timeout_s = ack_timeout_s
        self.now = now
        self._acks: dict[str, asyncio.Future[bool]] = {}
        self.started_at = now()
        broadcast.subscribe(PUSH_TOPIC, self.on_push)
        broadcast.subscribe(ACK_TOPIC, self.on_ack)
        broadcast.on_resync(self.resync)

    @property
    def expiry(self) -> timedelta:
        return timedelta(seconds=self.heartbeat_s * 3)

    # --- sockets of this process --------------------------------------------------------------

    async def opened(
        self, bot_id: UUID, slug: str, session: str, ws: web.WebSocketResponse
    ) -> None:
        self.hub.add(slug, session, ws)
        values = {"seen_at": self.now()}
        try:
            await WidgetPresence.update_or_create(
                values, bot_id=bot_id, session=session, node=self.node
            )
        except IntegrityError:  # two tabs of one session opened at once: the row is there
            await WidgetPresence.filter(bot_id=bot_id, session=session, node=self.node).update(
                **values
            )

    async def closed(
        self, bot_id: UUID, slug: str, session: str, ws: web.WebSocketResponse
    ) -> None:
        self.hub.remove(slug, session, ws)
        if not self.hub.connected(slug, session):
            await WidgetPresence.filter(bot_id=bot_id, session=session, node=self.node).delete()

    async def heartbeat(self) -> None:
        """Keep this process's rows fresh; forget rows of processes that stopped beating."""
        now = self.now()
        await WidgetPresence.filter(node=self.node).update(seen_at=now)
        await WidgetPresence.filter(seen_at__lt=now - self.expiry).delete()

    async def forget_earlier(self) -> None:
        """At start-up: rows under this node name from before this process began are ghosts."""
        await WidgetPresence.filter(node=self.node, seen_at__lt=self.started_at).delete()

    async def forget_node(self) -> None:
        """On shutdown: this process holds no sockets any more."""
        await WidgetPresence.filter(node=self.node).delete()

    # --- delivering -------------------------------------------------------------------------

    async def deliver(
        self, *, outbox_id: UUID, bot_id: UUID, slug: str, session: str, message: dict[str, Any]
    ) -> bool:
        """Push to every process holding the session; True only if a socket got the message."""
        holders = await self.holders(bot_id, session)
        pushed = False
        if self.hub.connected(slug, session):
            pushed = await self.hub.push(slug, session, message) > 0
        if holders - {self.node}:
            pushed = await self.remote(str(outbox_id)) or pushed
        return pushed

    async def holders(self, bot_id: UUID, session: str) -> set[str]:
        fresh = self.now() - self.expiry
        nodes = await WidgetPresence.filter(
            bot_id=bot_id, session=session, seen_at__gte=fresh
        ).values_list("node", flat=True)
        return {str(n) for n in nodes}

    async def remote(self, outbox_id: str) -> bool:
        """Ask the other processes to push the row; wait for the first ack."""
        waiter: asyncio.Future[bool] = asyncio.get_running_loop().create_future()
        self._acks[outbox_id] = waiter
        try:
            await self.broadcast.publish(PUSH_TOPIC, [outbox_id, self.node])
            return await asyncio.wait_for(asyncio.shield(waiter), self.ack_timeout_s)
        except TimeoutError:
            return False
        finally:
            self._acks.pop(outbox_id, None)

    async def on_push(self, ids: list[str]) -> None:
        outbox_id, origin = ids[0], ids[1]
        if origin == self.node:
            return
        row = await OutboxMessage.get_or_none(id=outbox_id).select_related("bot", "channel_account")
        if row is None:
            return
        session, slug = row.channel_account.external_id, row.bot.slug
        if not self.hub.connected(slug, session):
            return
        message = widget_message(OutboundMessage.from_json(row.payload))
        if row.message_id:  # the widget rates a reply by its stored message's id
            message["id"] = str(row.message_id)
        if await self.hub.push(slug, session, message):
            await self.broadcast.publish(ACK_TOPIC, [outbox_id, self.node])

    async def on_ack(self, ids: list[str]) -> None:
        waiter = self._acks.get(ids[0])
        if waiter is not None and not waiter.done():
            waiter.set_result(True)

    async def resync(self) -> None:
        """After a broadcast drop: pushes may have been missed; widgets reload their history."""
        await self.hub.send_all({"type": "resync"})
