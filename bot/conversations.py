"""A creator's conversations: list and full-text search with filters, the inbox, one transcript.

Search runs in the database's own full-text engine (models/fts.py: FTS5 on SQLite, a stored
`tsvector` with a GIN index on PostgreSQL); the filters and the page are one statement. The
studio and `/api/v1/conversations` both call these functions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from tortoise import connections
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.transactions import in_transaction

from bot.delivery import meta_of
from bot.delivery.bulk import Params, fetch, moment
from bot.errors import InvalidInput
from bot.handoff import conversation_of
from bot.programs.sweep import plan_each_statement
from models import Bot, Conversation, Message, OutboxMessage, fts

MAX_MATCHES = 3


class ConversationQuery(BaseModel):
    """What a list asks for; every filter is optional. Dates are UTC days, `to` included."""

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)

    q: str = Field(default="", max_length=200)
    bot: str = Field(default="", max_length=64)
    channel: str = Field(default="", max_length=50)
    program: str = Field(default="", max_length=64)
    learner: UUID | None = None
    rating: Literal["", "up", "down"] = ""
    refused: bool = False
    attention: bool = False  # the inbox: handoff requested, taken over or unread
    date_from: date | None = Field(default=None, alias="from")
    date_to: date | None = Field(default=None, alias="to")
    page: int = Field(default=1, ge=1, le=10_000)
    per_page: int = Field(default=25, ge=1, le=100)

    @classmethod
    def parse(cls, params: dict[str, str]) -> ConversationQuery:
        """From query-string values (empty ones ignored); `InvalidInput` names a bad one."""
        given = {k: v for k, v in params.items() if v != ""}
        try:
            return cls.model_validate(given)
        except ValidationError as exc:
            first = exc.errors()[0]
            name = str(first["loc"][0]) if first["loc"] else "query"
            raise InvalidInput(f"{name}: {first['msg']}") from None


@dataclass(frozen=True)
class Hit:
    message_id: UUID
    text: str
    created_at: datetime


@dataclass(frozen=True)
class ConversationSummary:
    conversation: Conversation
    matches: tuple[Hit, ...] = ()
    bot_slug: str = ""
    bot_name: str = ""

    def to_json(self) -> dict[str, Any]:
        c = self.conversation
        return {
            **state_of(c),
            "bot": self.bot_slug,
            "learner": {"id": str(c.user_id), "name": c.user.display_name},
            "message_count": c.message_count,
            "last_message_at": c.last_message_at.isoformat(),
            "rating": c.rating,
            "matches": [
                {"message_id": str(h.message_id), "text": h.text, "at": h.created_at.isoformat()}
                for h in self.matches
            ],
        }


def state_of(c: Conversation) -> dict[str, Any]:
    return {
        "id": str(c.id),
        "channel": c.channel,
        "status": str(c.status),
        "taken_over": c.taken_over_at is not None,
        "handoff_requested": bool(c.escalated_to_human),
        "handoff_until": c.handoff_until.isoformat() if c.handoff_until else None,
        "unread_count": c.unread_count,
    }


@dataclass(frozen=True)
class Page:
    items: list[ConversationSummary]
    page: int
    per_page: int
    has_more: bool

    def to_json(self) -> dict[str, Any]:
        return {
            "items": [i.to_json() for i in self.items],
            "page": self.page,
            "per_page": self.per_page,
            "has_more": self.has_more,
        }


async def search(creator_id: UUID | str, query: ConversationQuery) -> Page:
    """One page of the creator's conversations, newest activity first."""
    db = connections.get("default")
    p = Params(db)
    hits = found_by_words(p, query.q) if query.q else ""  # first: its placeholder comes first
    where = " AND ".join(conditions(p, str(creator_id), query))
    limit, offset = query.per_page + 1, (query.page - 1) * query.per_page
    sql = (
        f"{hits}SELECT c.id FROM conversation c JOIN end_user u ON u.id = c.user_id"
        f" JOIN bot b ON b.id = u.bot_id WHERE {where}"
        f" ORDER BY c.last_message_at DESC, c.id DESC LIMIT {p(limit)} OFFSET {p(offset)}"
    )
    ids = [str(row[0]) for row in await planned_fetch(db, sql, p)]
    rows = await Conversation.filter(id__in=ids[: query.per_page]).select_related("user")
    by_id = {str(c.id): c for c in rows}
    bots = await bot_names({c.user.bot_id for c in rows})  # not the rows: secrets, big JSON
    shown = await matches(db, list(by_id), query.q) if query.q else {}
    items = [
        ConversationSummary(by_id[i], tuple(shown.get(i, ())), *bots[by_id[i].user.bot_id])
        for i in ids
        if i in by_id
    ]
    return Page(items, query.page, query.per_page, len(ids) > query.per_page)


async def planned_fetch(db: BaseDBAsyncClient, sql: str, p: Params) -> list[Sequence[Any]]:
    """PostgreSQL: planned for this call's values (a generic plan of a word search scans every
    message); SQLite plans each statement anyway and needs no transaction for a read."""
    if not p.postgres:
        return await fetch(db, sql, p)
    async with in_transaction() as tx:
        await plan_each_statement(tx)
        return await fetch(tx, sql, p)


async def bot_names(ids: set[UUID]) -> dict[UUID, tuple[str, str]]:
    rows = await Bot.filter(id__in=ids).values_list("id", "slug", "name")
    return {bot_id: (slug, name) for bot_id, slug, name in rows}


def conditions(p: Params, creator_id: str, query: ConversationQuery) -> list[str]:
    where = [f"u.creator_id = {p(creator_id)}", f"c.status <> {p('deleted')}"]
    where += [f"b.slug = {p(query.bot)}"] if query.bot else []
    where += [f"c.channel = {p(query.channel)}"] if query.channel else []
    where += [f"c.user_id = {p(str(query.learner))}"] if query.learner else []
    where += [f"c.rating {'>' if query.rating == 'up' else '<'} 0"] if query.rating else []
    where += [enrolled_in(p, query.program)] if query.program else []
    where += [refused(p)] if query.refused else []
    where += [ATTENTION] if query.attention else []
    where += [active_between(p, query)] if query.date_from or query.date_to else []
    where += ["c.id IN (SELECT id FROM hits)"] if query.q else []
    return where


def found_by_words(p: Params, q: str) -> str:
    """The conversations with a message matching `q`, found once through the full-text index
    (materialised: a planner would otherwise re-check the words per conversation)."""
    if not fts.words(q):
        raise InvalidInput("q: search for at least one word")
    found = f"SELECT DISTINCT m.conversation_id AS id FROM message m WHERE {match(p, q)}"
    return f"WITH hits AS MATERIALIZED ({found}) "


ATTENTION = "(c.escalated_to_human OR c.taken_over_at IS NOT NULL OR c.unread_count > 0)"


def match(p: Params, q: str) -> str:
    """`m` (a message) contains every word of `q`, by the database's full-text index."""
    if p.postgres:
        return f"m.content_tsv @@ plainto_tsquery('{fts.TS_CONFIG}', {p(fts.postgres_query(q))})"
    words = p(fts.sqlite_match(q))
    return f"m.rowid IN (SELECT rowid FROM message_fts WHERE message_fts MATCH {words})"


def enrolled_in(p: Params, code: str) -> str:
    return (
        "EXISTS (SELECT 1 FROM program_enrollment e JOIN program pr ON pr.id = e.program_id"
        f" WHERE e.user_id = c.user_id AND pr.code = {p(code)})"
    )


def refused(p: Params) -> str:
    """A reply where the bot said it does not know (`Message.refused`, set by the answer step:
    the same flag the knowledge gaps read)."""
    return (
        f"EXISTS (SELECT 1 FROM message r WHERE r.conversation_id = c.id AND r.refused = {p(True)})"
    )


def active_between(p: Params, query: ConversationQuery) -> str:
    bounds = []
    if query.date_from:
        bounds.append(f"d.created_at >= {p(day_start(query.date_from))}")
    if query.date_to:
        bounds.append(f"d.created_at < {p(day_start(query.date_to + timedelta(days=1)))}")
    within = " AND ".join(bounds)
    return f"EXISTS (SELECT 1 FROM message d WHERE d.conversation_id = c.id AND {within})"


def day_start(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=UTC)


async def matches(db: BaseDBAsyncClient, ids: Sequence[str], q: str) -> dict[str, list[Hit]]:
    """The newest few messages of each conversation that match `q`."""
    if not ids:
        return {}
    p = Params(db)
    sql = (
        "SELECT m.id, m.conversation_id, m.content, m.created_at FROM message m"
        f" WHERE m.conversation_id {p.among(ids)} AND {match(p, q)} ORDER BY m.created_at DESC"
    )
    found: dict[str, list[Hit]] = {}
    for message_id, conversation_id, content, created in await fetch(db, sql, p):
        hits = found.setdefault(str(conversation_id), [])
        if len(hits) < MAX_MATCHES:
            hits.append(Hit(UUID(str(message_id)), content, moment(created)))
    return found


@dataclass(frozen=True)
class TranscriptEntry:
    message: Message
    outbox: OutboxMessage | None

    def to_json(self) -> dict[str, Any]:
        m, meta = self.message, meta_of(self.message)
        citations = [vars(c) for c in meta.outbound.citations] if meta else []
        return {
            "id": str(m.id),
            "direction": str(m.direction),
            "sender": str(m.sender_type),
            "text": m.content,
            "at": m.created_at.isoformat(),
            "reply_to": str(m.reply_to_id) if m.reply_to_id else None,
            "citations": citations,
            "delivery": delivery_of(m, self.outbox),
        }


def delivery_of(message: Message, outbox: OutboxMessage | None) -> dict[str, Any] | None:
    if str(message.direction) == "in":
        return None
    return {
        "status": str(message.delivery_status) if message.delivery_status else None,
        "outbox": str(outbox.status) if outbox else None,
        "error": (outbox.last_error if outbox else None) or message.error_message,
    }


@dataclass(frozen=True)
class Transcript:
    conversation: Conversation
    entries: list[TranscriptEntry] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        c = self.conversation
        return {
            **state_of(c),
            "bot": c.user.bot.slug,
            "learner": {"id": str(c.user_id), "name": c.user.display_name},
            "messages": [e.to_json() for e in self.entries],
        }


async def transcript(
    creator_id: UUID | str, conversation_id: UUID | str, *, limit: int = 500
) -> Transcript:
    """A conversation's messages in order (the last `limit`), each with its delivery."""
    conversation = await conversation_of(creator_id, conversation_id)
    await conversation.fetch_related("user__bot")
    newest = await (
        Message.filter(conversation_id=conversation.id).order_by("-created_at").limit(limit)
    )
    messages = sorted(newest, key=lambda m: (m.created_at, ordinal(m)))
    outbox = await OutboxMessage.filter(message_id__in=[m.id for m in messages])
    by_message = {o.message_id: o for o in outbox}
    entries = [TranscriptEntry(m, by_message.get(m.id)) for m in messages]
    return Transcript(conversation, entries)


def ordinal(message: Message) -> int:
    """Inbound before the replies stored in the same instant; replies in their order."""
    meta = meta_of(message)
    return -1 if meta is None else meta.index
