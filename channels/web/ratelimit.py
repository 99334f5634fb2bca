"""Sliding-window rate limits for the widget (per session and per client IP, in process)."""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Callable


class SlidingWindowLimiter:
    """At most `limit` hits per `period` seconds for each key."""

    def __init__(
        self, limit: int, period: float = 60.0, *, now: Callable[[], float] = time.monotonic
    ) -> None:
        self.limit = limit
        self.period = period
        self._now = now
        self._hits: dict[str, deque[float]] = {}

    def hit(self, key: str) -> int | None:
        """Record a hit; None when allowed, else the seconds to wait (for Retry-After)."""
        now = self._now()
        window = self._hits.setdefault(key, deque())
        while window and window[0] <= now - self.period:
            window.popleft()
        if len(window) >= self.limit:
            return max(1, math.ceil(window[0] + self.period - now))
        window.append(now)
        if len(self._hits) > 10_000:
            self._forget_idle(now)
        return None

    def _forget_idle(self, now: float) -> None:
        idle = [k for k, w in self._hits.items() if not w or w[-1] <= now - self.period]
        for key in idle:
            del self._hits[key]
