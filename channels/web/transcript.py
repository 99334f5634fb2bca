"""What the widget shows back: a session's message history and a cited document's page."""

from __future__ import annotations

import html
from typing import Any
from uuid import UUID

from bot.delivery import meta_of, reply_order
from bot.media import attachments_json
from channels.web.live import utc_now
from models import Bot, ChannelAccount, ChannelType, Document, Message

HISTORY_LIMIT = 200


async def session_history(bot: Bot, session: str) -> list[dict[str, Any]]:
    """The widget session's messages, oldest first, in the shape replies have."""
    account = await ChannelAccount.get_or_none(
        bot=bot, channel=ChannelType.WEB, external_id=session
    )
    if account is None:
        return []
    rows = (
        await Message.filter(bot=bot, conversation__user_id=account.end_user_id, channel="web")
        .order_by("-created_at")
        .limit(HISTORY_LIMIT)
    )
    return [history_item(m) for m in sorted(rows, key=turn_order)]


def turn_order(message: Message) -> tuple[object, ...]:
    """Oldest first; within one instant the question before its replies, replies in order."""
    return (message.created_at, message.direction.value != "in", reply_order(message))


def history_item(message: Message) -> dict[str, Any]:
    meta = meta_of(message)
    outbound = meta.outbound.to_json() if meta is not None else {}
    return {
        "id": str(message.id),
        "direction": message.direction.value,
        "text": message.content,
        "citations": outbound.get("citations", []),
        "buttons": outbound.get("buttons", []),
        "attachments": attachments_json(meta.outbound.attachments, utc_now()) if meta else [],
        "at": message.created_at.isoformat(),
        "rating": message.rating,
    }


async def document_page(bot: Bot, document_id: str) -> str | None:
    """A cited document as a small HTML page, only if it is in this bot's knowledge."""
    try:
        wanted = UUID(document_id)
    except ValueError:
        return None
    kb_ids = [kb.id for kb in await bot.knowledge_bases.all()]
    doc = await Document.filter(id=wanted, knowledge_base_id__in=kb_ids, status="active").first()
    if doc is None:
        return None
    title = html.escape(doc.title)
    body = "".join(f"<p>{html.escape(p)}</p>" for p in doc.content.split("\n\n") if p.strip())
    return (
        f"<!doctype html><meta charset='utf-8'><title>{title}</title>"
        f"<body style='font-family:system-ui;max-width:720px;margin:40px auto;line-height:1.55'>"
        f"<h1>{title}</h1>{body}</body>"
    )
