"""Live widget connections: pushes messages the bot sends later (nudges) over WebSockets."""

from __future__ import annotations

import logging
from collections import defaultdict
from typing import Any

from aiohttp import web

log = logging.getLogger(__name__)


class WidgetHub:
    """Open WebSockets per (bot slug, widget session)."""

    def __init__(self) -> None:
        self._sockets: dict[tuple[str, str], set[web.WebSocketResponse]] = defaultdict(set)

    def add(self, bot: str, session: str, ws: web.WebSocketResponse) -> None:
        self._sockets[(bot, session)].add(ws)

    def remove(self, bot: str, session: str, ws: web.WebSocketResponse) -> None:
        sockets = self._sockets.get((bot, session))
        if sockets is not None:
            sockets.discard(ws)
            if not sockets:
                del self._sockets[(bot, session)]

    def connected(self, bot: str, session: str) -> int:
        return len(self._sockets.get((bot, session), ()))

    async def push(self, bot: str, session: str, message: dict[str, Any]) -> int:
        """Send to every open socket of the session; returns how many received it."""
        delivered = 0
        for ws in list(self._sockets.get((bot, session), ())):
            if ws.closed:
                self.remove(bot, session, ws)
                continue
            await ws.send_json({"type": "message", "message": message})
            delivered += 1
        return delivered

    async def send_all(self, event: dict[str, Any]) -> int:
        """An event (not a message) to every open socket, e.g. "resync: reload your history"."""
        sent = 0
        for sockets in list(self._sockets.values()):
            for ws in [w for w in sockets if not w.closed]:
                await ws.send_json(event)
                sent += 1
        return sent

    async def close_all(self) -> None:
        for sockets in list(self._sockets.values()):
            for ws in list(sockets):
                await ws.close(code=1001, message=b"server shutdown")
        self._sockets.clear()
