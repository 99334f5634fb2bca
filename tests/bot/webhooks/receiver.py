"""A webhook receiver on 127.0.0.1: verifies `Parley-Signature`, fails a seeded share of posts."""

from __future__ import annotations

import random
import time
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

from aiohttp import web
from aiohttp.test_utils import TestServer

from bot.webhooks import verify


@dataclass
class Receiver:
    secret: str = ""
    failure_rate: float = 0.3
    rng: random.Random = field(default_factory=lambda: random.Random(20261129))
    accepted: Counter[str] = field(default_factory=Counter)
    bodies: dict[str, dict[str, object]] = field(default_factory=dict)
    failed: int = 0
    bad_signatures: int = 0
    url: str = ""

    async def handle(self, request: web.Request) -> web.Response:
        body = await request.read()
        signature = request.headers.get("Parley-Signature", "")
        if not verify(self.secret, body, signature, now=int(time.time()), tolerance_s=10**9):
            self.bad_signatures += 1
            return web.json_response({"error": "bad signature"}, status=401)
        if self.rng.random() < self.failure_rate:
            self.failed += 1
            return web.json_response({"error": "try later"}, status=500)
        data = await request.json()
        self.accepted[data["id"]] += 1
        self.bodies[data["id"]] = data
        return web.json_response({"ok": True})


@asynccontextmanager
async def receiving(receiver: Receiver) -> AsyncIterator[Receiver]:
    app = web.Application()
    app.router.add_post("/hooks", receiver.handle)
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    receiver.url = f"http://127.0.0.1:{server.port}/hooks"
    try:
        yield receiver
    finally:
        await server.close()
