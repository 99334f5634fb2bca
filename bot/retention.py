"""Retention: per-creator limits on how long data lives, applied by the scheduler's cleanup hook.

A creator's policy lives in `Creator.settings["retention"]` (see `RetentionPolicy`). Each run
removes interaction events and message text past their age, test conversations past theirs, and
hard-deletes soft-deleted bots, documents and conversations once their grace period is over
(with their Chroma vectors). Runs are idempotent: a second run finds nothing and records nothing;
every run that removed something writes one audit row per creator.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, fields
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from bot import audit
from bot.privacy import finish_erasures
from bot.rag.store import ChunkStore
from models import (
    Bot,
    Conversation,
    Creator,
    Document,
    DocumentChunk,
    KnowledgeBase,
    Message,
    UserInteraction,
)

log = logging.getLogger(__name__)
BATCH = 1000


class RetentionPolicy(BaseModel):
    """Days each kind of data is kept; None keeps it for as long as the account exists."""

    model_config = ConfigDict(extra="forbid")

    interaction_events_days: int | None = Field(default=None, ge=1, le=36_500)
    message_text_days: int | None = Field(default=None, ge=1, le=36_500)
    test_conversations_days: int | None = Field(default=7, ge=1, le=36_500)
    deleted_grace_days: int = Field(default=30, ge=0, le=3_650)

    @classmethod
    def of(cls, creator: Creator) -> RetentionPolicy:
        return cls.model_validate((creator.settings or {}).get("retention", {}))


@dataclass
class RetentionReport:
    """Rows removed (or emptied) by one run, for one creator or summed over all."""

    interaction_events: int = 0
    message_texts: int = 0
    test_conversations: int = 0
    bots: int = 0
    documents: int = 0
    conversations: int = 0
    chunks: int = 0

    @property
    def total(self) -> int:
        return sum(getattr(self, f.name) for f in fields(self))

    def add(self, other: RetentionReport) -> None:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))

    def to_json(self) -> dict[str, int]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


def _cutoff(now: datetime, days: int | None) -> datetime | None:
    return None if days is None else now - timedelta(days=days)


async def _in_batches(ids: list[Any], remove: Callable[[list[Any]], Awaitable[int]]) -> int:
    done = 0
    for start in range(0, len(ids), BATCH):
        done += await remove(ids[start : start + BATCH])
    return done


async def _expire_events(creator_id: UUID, cutoff: datetime) -> int:
    ids = (
        await UserInteraction.for_creator(creator_id)
        .filter(created_at__lt=cutoff)
        .values_list("id", flat=True)
    )
    return await _in_batches(list(ids), lambda b: UserInteraction.filter(id__in=b).delete())


async def _expire_text(creator_id: UUID, cutoff: datetime) -> int:
    ids = (
        await Message.for_creator(creator_id)
        .filter(created_at__lt=cutoff)
        .exclude(content="")
        .values_list("id", flat=True)
    )
    return await _in_batches(list(ids), _blank_texts)


async def _blank_texts(batch: list[Any]) -> int:
    await Message.filter(id__in=batch).update(content="", metadata={"expired": True})
    # the rows chosen above: on SQLite the statement's change count also counts the rows the
    # full-text index's triggers write (models/fts.py)
    return len(batch)


async def _delete_conversations(creator_id: UUID, **where: Any) -> int:
    ids = await Conversation.for_creator(creator_id).filter(**where).values_list("id", flat=True)
    return await _in_batches(list(ids), _delete_conversation_batch)


async def _delete_conversation_batch(batch: list[Any]) -> int:
    await Conversation.filter(id__in=batch).delete()  # their messages cascade (and leave the index)
    return len(batch)


class Retention:
    """Applies every creator's policy; `store` removes vectors of hard-deleted documents."""

    def __init__(self, store: ChunkStore) -> None:
        self._store = store

    async def run(self, now: datetime) -> RetentionReport:
        total = RetentionReport()
        for creator in await Creator.all():
            report = await self.apply(creator, now)
            if report.total:
                await audit.record(
                    creator.id,
                    table="retention",
                    operation="purge",
                    record_id=creator.id,
                    new=report.to_json(),
                    actor_type="system",
                )
                log.info("retention: creator %s: %s", creator.id, report.to_json())
            total.add(report)
        return total

    async def cleanup(self, now: datetime) -> int:
        """The scheduler's cleanup hook: retention, then pending erasures of channel ids."""
        return (await self.run(now)).total + await finish_erasures(now)

    async def apply(self, creator: Creator, now: datetime) -> RetentionReport:
        policy = RetentionPolicy.of(creator)
        report = RetentionReport()
        if cutoff := _cutoff(now, policy.interaction_events_days):
            report.interaction_events = await _expire_events(creator.id, cutoff)
        if cutoff := _cutoff(now, policy.message_text_days):
            report.message_texts = await _expire_text(creator.id, cutoff)
        if cutoff := _cutoff(now, policy.test_conversations_days):
            report.test_conversations = await _delete_conversations(
                creator.id, is_test=True, created_at__lt=cutoff
            )
        grace = now - timedelta(days=policy.deleted_grace_days)
        report.conversations = await _delete_conversations(creator.id, deleted_at__lt=grace)
        report.documents, report.chunks = await self._purge_documents(creator.id, grace)
        report.bots = await self._purge_bots(creator.id, grace)
        return report

    async def _purge_documents(self, creator_id: UUID, grace: datetime) -> tuple[int, int]:
        docs = await Document.for_creator(creator_id).filter(deleted_at__lt=grace)
        chunks = 0
        for doc in docs:
            kb = await KnowledgeBase.get(id=doc.knowledge_base_id)
            chunks += await self._drop_chunks(kb.collection_name, [doc.id])
            await doc.delete()
        return len(docs), chunks

    async def _drop_chunks(self, collection: str, document_ids: list[UUID]) -> int:
        ids = await DocumentChunk.filter(document_id__in=document_ids).values_list("id", flat=True)
        await asyncio.to_thread(self._store.delete, collection, [str(i) for i in ids])
        await DocumentChunk.filter(document_id__in=document_ids).delete()
        return len(ids)

    async def _purge_bots(self, creator_id: UUID, grace: datetime) -> int:
        bots = await Bot.for_creator(creator_id).filter(deleted_at__lt=grace)
        for bot in bots:
            for kb in await bot.knowledge_bases.all():
                if await Bot.filter(knowledge_bases=kb.id, deleted_at=None).exists():
                    continue  # another live bot still answers from this knowledge base
                await asyncio.to_thread(self._store.drop, kb.collection_name)
                await kb.delete()
            await bot.delete()
        return len(bots)
