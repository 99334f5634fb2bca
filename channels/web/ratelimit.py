"""The widget's abuse limits: messages per client IP and per widget session, in every process."""

from __future__ import annotations

import math

from bot.ratelimit import Rate, RateLimiter
from bot.settings import WidgetSettings


class WidgetLimits:
    """Per IP first (one client flooding many sessions), then per bot session."""

    def __init__(self, limiter: RateLimiter, settings: WidgetSettings) -> None:
        self.limiter = limiter
        self.per_ip = Rate.per_minute(settings.ip_per_minute)
        self.per_session = Rate.per_minute(settings.session_per_minute)

    async def check(self, *, ip: str, bot: str, session: str) -> int | None:
        """None when allowed, else whole seconds to wait (for Retry-After)."""
        wait = await self.limiter.hit(f"widget:ip:{ip}", self.per_ip)
        if wait is None:
            wait = await self.limiter.hit(f"widget:session:{bot}:{session}", self.per_session)
        return None if wait is None else max(1, math.ceil(wait))
