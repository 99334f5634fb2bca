"""A turn announces its conversation only while some process has that creator's inbox open."""

from __future__ import annotations

from uuid import uuid4

from bot.broadcast import LocalBroadcast
from bot.inbox_feed import TOPIC, WATCH_TTL_S, InboxFeed, InboxWatchers


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def test_an_open_inbox_is_watched_until_it_goes_quiet() -> None:
    clock, creator = Clock(), uuid4()
    watchers = InboxWatchers(LocalBroadcast(), clock)
    assert not watchers.watched(creator)
    await watchers.watch(creator)
    assert watchers.watched(creator) and not watchers.watched(uuid4())
    clock.now += WATCH_TTL_S - 1
    assert watchers.watched(creator)
    clock.now += 2
    assert not watchers.watched(creator)


async def test_another_process_saying_it_watches_counts_and_a_resync_watches_everyone() -> None:
    broadcast, clock, creator = LocalBroadcast(), Clock(), str(uuid4())
    here, there = InboxWatchers(broadcast, clock), InboxWatchers(broadcast, clock)
    await there.watch(creator)  # the broadcast carries it to every process's watchers
    assert here.watched(creator)
    clock.now += WATCH_TTL_S + 1
    assert not here.watched(creator)
    await broadcast.resync()  # messages may have been lost: announce everything for a while
    assert here.watched(uuid4())


async def test_the_feed_hands_a_watched_creators_events_to_their_streams_only() -> None:
    broadcast = LocalBroadcast()
    feed = InboxFeed(broadcast, InboxWatchers(broadcast))
    mine, theirs = uuid4(), uuid4()
    queue = feed.open(mine)
    await broadcast.publish(TOPIC, [f"{theirs}:c-1", f"{mine}:c-2"])
    assert queue.get_nowait() == "c-2" and queue.empty()
