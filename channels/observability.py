"""`GET /metrics` (Prometheus text format) and `GET /readyz` (database and Chroma reachable).

`/healthz` (channels/health.py) says the process is alive; `/readyz` says it can serve: a
load balancer or Kubernetes readiness probe takes a process out of rotation while its database
or Chroma server is unreachable. `/metrics` asks for `PARLEY_METRICS_TOKEN` as a bearer token
when one is set (queue depths and volumes are business data).
"""

from __future__ import annotations

import asyncio
import hmac
import time
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from bot.clock import Clock
from bot.telemetry import CONTENT_TYPE, Telemetry
from channels.health import database_status
from channels.http_errors import HttpError

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
CHROMA_TIMEOUT_S = 3.0


def metrics(telemetry: Telemetry, clock: Clock, *, token: str | None) -> Handler:
    async def handler(request: web.Request) -> web.Response:
        if token is not None:
            given = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
            if not hmac.compare_digest(given.encode(), token.encode()):
                raise HttpError(401, "missing or wrong metrics token (Authorization: Bearer)")
        await telemetry.refresh(clock.now())
        return web.Response(body=telemetry.render(), headers={"Content-Type": CONTENT_TYPE})

    return handler


async def chroma_status(client: Any) -> tuple[bool, str]:
    """Chroma's own heartbeat (embedded or server), off the event loop, with a timeout."""
    try:
        await asyncio.wait_for(asyncio.to_thread(client.heartbeat), CHROMA_TIMEOUT_S)
    except TimeoutError:
        return False, "error: timeout"
    except Exception as exc:  # chromadb raises its own and httpx errors; all mean "not ready"
        return False, f"error: {type(exc).__name__}"
    return True, "ok"


def readyz(database_url: str, chroma_client: Callable[[], Any]) -> Handler:
    async def handler(request: web.Request) -> web.Response:
        started = time.perf_counter()
        db_ok, db_status, _ = await database_status(database_url)
        chroma_ok, chroma = await chroma_status(chroma_client())
        ready = db_ok and chroma_ok
        body = {
            "status": "ready" if ready else "not ready",
            "database": db_status,
            "chroma": chroma,
            "ms": round((time.perf_counter() - started) * 1000, 2),
        }
        return web.json_response(body, status=200 if ready else 503)

    return handler


def add_routes(
    app: web.Application,
    *,
    telemetry: Telemetry,
    clock: Clock,
    database_url: str,
    chroma_client: Callable[[], Any],
    token: str | None = None,
) -> None:
    app.router.add_get("/metrics", metrics(telemetry, clock, token=token))
    app.router.add_get("/readyz", readyz(database_url, chroma_client))
