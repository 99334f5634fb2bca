"""Vendor send rates with lanes: grants spaced evenly, replies served before scheduled sends.

A `Pacer` grants one send per `interval_s` (so no second ever holds more than the rate, and
no burst fills a window that a reply then has to wait out) from a heap of waiters ordered by
lane, then arrival: a reply that starts waiting behind a hundred scheduled sends of the same
bot is the next one granted. In-process: one process sends for a bot (the worker's default).
"""

from __future__ import annotations

import asyncio
import heapq
import itertools

from models import Lane


class Pacer:
    """One grant per `interval_s`; lower lanes first, then first come."""

    def __init__(self, interval_s: float) -> None:
        if interval_s <= 0:
            raise ValueError("a pacer needs interval_s > 0")
        self.interval_s = interval_s
        self._last: float | None = None
        self._waiting: list[tuple[int, int, asyncio.Future[None]]] = []
        self._order = itertools.count()
        self._timer: asyncio.TimerHandle | None = None

    @classmethod
    def per_second(cls, rate: float, *, margin: float = 0.0) -> Pacer:
        """`rate` sends per second; `margin` widens the spacing by that fraction, so network
        jitter between us and the vendor cannot make two sends look closer than allowed."""
        return cls((1 + margin) / rate)

    async def acquire(self, lane: Lane = Lane.INTERACTIVE) -> None:
        """Return when this send may go; cancelling the wait gives its place up."""
        loop = asyncio.get_running_loop()
        if not self._waiting and self._free_at() <= loop.time():
            self._last = loop.time()
            return
        fut: asyncio.Future[None] = loop.create_future()
        heapq.heappush(self._waiting, (int(lane), next(self._order), fut))
        self._arm(loop)
        await fut

    def _free_at(self) -> float:
        return 0.0 if self._last is None else self._last + self.interval_s

    def _arm(self, loop: asyncio.AbstractEventLoop) -> None:
        if self._timer is None and self._waiting:
            self._timer = loop.call_at(self._free_at(), self._release, loop)

    def _release(self, loop: asyncio.AbstractEventLoop) -> None:
        self._timer = None
        while self._waiting and self._free_at() <= loop.time():
            *_, fut = heapq.heappop(self._waiting)
            if fut.done():  # its waiter was cancelled
                continue
            self._last = loop.time()
            fut.set_result(None)
        self._arm(loop)
