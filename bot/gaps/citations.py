"""How often each of a bot's documents was cited in its replies; the ones never cited."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from models import Bot, Direction, Document, Message

MAX_REPLIES = 20000  # the most recent replies read per request


@dataclass(frozen=True)
class DocumentCitations:
    document_id: str
    title: str
    citations: int


def cited_documents(metadata: dict[str, Any] | None) -> set[str]:
    outbound = (metadata or {}).get("outbound") or {}
    return {str(c.get("document")) for c in outbound.get("citations") or [] if c.get("document")}


async def citations_per_document(
    bot: Bot, *, since: datetime | None = None
) -> list[DocumentCitations]:
    """Every live document of the bot's knowledge with its citation count, least cited first."""
    kb_ids = await bot.knowledge_bases.all().values_list("id", flat=True)
    docs = await (
        Document.for_creator(bot.creator_id)
        .filter(knowledge_base_id__in=kb_ids, deleted_at=None)
        .order_by("created_at")
        .values_list("id", "title")
    )
    replies = Message.for_creator(bot.creator_id).filter(
        bot_id=bot.id, direction=Direction.OUTBOUND, message_type="reply"
    )
    if since is not None:
        replies = replies.filter(created_at__gte=since)
    metadata = (
        await replies.order_by("-created_at").limit(MAX_REPLIES).values_list("metadata", flat=True)
    )
    counts: Counter[str] = Counter(d for m in metadata for d in cited_documents(m))  # type: ignore[arg-type]
    listed = [DocumentCitations(str(i), str(t), counts[str(i)]) for i, t in docs]
    return sorted(listed, key=lambda d: d.citations)
