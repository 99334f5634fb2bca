"""The studio's inbox, conversation and search pages over the same services as the API."""

from __future__ import annotations

import asyncio

from bot.inbox_feed import announce
from models import AuditLog, Conversation, Message, OutboxMessage, SenderType
from tests import factories
from tests.channels.inbox_app import listening
from tests.channels.studio.world import Studio, StudioClient, Tenant


async def chat(tenant: Tenant, text: str, *, escalated: bool = False) -> Conversation:
    learner = await factories.end_user(tenant.bot)
    learner.display_name = "Ann Learner"
    await learner.save(update_fields=["display_name"])
    conversation = await factories.conversation(learner)
    await factories.inbound(conversation, tenant.bot, text, f"m-{conversation.id.hex}")
    if escalated:
        await Conversation.filter(id=conversation.id).update(
            escalated_to_human=True, unread_count=2
        )
    return conversation


async def test_inbox_lists_what_needs_attention(studio: Studio, as_viewer: StudioClient) -> None:
    await chat(studio.mine, "I need a person please", escalated=True)
    await chat(studio.mine, "All fine here")
    await chat(studio.other, "Someone else's learner", escalated=True)
    html = await as_viewer.page("/studio/inbox")
    assert "Asked for a human" in html and "2 unread" in html
    assert html.count("Ann Learner") == 1  # the quiet conversation and the other tenant's: not


async def test_search_page_finds_by_word(studio: Studio, as_viewer: StudioClient) -> None:
    await chat(studio.mine, "Tell me about marmalade recipes")
    await chat(studio.mine, "Nothing to see")
    await chat(studio.other, "marmalade elsewhere")
    html = await as_viewer.page("/studio/conversations?q=marmalade")
    assert "Tell me about marmalade recipes" in html
    assert "marmalade elsewhere" not in html and "Nothing to see" not in html
    bad = await as_viewer.get("/studio/conversations?to=yesterday")
    assert bad.status == 400 and "date" in (await bad.text())


async def test_editor_takes_over_replies_and_hands_back(
    studio: Studio, as_editor: StudioClient
) -> None:
    conversation = await chat(studio.mine, "I need a person please", escalated=True)
    page = f"/studio/inbox/{conversation.id}"
    html = await as_editor.page(page)
    assert "I need a person please" in html and "The learner asked for a human." in html
    assert (await Conversation.get(id=conversation.id)).unread_count == 0  # read on opening
    taken = await as_editor.post(f"{page}/takeover")
    assert (taken.status, taken.headers["Location"]) == (303, page)
    assert "You have taken over" in await as_editor.page(page)
    sent = await as_editor.post(f"{page}/messages", {"text": "Hi Ann, Sam here."})
    assert sent.status == 303
    reply = await Message.get(content="Hi Ann, Sam here.")
    assert reply.sender_type == SenderType.CREATOR and reply.sender_id == studio.mine.editor.id
    assert await OutboxMessage.filter(message_id=reply.id).exists()
    html = await as_editor.page(page)
    assert "Sent to the learner" in html and "Hi Ann, Sam here." in html
    await as_editor.post(f"{page}/release")
    after = await Conversation.get(id=conversation.id)
    assert after.taken_over_at is None and not after.escalated_to_human
    audited = await AuditLog.filter(table_name="conversation").values_list("actor_id", flat=True)
    assert audited == [str(studio.mine.editor.id)] * 2


async def test_a_live_refresh_between_post_and_redirect_keeps_the_flash(
    studio: Studio, as_editor: StudioClient
) -> None:
    """The open page's htmx refresh (set off by the post's own announcement) can reach the server
    before the browser follows the redirect: the partial must not use up the redirect's message."""
    conversation = await chat(studio.mine, "I need a person please", escalated=True)
    page = f"/studio/inbox/{conversation.id}"
    await as_editor.post(f"{page}/release")
    partial = await as_editor.get(page, headers={"HX-Request": "true"})
    assert partial.status == 200 and "The bot is answering." in await partial.text()
    assert "Handed back to the bot." in await as_editor.page(page)


async def test_events_stream_announces_a_changed_conversation(
    studio: Studio, as_viewer: StudioClient
) -> None:
    conversation = await chat(studio.mine, "hello")
    async with listening(studio.services):
        await stream_one(studio, as_viewer, conversation)


async def stream_one(studio: Studio, as_viewer: StudioClient, conversation: Conversation) -> None:
    response = await as_viewer.get("/studio/inbox/events")
    assert response.headers["Content-Type"].startswith("text/event-stream")
    assert await response.content.readline() == b": connected\n"
    feed = studio.services.inbox_feed
    assert feed is not None
    await announce(feed.broadcast, studio.other.creator.id, conversation.id)  # not theirs
    await announce(feed.broadcast, studio.mine.creator.id, conversation.id)
    lines = [await asyncio.wait_for(response.content.readline(), 5) for _ in range(3)]
    assert lines == [b"\n", b"event: conversation\n", f"data: {conversation.id}\n".encode()]
    response.close()
