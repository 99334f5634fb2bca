"""`GET /healthz`: is this process up and can it reach its database."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from importlib.metadata import version

from aiohttp import web
from tortoise import connections
from tortoise.exceptions import BaseORMException

from models.db import dialect


async def database_status(url: str) -> tuple[bool, str, float]:
    started = time.perf_counter()
    try:
        await connections.get("default").execute_query("SELECT 1")
    except (BaseORMException, OSError) as exc:
        return False, f"error: {type(exc).__name__}", 0.0
    return True, "ok", (time.perf_counter() - started) * 1000


def healthz(database_url: str) -> Callable[[web.Request], Awaitable[web.Response]]:
    async def handler(request: web.Request) -> web.Response:
        ok, status, latency = await database_status(database_url)
        body = {
            "status": "ok" if ok else "degraded",
            "version": version("parley"),
            "database": {
                "status": status,
                "dialect": dialect(database_url),
                "ms": round(latency, 2),
            },
        }
        return web.json_response(body, status=200 if ok else 503)

    return handler
