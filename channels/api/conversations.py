"""`/api/v1/conversations`: search, transcripts, takeover, the creator's replies, the live feed."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from aiohttp import web
from pydantic import BaseModel, ConfigDict, Field

from bot import conversations, handoff
from bot.inbox_feed import InboxFeed, announce
from bot.outreach import OutreachResult
from channels.api.auth import creator_of
from channels.api.bodies import read_json
from channels.api.clock import CLOCK
from channels.http_errors import HttpError
from channels.sse import inbox_events


@dataclass(frozen=True)
class InboxDeps:
    """What these handlers need from the running process."""

    feed: InboxFeed
    wake_outbox: Callable[[], None]  # send what was just queued without waiting for a poll
    stop: asyncio.Event  # the process is stopping: close the event streams


INBOX = web.AppKey("inbox", InboxDeps)


class MessageIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, max_length=4000)


class HandoffIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    phrases: list[str] | None = None
    timeout_hours: int | None = None


async def list_conversations(request: web.Request) -> web.Response:
    query = conversations.ConversationQuery.parse(dict(request.query))
    page = await conversations.search(creator_of(request), query)
    return web.json_response(page.to_json())


async def get_conversation(request: web.Request) -> web.Response:
    found = await conversations.transcript(creator_of(request), request.match_info["id"])
    return web.json_response(found.to_json())


async def take_over(request: web.Request) -> web.Response:
    creator_id, now = creator_of(request), request.app[CLOCK].now()
    conversation = await handoff.take_over(
        creator_id, request.match_info["id"], actor_user_id=None, now=now
    )
    await announce(request.app[INBOX].feed.broadcast, creator_id, conversation.id)
    return web.json_response(conversations.state_of(conversation))


async def release(request: web.Request) -> web.Response:
    creator_id = creator_of(request)
    conversation = await handoff.release(creator_id, request.match_info["id"], actor_user_id=None)
    await announce(request.app[INBOX].feed.broadcast, creator_id, conversation.id)
    return web.json_response(conversations.state_of(conversation))


async def send_message(request: web.Request) -> web.Response:
    body = await read_json(request, MessageIn)
    creator_id = creator_of(request)
    result = await handoff.send_reply(
        creator_id,
        request.match_info["id"],
        body.text,
        actor_user_id=None,
        now=request.app[CLOCK].now(),
    )
    if result.status == "blocked":
        raise HttpError(409, result.reason or "the message cannot be sent", code="blocked")
    request.app[INBOX].wake_outbox()
    if result.conversation_id is not None:
        await announce(request.app[INBOX].feed.broadcast, creator_id, result.conversation_id)
    return web.json_response(result_json(result), status=202)


def result_json(result: OutreachResult) -> dict[str, Any]:
    return {
        "status": result.status,
        "reason": result.reason,
        "message_id": str(result.message_id) if result.message_id else None,
        "channel": result.channel,
    }


async def events(request: web.Request) -> web.StreamResponse:
    deps = request.app[INBOX]
    return await inbox_events(request, deps.feed, creator_of(request), stop=deps.stop)


async def put_handoff(request: web.Request) -> web.Response:
    body = (await read_json(request, HandoffIn)).model_dump(exclude_none=True)
    saved = await handoff.save_settings(creator_of(request), request.match_info["slug"], body)
    return web.json_response(saved.model_dump())


def add_routes(app: web.Application) -> None:
    app.router.add_get("/api/v1/conversations", list_conversations)
    app.router.add_get("/api/v1/conversations/events", events)
    app.router.add_get("/api/v1/conversations/{id}", get_conversation)
    app.router.add_post("/api/v1/conversations/{id}/takeover", take_over)
    app.router.add_post("/api/v1/conversations/{id}/release", release)
    app.router.add_post("/api/v1/conversations/{id}/messages", send_message)
    app.router.add_put("/api/v1/bots/{slug}/handoff", put_handoff)
