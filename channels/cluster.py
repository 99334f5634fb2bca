"""What one process needs to cooperate with the others sharing its database.

Built once from settings by the composition root: this process's node name, the broadcast
(in process on SQLite, LISTEN/NOTIFY on PostgreSQL), the rate limiter (Redis when configured),
the widget's live sockets, and leadership for jobs that must run once (Telegram polling).
Its loops keep the broadcast connected and the widget presence fresh, and warn when several
processes share a PostgreSQL database while rate limits are counted per process.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from typing import Any

from tortoise import connections
from tortoise.exceptions import BaseORMException

from bot.broadcast import Broadcast, LocalBroadcast, PostgresBroadcast
from bot.clock import wait_or_stop
from bot.leader import Leadership
from bot.ratelimit import MovingWindowLimiter, build_rate_limiter
from bot.settings import Settings
from channels.web.hub import WidgetHub
from channels.web.live import WidgetLive
from models.db import dialect

log = logging.getLogger(__name__)
Loop = Callable[[asyncio.Event], Coroutine[Any, Any, None]]
PEERS_SQL = """
SELECT count(DISTINCT split_part(application_name, ':', 2) || ':' ||
                      split_part(application_name, ':', 3)) AS n
FROM pg_stat_activity
WHERE datname = current_database() AND application_name LIKE 'parley:%'
  AND application_name NOT LIKE $1
"""


def node_name(configured: str) -> str:
    """This process's name in presence rows, outbox claims and `pg_stat_activity`."""
    name = configured or f"{socket.gethostname()}:{os.getpid()}"
    return name[:40]


@dataclass
class Cluster:
    node: str
    database_url: str
    broadcast: Broadcast
    limiter: MovingWindowLimiter
    hub: WidgetHub
    live: WidgetLive
    heartbeat_s: float
    warned: bool = field(default=False)

    @classmethod
    def build(cls, settings: Settings) -> Cluster:
        node = node_name(settings.cluster.node_name)
        broadcast: Broadcast = LocalBroadcast()
        if dialect(settings.db_url) == "postgres":
            beat = settings.cluster.heartbeat_s
            broadcast = PostgresBroadcast(settings.db_url, node=node, keepalive_s=beat)
        hub = WidgetHub()
        live = WidgetLive(
            hub,
            broadcast,
            node=node,
            heartbeat_s=settings.cluster.heartbeat_s,
            ack_timeout_s=settings.cluster.push_ack_timeout_s,
        )
        limiter = build_rate_limiter(settings.redis_url)
        return cls(
            node, settings.db_url, broadcast, limiter, hub, live, settings.cluster.heartbeat_s
        )

    @property
    def postgres(self) -> bool:
        return isinstance(self.broadcast, PostgresBroadcast)

    def loops(self) -> list[Loop]:
        return [self.broadcast.run, self.keep_fresh]

    def leadership(self, name: str) -> Leadership | None:
        """None on SQLite (one process); else the lock that elects one process for `name`."""
        if not self.postgres:
            return None
        return Leadership(
            name, database_url=self.database_url, node=self.node, keepalive_s=self.heartbeat_s
        )

    async def keep_fresh(self, stop: asyncio.Event) -> None:
        """Presence heartbeat and the shared-database check, every `heartbeat_s`."""
        if not await self.limiter.warm_up():
            log.warning("rate limits: the Redis storage does not answer")
        await self.live.forget_earlier()  # rows a previous process of this name left behind
        while not stop.is_set():
            try:
                await self.live.heartbeat()
                await self.check_shared_limits()
            except (BaseORMException, OSError) as exc:
                log.warning("cluster heartbeat failed (%s); retrying", exc)
            await wait_or_stop(stop, self.heartbeat_s)

    async def peers(self) -> int:
        """Other Parley processes connected to this PostgreSQL database right now."""
        if not self.postgres:
            return 0
        _, rows = await connections.get("default").execute_query(
            PEERS_SQL, [f"parley:{self.node}%"]
        )
        return int(rows[0]["n"])

    async def check_shared_limits(self) -> None:
        if self.limiter.shared or self.warned or not await self.peers():
            return
        self.warned = True
        log.warning(
            "several Parley processes share this database but rate limits are counted per "
            "process (Telegram, WhatsApp and widget limits are exceeded N times over): set "
            "PARLEY_REDIS_URL to share them"
        )

    async def aclose(self) -> None:
        with contextlib.suppress(BaseORMException, OSError):
            await self.live.forget_node()
