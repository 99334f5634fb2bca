"""Vendor send rates with lanes: grants spaced evenly, replies served before scheduled sends.

A `Pacer` grants one send per `interval_s` (so no second ever holds more than the rate, and
no burst fills a window that a reply then has to wait out) from a heap of waiters ordered by
lane, then arrival: a reply that starts waiting behind a hundred scheduled sends of the same
bot is the next one granted. A pacer that `holds` (a chat's) grants nothing more until the
granted send calls `done()`: its interval then runs from that moment, however long the send
waited after its grant (a chat's nudge waiting for the bot's rate behind other nudges must not
let a reply to that chat go first and then follow it within the interval). In-process: one
process sends for a bot (the worker's default).
"""

from __future__ import annotations

import asyncio
import heapq
import itertools

from models import Lane


class Pacer:
    """One grant per `interval_s`; lower lanes first, then first come."""

    def __init__(self, interval_s: float, *, holds: bool = False) -> None:
        if interval_s <= 0:
            raise ValueError("a pacer needs interval_s > 0")
        self.interval_s = interval_s
        self.holds = holds
        self._held = False  # a holding pacer's grant is out and its send has not gone yet
        self._last: float | None = None
        self._waiting: list[tuple[int, int, asyncio.Future[None]]] = []
        self._order = itertools.count()
        self._timer: asyncio.TimerHandle | None = None

    @classmethod
    def per_second(cls, rate: float, *, margin: float = 0.0, holds: bool = False) -> Pacer:
        """`rate` sends per second; `margin` widens the spacing by that fraction, so network
        jitter between us and the vendor cannot make two sends look closer than allowed."""
        return cls((1 + margin) / rate, holds=holds)

    async def acquire(self, lane: Lane = Lane.INTERACTIVE) -> None:
        """Return when this send may go; cancelling the wait gives its place up."""
        loop = asyncio.get_running_loop()
        if not self._waiting and not self._held and self._free_at() <= loop.time():
            self._grant(loop)
            return
        fut: asyncio.Future[None] = loop.create_future()
        heapq.heappush(self._waiting, (int(lane), next(self._order), fut))
        self._arm(loop)
        try:
            await fut
        except asyncio.CancelledError:
            if fut.done() and not fut.cancelled():  # granted, then cancelled before it resumed
                self.done()  # nobody will send on this grant: a holding pacer lets it go
            raise

    def done(self) -> None:
        """A holding pacer's granted send went (or gave up): the interval runs from now."""
        if self._held:
            loop = asyncio.get_running_loop()
            self._held, self._last = False, loop.time()
            self._arm(loop)

    def _grant(self, loop: asyncio.AbstractEventLoop) -> None:
        self._last = loop.time()
        self._held = self.holds

    def _free_at(self) -> float:
        return 0.0 if self._last is None else self._last + self.interval_s

    def _arm(self, loop: asyncio.AbstractEventLoop) -> None:
        if self._timer is None and self._waiting and not self._held:
            self._timer = loop.call_at(self._free_at(), self._release, loop)

    def _release(self, loop: asyncio.AbstractEventLoop) -> None:
        self._timer = None
        while self._waiting and not self._held and self._free_at() <= loop.time():
            *_, fut = heapq.heappop(self._waiting)
            if fut.done():  # its waiter was cancelled
                continue
            self._grant(loop)
            fut.set_result(None)
        self._arm(loop)
