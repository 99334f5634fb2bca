"""The live inbox feed: what happened in a creator's conversations, on every process.

`InboxNotifyStep` (outermost but identity) publishes `<creator>:<conversation>` on the broadcast
topic `inbox.message` once a turn has committed; the creator's own actions (reply, takeover,
release) publish the same way. Each process's `InboxFeed` hands the conversation ids to the
open streams of that creator (the studio's and the API's server-sent events), through a
bounded queue per stream: a slow browser loses events, never the process's memory, and the
page re-reads the list on the next event anyway.
"""

from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from uuid import UUID

from tortoise.exceptions import BaseORMException

from bot.broadcast import Broadcast
from bot.pipeline import Next, Turn

log = logging.getLogger(__name__)
TOPIC = "inbox.message"
QUEUE_SIZE = 100


def event_id(creator_id: UUID | str, conversation_id: UUID | str) -> str:
    return f"{creator_id}:{conversation_id}"


async def announce(
    broadcast: Broadcast, creator_id: UUID | str, conversation_id: UUID | str
) -> None:
    """Tell every process's open inboxes of this creator that the conversation changed."""
    try:
        await broadcast.publish(TOPIC, [event_id(creator_id, conversation_id)])
    except (OSError, BaseORMException):  # the write already committed; the page refreshes later
        log.warning("inbox feed: could not announce conversation %s", conversation_id)


class InboxNotifyStep:
    """Pipeline step just inside identity: after the turn committed, announce its conversation
    (a redelivery changed nothing and announces nothing)."""

    def __init__(self, broadcast: Broadcast) -> None:
        self._broadcast = broadcast

    async def __call__(self, turn: Turn, call_next: Next) -> None:
        await call_next(turn)
        if turn.committed and not turn.duplicate and turn.conversation_row is not None:
            conversation = turn.inbound_row.conversation_id if turn.inbound_row else None
            await announce(
                self._broadcast, turn.bot.creator_id, conversation or turn.conversation.id
            )


class InboxFeed:
    """This process's open inbox streams, per creator, fed from the broadcast."""

    def __init__(self, broadcast: Broadcast) -> None:
        self.broadcast = broadcast
        self._streams: dict[str, set[asyncio.Queue[str]]] = defaultdict(set)
        broadcast.subscribe(TOPIC, self.on_event)
        broadcast.on_resync(self.on_resync)

    def open(self, creator_id: UUID | str) -> asyncio.Queue[str]:
        queue: asyncio.Queue[str] = asyncio.Queue(QUEUE_SIZE)
        self._streams[str(creator_id)].add(queue)
        return queue

    def close(self, creator_id: UUID | str, queue: asyncio.Queue[str]) -> None:
        streams = self._streams.get(str(creator_id))
        if streams is not None:
            streams.discard(queue)
            if not streams:
                del self._streams[str(creator_id)]

    async def on_event(self, ids: list[str]) -> None:
        for item in ids:
            creator, _, conversation = item.partition(":")
            for queue in list(self._streams.get(creator, ())):
                offer(queue, conversation)

    async def on_resync(self) -> None:
        """Events were lost while the listener was away: every open page re-reads its list."""
        for streams in list(self._streams.values()):
            for queue in list(streams):
                offer(queue, "")


def offer(queue: asyncio.Queue[str], item: str) -> None:
    if not queue.full():
        queue.put_nowait(item)
