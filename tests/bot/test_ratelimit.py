"""Rate limits: a moving window per key, shared by every limiter on the same Redis."""

from __future__ import annotations

import asyncio
import os
import time
import uuid

import pytest
import redis.asyncio as aioredis

from bot.ratelimit import MovingWindowLimiter, Rate, RateLimited, build_rate_limiter
from tests.localhost import REDIS_URL


async def redis_or_skip() -> None:
    client = aioredis.from_url(REDIS_URL)
    try:
        await client.ping()
    except OSError as exc:
        if os.environ.get("CI"):
            pytest.fail(f"Redis at {REDIS_URL} unavailable under CI: {exc}")
        pytest.skip(f"Redis unavailable: {exc}")
    finally:
        await client.aclose()


def test_rates_are_whole_second_windows() -> None:
    assert Rate.per_second(30.0) == Rate(30, 1)
    assert Rate.per_second(0.5) == Rate(1, 2)
    assert Rate.per_minute(120) == Rate(120, 60)
    with pytest.raises(ValueError):
        Rate.per_second(0)


async def test_in_process_limiter_allows_the_budget_then_says_how_long_to_wait() -> None:
    limiter = build_rate_limiter("")
    key = f"k-{uuid.uuid4().hex}"
    assert [await limiter.hit(key, Rate(3, 60)) for _ in range(3)] == [None, None, None]
    wait = await limiter.hit(key, Rate(3, 60))
    assert wait is not None and 55 < wait <= 60
    assert await limiter.hit(f"other-{key}", Rate(3, 60)) is None
    assert not limiter.shared


async def test_two_processes_on_redis_share_one_budget() -> None:
    await redis_or_skip()
    first, second = build_rate_limiter(REDIS_URL), build_rate_limiter(REDIS_URL)
    assert first.shared and second.shared
    key = f"test:{uuid.uuid4().hex}"
    results = [await (first if i % 2 else second).hit(key, Rate(5, 60)) for i in range(8)]
    assert results[:5] == [None] * 5
    assert all(r is not None for r in results[5:])


async def test_wait_paces_a_burst_to_the_rate_across_limiters() -> None:
    await redis_or_skip()
    limiters = [build_rate_limiter(REDIS_URL) for _ in range(2)]
    assert all([await limiter.warm_up() for limiter in limiters])
    key = f"test:{uuid.uuid4().hex}"
    stamps: list[float] = []

    async def send(limiter: MovingWindowLimiter) -> None:
        await limiter.wait(key, Rate(10, 1), max_wait_s=10)
        stamps.append(time.monotonic())

    await asyncio.gather(*(send(limiters[i % 2]) for i in range(25)))
    stamps.sort()
    # Stamps are taken when `wait` returns, a scheduling delay after the limiter's own stamp:
    # 0.2 s of the window is left for that delay on a busy machine.
    busiest = max(sum(1 for t in stamps if s <= t < s + 0.8) for s in stamps)
    assert busiest <= 10
    assert stamps[-1] - stamps[0] >= 2.0  # 25 sends at 10/s need at least two full windows


async def test_wait_gives_up_with_the_time_to_retry() -> None:
    limiter = build_rate_limiter("")
    key = f"k-{uuid.uuid4().hex}"
    await limiter.wait(key, Rate(1, 60))
    with pytest.raises(RateLimited) as caught:
        await limiter.wait(key, Rate(1, 60), max_wait_s=0.05)
    assert caught.value.retry_after > 50


async def test_an_unreachable_redis_fails_open_and_says_so(
    caplog: pytest.LogCaptureFixture,
) -> None:
    limiter = build_rate_limiter("redis://127.0.0.1:9/0")  # nothing listens on port 9
    assert await limiter.warm_up() is False
    with caplog.at_level("WARNING", logger="bot.ratelimit"):
        assert [await limiter.hit("k", Rate(1, 60)) for _ in range(3)] == [None, None, None]
    assert sum("not enforced" in r.getMessage() for r in caplog.records) == 1
