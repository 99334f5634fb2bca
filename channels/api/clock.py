"""The clock the creator API reads "now" from (the composition root's, faked in tests)."""

from __future__ import annotations

from aiohttp import web

from bot.clock import Clock

CLOCK = web.AppKey("api_clock", Clock)
