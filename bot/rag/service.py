"""`KnowledgeService`: the creator-scoped knowledge API the CLI and the creator HTTP API call."""

from __future__ import annotations

import builtins
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from uuid import UUID

from tortoise.functions import Count
from tortoise.queryset import QuerySet

from bot.clock import Clock, SystemClock
from bot.errors import InvalidInput, NotFound
from bot.live import invalidate_bot
from bot.rag.addresses import AddressPolicy
from bot.rag.choice import parse_choice, wanted_model
from bot.rag.embedding import Embedder, ProgressFn, embedder_named, load_embedder
from bot.rag.fetch import FetchLimits
from bot.rag.filetypes import FileLimits
from bot.rag.ingest import Indexer, IngestResult
from bot.rag.reindex import Reindexer
from bot.rag.retrieval import Fusion, HybridRetriever, KnowledgeIndexes
from bot.rag.sources import Source, fetch_url, from_bytes, from_text, is_url, read_file
from bot.rag.store import ChunkStore, chroma_client, collection_name
from bot.settings import RagSettings, Settings
from models.bots import Bot
from models.knowledge import Document, KnowledgeBase, ProcessingStatus

if TYPE_CHECKING:
    from chromadb.api import ClientAPI

MAX_FILE_BYTES = 50_000_000


def parse_id(value: UUID | str, what: str) -> UUID:
    try:
        return value if isinstance(value, UUID) else UUID(str(value))
    except ValueError:
        raise InvalidInput(f"{value!r} is not a {what} id (expected a UUID)") from None


def file_limits(rag: RagSettings, max_bytes: int) -> FileLimits:
    return FileLimits(
        max_bytes=max_bytes,
        docx_max_uncompressed=rag.docx_max_uncompressed_bytes,
        docx_max_ratio=rag.docx_max_ratio,
        pdf_max_pages=rag.pdf_max_pages,
    )


def fetch_limits(rag: RagSettings) -> FetchLimits:
    policy = AddressPolicy.of(allow_private=rag.url_allow_private, networks=rag.url_allow_networks)
    return FetchLimits(max_bytes=rag.url_max_bytes, timeout_s=rag.url_timeout_s, policy=policy)


@dataclass(frozen=True)
class DocumentPage:
    """A page of documents and the whole list's size and counts by processing status."""

    documents: builtins.list[Document]
    total: int
    counts: dict[str, int]
    offset: int
    limit: int

    @property
    def busy(self) -> bool:
        return bool(self.counts["pending"] or self.counts["processing"])


class KnowledgeService:
    """Knowledge bases of a creator's bots: add sources, list and remove documents, retrieve."""

    def __init__(
        self,
        settings: Settings,
        *,
        client: ClientAPI | None = None,
        clock: Clock | None = None,
        max_file_bytes: int = MAX_FILE_BYTES,
    ) -> None:
        self._settings = settings
        self.file_limits = file_limits(settings.rag, max_file_bytes)
        self.fetch_limits = fetch_limits(settings.rag)
        self.store = ChunkStore(client or chroma_client(settings.chroma, settings.chroma_path))
        self.indexes = KnowledgeIndexes(
            self.store,
            rows_ttl_s=settings.rag.kb_rows_ttl_s,
            exact_max_chunks=settings.rag.exact_search_max_chunks,
        )
        self.indexer = Indexer(
            self.store,
            self.indexes,
            embedder_named,
            rag=settings.rag,
            clock=clock or SystemClock(),
        )
        self.reindexer = Reindexer(self.indexer, embedder_named, rag=settings.rag)
        self.retriever = HybridRetriever(
            self.store,
            embedder_named,
            indexes=self.indexes,
            fusion=Fusion.from_settings(settings.rag),
        )

    @property
    def max_file_bytes(self) -> int:
        return self.file_limits.max_bytes

    async def bot(self, creator_id: UUID, bot_slug: str) -> Bot:
        bot = await Bot.for_creator(creator_id).get_or_none(slug=bot_slug, deleted_at=None)
        if bot is None:
            raise NotFound(f"no bot {bot_slug!r} for this creator; check the slug")
        return bot

    async def knowledge_base(self, creator_id: UUID, bot_slug: str) -> KnowledgeBase:
        """The bot's default knowledge base, created and attached on first use."""
        bot = await self.bot(creator_id, bot_slug)
        kb = await bot.knowledge_bases.filter(is_active=True).order_by("created_at").first()
        if kb is not None:
            return kb
        choice = self._settings.rag.knowledge_embedder
        model = wanted_model(choice, [], self._settings.rag)  # the first ingest may settle it
        kb = KnowledgeBase(creator_id=bot.creator_id, name=f"{bot.name} knowledge", embedder=choice)
        kb.embedding_model, kb.collection_name = model, collection_name(kb.id, model)
        await kb.save()
        await bot.knowledge_bases.add(kb)
        invalidate_bot(bot)
        return kb

    async def read(self, source: str | Path) -> Source:
        """A path or http(s) URL read into text (limits from settings)."""
        if isinstance(source, str) and is_url(source):
            return await fetch_url(source, self.fetch_limits, self.file_limits)
        return await read_file(Path(source), self.file_limits)

    async def add(
        self,
        creator_id: UUID,
        bot_slug: str,
        source: str | Path,
        *,
        progress: ProgressFn | None = None,
    ) -> IngestResult:
        """Read and index one source into the bot's knowledge; identical content is a no-op."""
        kb = await self.knowledge_base(creator_id, bot_slug)
        (result,) = await self.indexer.ingest(kb, [await self.read(source)], progress=progress)
        await self._settle(kb, result)
        return result

    async def add_upload(
        self, creator_id: UUID, bot_slug: str, data: bytes, name: str
    ) -> IngestResult:
        """Index an uploaded file's bytes; its type is sniffed from the content."""
        kb = await self.knowledge_base(creator_id, bot_slug)
        source = await from_bytes(data, name, origin=name, limits=self.file_limits)
        (result,) = await self.indexer.ingest(kb, [source])
        await self._settle(kb, result)
        return result

    async def add_json(
        self,
        creator_id: UUID,
        bot_slug: str,
        url: str | None,
        title: str | None,
        text: str | None,
    ) -> IngestResult:
        """Index a URL, or a text given inline (exactly one of `url` and `text`)."""
        if (url is None) == (text is None):
            raise InvalidInput("give either a url or a text")
        if url is not None:
            return await self.add(creator_id, bot_slug, url)
        kb = await self.knowledge_base(creator_id, bot_slug)
        (result,) = await self.indexer.ingest(kb, [from_text(title or "", text or "")])
        await self._settle(kb, result)
        return result

    async def _settle(self, kb: KnowledgeBase, result: IngestResult) -> None:
        """New text may tip an `auto` knowledge base to the other embedder: re-index then, in
        the background."""
        if result.created and kb.embedder == "auto" and await self.reindexer.outdated(kb):
            self.reindexer.schedule(kb.id)

    async def set_embedder(self, creator_id: UUID, bot_slug: str, choice: str) -> KnowledgeBase:
        """Record the bot's embedder choice; a needed re-index runs in the background and the
        current index keeps answering until the new one is complete."""
        kb = await self.knowledge_base(creator_id, bot_slug)
        kb.embedder = parse_choice(choice)
        await kb.save(update_fields=["embedder", "updated_at"])
        self.reindexer.schedule(kb.id)
        return kb

    async def aclose(self) -> None:
        await self.reindexer.aclose()

    async def _documents(self, creator_id: UUID, bot_slug: str) -> QuerySet[Document]:
        bot = await self.bot(creator_id, bot_slug)
        kb_ids = await bot.knowledge_bases.all().values_list("id", flat=True)
        return Document.for_creator(creator_id).filter(
            knowledge_base_id__in=kb_ids, deleted_at=None
        )

    async def list(self, creator_id: UUID, bot_slug: str) -> builtins.list[Document]:
        """Live documents of the bot's knowledge bases, oldest first."""
        return await (await self._documents(creator_id, bot_slug)).order_by("created_at")

    async def page(
        self, creator_id: UUID, bot_slug: str, *, offset: int = 0, limit: int = 50
    ) -> DocumentPage:
        """One page of the bot's live documents, oldest first, with totals per status."""
        documents = await self._documents(creator_id, bot_slug)
        rows = await documents.order_by("created_at", "id").offset(offset).limit(limit)
        grouped = await (
            documents.annotate(n=Count("id"))
            .group_by("processing_status")
            .values_list("processing_status", "n")
        )
        counts = {s.value: 0 for s in ProcessingStatus} | {str(k): int(n) for k, n in grouped}
        return DocumentPage(rows, sum(counts.values()), counts, offset, limit)

    async def remove(
        self, creator_id: UUID, document_id: UUID | str, *, bot_slug: str | None = None
    ) -> Document:
        """Soft-delete one of the creator's documents (of this bot, if given) and its chunks."""
        doc_id = parse_id(document_id, "document")
        documents = Document.for_creator(creator_id).filter(id=doc_id, deleted_at=None)
        if bot_slug is not None:
            bot = await self.bot(creator_id, bot_slug)
            kb_ids = await bot.knowledge_bases.all().values_list("id", flat=True)
            documents = documents.filter(knowledge_base_id__in=kb_ids)
        doc = await documents.first()
        if doc is None:
            raise NotFound(f"no document {doc_id} for this creator; see `parley kb list`")
        kb = await KnowledgeBase.for_creator(creator_id).get(id=doc.knowledge_base_id)
        await self.indexer.remove(kb, doc)
        return doc

    async def reindex(
        self, creator_id: UUID, knowledge_base_id: UUID, embedder: Embedder | None = None
    ) -> KnowledgeBase:
        """Re-embed a knowledge base (default: with the configured embedder) and swap to it."""
        kb = await KnowledgeBase.for_creator(creator_id).get_or_none(id=knowledge_base_id)
        if kb is None:
            raise NotFound(f"no knowledge base {knowledge_base_id} for this creator")
        await self.indexer.reindex(kb, embedder or load_embedder(self._settings.rag.embedder))
        return kb
