"""The live inbox feed: what happened in a creator's conversations, on every process.

`InboxNotifyStep` (outermost but identity) publishes `<creator>:<conversation>` on the broadcast
topic `inbox.message` once a turn has committed, if some process has an inbox of that creator
open (`InboxWatchers`: otherwise a turn would pay a NOTIFY nobody hears); the creator's own
actions (reply, takeover, release) publish the same way, always. Each process's `InboxFeed`
hands the conversation ids to the open streams of that creator (the studio's and the API's
server-sent events), through a bounded queue per stream: a slow browser loses events, never
the process's memory, and the page re-reads the list on the next event anyway.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import defaultdict
from collections.abc import Callable
from uuid import UUID

from tortoise.exceptions import BaseORMException

from bot.broadcast import Broadcast
from bot.pipeline import Next, Turn

log = logging.getLogger(__name__)
TOPIC = "inbox.message"
WATCH_TOPIC = "inbox.watch"
QUEUE_SIZE = 100
WATCH_TTL_S = 120.0  # an inbox not heard of for this long is taken as closed
WATCH_EVERY_S = 45.0  # how often an open stream says it is still open


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


class InboxWatchers:
    """Which creators have an inbox stream open on some process, as each process heard it.

    A stream says so on the broadcast when it opens and every `WATCH_EVERY_S` after; a creator
    not heard of for `WATCH_TTL_S` is unwatched. After a resync (the listener missed messages)
    every creator counts as watched for `WATCH_TTL_S`, so nothing is dropped while unsure.
    """

    def __init__(self, broadcast: Broadcast, clock: Callable[[], float] = time.monotonic) -> None:
        self.broadcast, self.clock = broadcast, clock
        self._until: dict[str, float] = {}
        self._everyone_until = 0.0
        broadcast.subscribe(WATCH_TOPIC, self.on_watch)
        broadcast.on_resync(self.on_resync)

    def watched(self, creator_id: UUID | str) -> bool:
        now = self.clock()
        return self._everyone_until > now or self._until.get(str(creator_id), 0.0) > now

    async def watch(self, creator_id: UUID | str) -> None:
        """This process has an inbox of `creator_id` open: tell every process (this one at once)."""
        self._until[str(creator_id)] = self.clock() + WATCH_TTL_S
        try:
            await self.broadcast.publish(WATCH_TOPIC, [str(creator_id)])
        except (OSError, BaseORMException):
            log.warning("inbox feed: could not announce an open inbox")

    async def on_watch(self, ids: list[str]) -> None:
        until = self.clock() + WATCH_TTL_S
        now = self.clock()
        self._until = {c: t for c, t in self._until.items() if t > now}
        self._until.update(dict.fromkeys(ids, until))

    async def on_resync(self) -> None:
        self._everyone_until = self.clock() + WATCH_TTL_S


class InboxNotifyStep:
    """Pipeline step just inside identity: after the turn committed, announce its conversation
    to the creator's open inboxes (a redelivery changed nothing and announces nothing)."""

    def __init__(self, watchers: InboxWatchers) -> None:
        self._watchers = watchers

    async def __call__(self, turn: Turn, call_next: Next) -> None:
        await call_next(turn)
        if not (turn.committed and not turn.duplicate and turn.conversation_row is not None):
            return
        if self._watchers.watched(turn.bot.creator_id):
            conversation = turn.inbound_row.conversation_id if turn.inbound_row else None
            await announce(
                self._watchers.broadcast,
                turn.bot.creator_id,
                conversation or turn.conversation.id,
            )


class InboxFeed:
    """This process's open inbox streams, per creator, fed from the broadcast."""

    def __init__(self, broadcast: Broadcast, watchers: InboxWatchers) -> None:
        self.broadcast, self.watchers = broadcast, watchers
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
