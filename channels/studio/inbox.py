"""The inbox and conversation pages: search, what needs attention, a transcript, takeover, reply.

Thin over `bot.conversations` and `bot.handoff` (the same functions as `/api/v1/conversations`).
The open pages refresh their lists when the inbox feed says a conversation changed
(server-sent events from `/studio/inbox/events`, read by studio.js).
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from aiohttp import web

from bot import conversations, handoff
from bot.errors import InvalidInput
from bot.inbox_feed import announce
from channels.sse import inbox_events
from channels.studio.chooser import services
from channels.studio.render import flash, render, wants_block
from channels.studio.security import CLOCK, current
from models import Bot

SEARCH_FIELDS = ("q", "bot", "channel", "program", "rating", "refused", "from", "to", "page")


async def inbox_page(request: web.Request) -> web.StreamResponse:
    who = current(request)
    query = conversations.ConversationQuery(attention=True, per_page=50)
    page = await conversations.search(who.creator_id, query)
    ctx = {"items": page.items, "has_more": page.has_more}
    block = "list" if wants_block(request) else None
    return await render(request, "inbox.html", ctx, block=block)


async def search_page(request: web.Request) -> web.StreamResponse:
    who = current(request)
    params = {k: request.query.get(k, "").strip() for k in SEARCH_FIELDS}
    bots = await Bot.for_creator(who.creator_id).order_by("name").values_list("slug", "name")
    ctx: dict[str, Any] = {"params": params, "bots": bots, "items": [], "error": None}
    ctx |= {"next_page": None, "previous_page": None}
    try:
        page = await conversations.search(
            who.creator_id, conversations.ConversationQuery.parse(params)
        )
    except InvalidInput as exc:
        return await render(request, "conversations.html", ctx | {"error": str(exc)}, status=400)
    ctx["items"] = page.items
    if page.has_more:
        ctx["next_page"] = params | {"page": str(page.page + 1)}
    if page.page > 1:
        ctx["previous_page"] = params | {"page": str(page.page - 1)}
    return await render(request, "conversations.html", ctx)


async def conversation_page(request: web.Request) -> web.StreamResponse:
    who = current(request)
    found = await conversations.transcript(who.creator_id, request.match_info["conversation_id"])
    await handoff.mark_read(found.conversation)
    block = "transcript" if wants_block(request) else None
    ctx = {"t": found, "c": found.conversation, "role": who.role}
    return await render(request, "conversation.html", ctx, block=block)


async def take_over(request: web.Request) -> web.StreamResponse:
    who, conversation_id = current(request), request.match_info["conversation_id"]
    now = request.app[CLOCK].now()
    await handoff.take_over(who.creator_id, conversation_id, actor_user_id=who.person.id, now=now)
    await flash(request, "You have taken over: the bot stays quiet until you hand back.")
    return await changed(request, who.creator_id, conversation_id)


async def release(request: web.Request) -> web.StreamResponse:
    who, conversation_id = current(request), request.match_info["conversation_id"]
    await handoff.release(who.creator_id, conversation_id, actor_user_id=who.person.id)
    await flash(request, "Handed back to the bot.")
    return await changed(request, who.creator_id, conversation_id)


async def send(request: web.Request) -> web.StreamResponse:
    who, conversation_id = current(request), request.match_info["conversation_id"]
    text = str((await request.post()).get("text", ""))
    now = request.app[CLOCK].now()
    try:
        result = await handoff.send_reply(
            who.creator_id, conversation_id, text, actor_user_id=who.person.id, now=now
        )
    except InvalidInput as exc:
        await flash(request, f"Not sent: {exc}", kind="error")
        return await changed(request, who.creator_id, conversation_id)
    if result.status == "blocked":
        await flash(request, f"Not sent: {result.reason}", kind="error")
    else:
        services(request).outbox.wake()
        await flash(request, "Sent to the learner's channel.")
    return await changed(request, who.creator_id, conversation_id)


async def changed(request: web.Request, creator_id: UUID, conversation_id: str) -> web.Response:
    """Tell the other open inboxes, then show the conversation again (post/redirect/get)."""
    feed = services(request).inbox_feed
    if feed is not None:
        await announce(feed.broadcast, creator_id, conversation_id)
    return web.Response(status=303, headers={"Location": f"/studio/inbox/{conversation_id}"})


async def events(request: web.Request) -> web.StreamResponse:
    running = services(request)
    if running.inbox_feed is None:
        raise web.HTTPNotFound(reason="live updates are not available in this process")
    creator_id = current(request).creator_id
    return await inbox_events(request, running.inbox_feed, creator_id, stop=running.stop)


def add_routes(app: web.Application) -> None:
    app.router.add_get("/inbox", inbox_page, name="inbox")
    app.router.add_get("/inbox/events", events)
    app.router.add_get("/inbox/{conversation_id}", conversation_page)
    app.router.add_post("/inbox/{conversation_id}/takeover", take_over)
    app.router.add_post("/inbox/{conversation_id}/release", release)
    app.router.add_post("/inbox/{conversation_id}/messages", send)
    app.router.add_get("/conversations", search_page, name="conversations")
