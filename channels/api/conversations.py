"""`/api/v1/conversations`: search, transcripts, takeover, the creator's replies, the live feed."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any

from aiohttp import web
from pydantic import BaseModel, ConfigDict, Field

from bot import conversations, handoff
from bot.inbox_feed import InboxFeed, announce
from bot.outreach import OutreachResult
from channels.api.auth import creator_of
from channels.api.bodies import read_json
from channels.api.clock import CLOCK
from channels.api.contract import Out, operation, respond
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

    phrases: list[Annotated[str, Field(max_length=200)]] | None = Field(default=None, max_length=20)
    timeout_hours: int | None = Field(default=None, ge=1, le=24 * 30)


class ConversationStateOut(Out):
    id: str
    channel: str
    status: str
    taken_over: bool
    handoff_requested: bool
    handoff_until: str | None
    unread_count: int


class LearnerRefOut(Out):
    id: str
    name: str


class MatchOut(Out):
    message_id: str
    text: str
    at: str


class ConversationSummaryOut(ConversationStateOut):
    bot: str
    learner: LearnerRefOut
    message_count: int
    last_message_at: str
    rating: int | None
    matches: list[MatchOut]


class ConversationPageOut(Out):
    items: list[ConversationSummaryOut]
    page: int
    per_page: int
    has_more: bool


class DeliveryStateOut(Out):
    status: str | None
    outbox: str | None
    error: str | None


class TranscriptMessageOut(Out):
    id: str
    direction: str
    sender: str
    text: str
    at: str
    reply_to: str | None
    citations: list[dict[str, Any]]
    delivery: DeliveryStateOut | None


class TranscriptOut(ConversationStateOut):
    bot: str
    learner: LearnerRefOut
    messages: list[TranscriptMessageOut]


class SentOut(Out):
    status: str
    reason: str | None
    message_id: str | None
    channel: str | None


@operation(
    "Search and list conversations (newest activity first)",
    ok=ConversationPageOut,
    query=conversations.ConversationQuery,
)
async def list_conversations(request: web.Request) -> web.Response:
    query = conversations.ConversationQuery.parse(dict(request.query))
    page = await conversations.search(creator_of(request), query)
    return ConversationPageOut.respond(page.to_json())


@operation("A conversation's transcript", ok=TranscriptOut, errors=(404,))
async def get_conversation(request: web.Request) -> web.Response:
    found = await conversations.transcript(creator_of(request), request.match_info["id"])
    return TranscriptOut.respond(found.to_json())


@operation("Take a conversation over (the bot stays quiet)", ok=ConversationStateOut, errors=(404,))
async def take_over(request: web.Request) -> web.Response:
    creator_id, now = creator_of(request), request.app[CLOCK].now()
    conversation = await handoff.take_over(
        creator_id, request.match_info["id"], actor_user_id=None, now=now
    )
    await announce(request.app[INBOX].feed.broadcast, creator_id, conversation.id)
    return ConversationStateOut.respond(conversations.state_of(conversation))


@operation("Hand a conversation back to the bot", ok=ConversationStateOut, errors=(404,))
async def release(request: web.Request) -> web.Response:
    creator_id = creator_of(request)
    conversation = await handoff.release(creator_id, request.match_info["id"], actor_user_id=None)
    await announce(request.app[INBOX].feed.broadcast, creator_id, conversation.id)
    return ConversationStateOut.respond(conversations.state_of(conversation))


@operation(
    "Reply to the learner as the creator (queued in the outbox)",
    ok=SentOut,
    status=202,
    body=MessageIn,
    errors=(404, 409),
)
async def send_message(request: web.Request) -> web.Response:
    creator_id = creator_of(request)
    await handoff.conversation_of(creator_id, request.match_info["id"])  # 404 before the body
    body = await read_json(request, MessageIn)
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
    return SentOut.respond(result_json(result), status=202)


def result_json(result: OutreachResult) -> dict[str, Any]:
    return {
        "status": result.status,
        "reason": result.reason,
        "message_id": str(result.message_id) if result.message_id else None,
        "channel": result.channel,
    }


@operation(
    "The inbox's live feed (server-sent events: `event: conversation`, data its id)",
    ok="text/event-stream",
)
async def events(request: web.Request) -> web.StreamResponse:
    deps = request.app[INBOX]
    return await inbox_events(request, deps.feed, creator_of(request), stop=deps.stop)


@operation(
    "Set a bot's handoff phrases and quiet time",
    ok=handoff.HandoffSettings,
    body=HandoffIn,
    errors=(404,),
)
async def put_handoff(request: web.Request) -> web.Response:
    body = (await read_json(request, HandoffIn)).model_dump(exclude_none=True)
    saved = await handoff.save_settings(creator_of(request), request.match_info["slug"], body)
    return respond(handoff.HandoffSettings, saved.model_dump())


def add_routes(app: web.Application) -> None:
    app.router.add_get("/api/v1/conversations", list_conversations)
    app.router.add_get("/api/v1/conversations/events", events)
    app.router.add_get("/api/v1/conversations/{id}", get_conversation)
    app.router.add_post("/api/v1/conversations/{id}/takeover", take_over)
    app.router.add_post("/api/v1/conversations/{id}/release", release)
    app.router.add_post("/api/v1/conversations/{id}/messages", send_message)
    app.router.add_put("/api/v1/bots/{slug}/handoff", put_handoff)
