"""Server-sent events of a creator's inbox: one `text/event-stream` response per open page.

Each event is `event: conversation` with the conversation's id as data (empty: re-read
everything, events were lost); a comment line every `keepalive_s` keeps proxies from closing
an idle stream and notices a browser that went away.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from uuid import UUID

from aiohttp import web

from bot.inbox_feed import WATCH_EVERY_S, InboxFeed

KEEPALIVE_S = 15.0


async def inbox_events(
    request: web.Request,
    feed: InboxFeed,
    creator_id: UUID,
    *,
    stop: asyncio.Event,
    keepalive_s: float = KEEPALIVE_S,
) -> web.StreamResponse:
    response = web.StreamResponse(
        headers={
            "Content-Type": "text/event-stream",
            "Cache-Control": "no-store",
            "X-Accel-Buffering": "no",  # nginx: pass each event on at once
        }
    )
    await response.prepare(request)
    queue = feed.open(creator_id)
    try:
        await feed.watchers.watch(creator_id)
        said_at = time.monotonic()
        await response.write(b": connected\n\n")
        while not stop.is_set():
            if time.monotonic() - said_at >= WATCH_EVERY_S:
                await feed.watchers.watch(creator_id)
                said_at = time.monotonic()
            with contextlib.suppress(TimeoutError):
                conversation = await asyncio.wait_for(queue.get(), keepalive_s)
                await response.write(f"event: conversation\ndata: {conversation}\n\n".encode())
                continue
            await response.write(b": keepalive\n\n")
    except ConnectionResetError:
        pass  # the page closed; nothing to finish
    finally:
        feed.close(creator_id, queue)
    return response
