"""Keeping a knowledge base on the embedder it should use: re-index in the background, swap when
complete (the old collection answers until then), pick up after a restart."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from uuid import UUID

from tortoise.functions import Sum

from bot.rag.choice import wanted_model
from bot.rag.embedding import Embedder
from bot.rag.ingest import Indexer
from bot.settings import RagSettings
from models.knowledge import DocumentChunk, KnowledgeBase

log = logging.getLogger(__name__)


async def text_by_language(kb_id: UUID) -> list[tuple[str, int]]:
    """(language, tokens) of a knowledge base's live chunks: what `auto` decides on."""
    rows = (
        await DocumentChunk.filter(document__knowledge_base_id=kb_id, document__deleted_at=None)
        .annotate(tokens=Sum("token_count"))
        .group_by("language")
        .values_list("language", "tokens")
    )
    return [(str(lang or ""), int(tokens or 0)) for lang, tokens in rows]


class Reindexer:
    """Owns the background re-index tasks of one process (one per knowledge base at a time)."""

    def __init__(
        self, indexer: Indexer, embedder_for: Callable[[str], Embedder], *, rag: RagSettings
    ) -> None:
        self._indexer = indexer
        self._embedder_for = embedder_for
        self._rag = rag
        self._tasks: dict[UUID, asyncio.Task[bool]] = {}

    def running(self, kb_id: UUID) -> bool:
        task = self._tasks.get(kb_id)
        return task is not None and not task.done()

    def schedule(self, kb_id: UUID) -> None:
        """Bring `kb_id` onto its wanted model in the background (no-op if already on it)."""
        if self.running(kb_id):
            return  # it re-checks the wanted model when done
        task = asyncio.create_task(self._run(kb_id), name=f"reindex-{kb_id}")
        self._tasks[kb_id] = task

    async def _run(self, kb_id: UUID) -> bool:
        changed = False
        try:
            while await self.reconcile(kb_id):  # the choice may change again meanwhile
                changed = True
        except Exception:  # a background task: logged with its traceback and counted as failed
            log.exception(
                "re-indexing knowledge base %s failed; the old index keeps serving", kb_id
            )
        return changed

    async def wanted(self, kb: KnowledgeBase) -> str:
        return wanted_model(kb.embedder, await text_by_language(kb.id), self._rag)

    async def outdated(self, kb: KnowledgeBase) -> bool:
        """True when the knowledge base's vectors are not (all) from its wanted model."""
        wanted = await self.wanted(kb)
        stale = DocumentChunk.filter(document__knowledge_base_id=kb.id, document__deleted_at=None)
        return wanted != kb.embedding_model or await stale.exclude(embedding_model=wanted).exists()

    async def reconcile(self, kb_id: UUID) -> bool:
        """Re-index once if the knowledge base is not on its wanted model; True if it was."""
        kb = await KnowledgeBase.get_or_none(id=kb_id, is_active=True)
        if kb is None:
            return False
        wanted = await self.wanted(kb)
        if wanted == kb.embedding_model:
            # chunks an ingest wrote with the old model while the last swap happened
            await self._indexer.catch_up(kb, self._embedder_for(wanted))
            return False
        log.info("re-indexing knowledge base %s: %s -> %s", kb.id, kb.embedding_model, wanted)
        await self._indexer.reindex(kb, self._embedder_for(wanted))
        return True

    async def reconcile_all(self) -> None:
        """At start-up: every knowledge base a dead process left on the wrong model."""
        for kb in await KnowledgeBase.filter(is_active=True):
            if await self.outdated(kb):
                self.schedule(kb.id)

    async def wait(self) -> None:
        """Until every scheduled re-index has finished (tests, orderly shutdown)."""
        while any(not t.done() for t in self._tasks.values()):
            await asyncio.gather(*self._tasks.values(), return_exceptions=True)

    async def aclose(self) -> None:
        for task in self._tasks.values():
            task.cancel()
        await asyncio.gather(*self._tasks.values(), return_exceptions=True)
