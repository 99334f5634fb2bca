"""Rate limits shared by every process: vendor send quotas and the widget's abuse limits.

One small interface (`RateLimiter`: `hit` answers now, `wait` blocks until allowed) over the
`limits` library's moving-window strategy: at most `amount` hits in any window of `seconds`.
Storage is Redis when `PARLEY_REDIS_URL` is set, so N processes share one budget; otherwise
process memory, which is right for one process and N times too generous for N. In memory the
windows are plain deques (`LocalWindows`): `limits`' MemoryStorage ran a worker-thread hop per
key it held on every hit, a cost that grew with the number of widget sessions.
"""

from __future__ import annotations

import asyncio
import logging
import math
import time
from collections import deque
from dataclasses import dataclass
from typing import Protocol

from limits import RateLimitItem, RateLimitItemPerSecond
from limits.aio.storage import RedisStorage, Storage
from limits.aio.strategies import MovingWindowRateLimiter
from limits.errors import StorageError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Rate:
    """At most `amount` events in any window of `seconds`."""

    amount: int
    seconds: int = 1

    @classmethod
    def per_second(cls, value: float) -> Rate:
        """30.0 -> 30 per 1 s; 0.5 -> 1 per 2 s (windows are whole seconds)."""
        if value <= 0:
            raise ValueError("a rate must be positive")
        if value >= 1:
            return cls(int(value), 1)
        return cls(1, math.ceil(1 / value))

    @classmethod
    def per_minute(cls, value: int) -> Rate:
        return cls(value, 60)

    def item(self) -> RateLimitItem:
        return RateLimitItemPerSecond(self.amount, self.seconds)


class RateLimited(Exception):
    """`wait` gave up: the budget did not free up within `max_wait_s`."""

    def __init__(self, key: str, retry_after: float) -> None:
        super().__init__(f"rate limit {key}: retry in {retry_after:.1f}s")
        self.retry_after = retry_after


class RateLimiter(Protocol):
    """A budget per key; every process asking the same storage shares it."""

    shared: bool

    async def hit(self, key: str, rate: Rate) -> float | None:
        """Take one unit: None when allowed, else the seconds until one frees up."""
        ...

    async def wait(self, key: str, rate: Rate, *, max_wait_s: float = 60.0) -> None:
        """Take one unit, sleeping until it is free; RateLimited after `max_wait_s`."""
        ...


class LocalWindows:
    """Moving windows in process memory: per key, the times of the hits in the last window."""

    PRUNE_EVERY = 10_000  # hits between sweeps of keys whose window emptied

    def __init__(self) -> None:
        self._hits: dict[str, deque[float]] = {}
        self._until_prune = self.PRUNE_EVERY

    def hit(self, key: str, rate: Rate) -> float | None:
        now = time.monotonic()
        hits = self._hits.setdefault(key, deque())
        while hits and hits[0] <= now - rate.seconds:
            hits.popleft()
        self._until_prune -= 1
        if self._until_prune <= 0:
            self._prune(now, rate.seconds)
        if len(hits) < rate.amount:
            hits.append(now)
            return None
        return max(0.01, hits[len(hits) - rate.amount] + rate.seconds - now)

    def _prune(self, now: float, seconds: int) -> None:
        self._until_prune = self.PRUNE_EVERY
        for key in [k for k, hits in self._hits.items() if not hits or hits[-1] <= now - seconds]:
            del self._hits[key]


class MovingWindowLimiter:
    """`RateLimiter` over a `limits` storage (Redis), or `LocalWindows` when `storage` is None."""

    def __init__(self, storage: Storage | None, *, shared: bool, prefix: str = "parley") -> None:
        self.storage = storage
        self.local = LocalWindows() if storage is None else None
        self.strategy = MovingWindowRateLimiter(storage) if storage is not None else None
        self.shared = shared
        self.prefix = prefix
        # One hit at a time per process: concurrent hits would each open a pooled connection,
        # and `limits` stamps a hit before its round trip, so slow connects skew the window.
        self._one_at_a_time = asyncio.Lock()
        self._complained_at = -math.inf

    async def warm_up(self) -> bool:
        """Open the storage's connection now: `limits` stamps a hit with the time it was asked
        for, so a hit that first waits for a connection would be stamped too early."""
        if self.storage is None:
            return True
        try:
            return bool(await self.storage.check())
        except StorageError:
            return False

    async def hit(self, key: str, rate: Rate) -> float | None:
        """Fails open: with the storage down, chats go on (vendors answer 429 if we overdo it,
        and the outbox honours their retry_after) rather than every turn failing."""
        if self.local is not None:
            return self.local.hit(key, rate)
        item = rate.item()
        assert self.strategy is not None
        try:
            async with self._one_at_a_time:
                if await self.strategy.hit(item, self.prefix, key):
                    return None
                stats = await self.strategy.get_window_stats(item, self.prefix, key)
        except StorageError as exc:
            self._complain(exc)
            return None
        return max(0.01, stats.reset_time - time.time())

    def _complain(self, exc: StorageError) -> None:
        if time.monotonic() - self._complained_at > 60:
            self._complained_at = time.monotonic()
            log.warning("rate limits not enforced: storage unavailable (%s)", exc)

    async def wait(self, key: str, rate: Rate, *, max_wait_s: float = 60.0) -> None:
        deadline = time.monotonic() + max_wait_s
        while (retry := await self.hit(key, rate)) is not None:
            left = deadline - time.monotonic()
            if left <= 0:
                raise RateLimited(key, retry)
            await asyncio.sleep(min(retry, left))


def build_rate_limiter(redis_url: str, *, prefix: str = "parley") -> MovingWindowLimiter:
    """Redis-backed (shared across processes) when a URL is given, else in-process."""
    if not redis_url:
        return MovingWindowLimiter(None, shared=False, prefix=prefix)
    uri = "async+" + redis_url if not redis_url.startswith("async+") else redis_url
    storage = RedisStorage(uri, implementation="redispy", wrap_exceptions=True)
    return MovingWindowLimiter(storage, shared=True, prefix=prefix)
