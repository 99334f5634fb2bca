"""`/api/v1/bots/{slug}/documents`: add (upload, URL or text), list and remove knowledge."""

from __future__ import annotations

from typing import Any, Literal
from uuid import UUID

from aiohttp import BodyPartReader, web
from pydantic import BaseModel, ConfigDict, Field, model_validator

from bot import accounts
from bot.answer import AnswerStep
from bot.messages import OutboundMessage
from bot.rag import RetrievedChunk
from bot.rag.queue import IngestQueue
from bot.rag.service import KnowledgeService
from bot.rag.sources import IngestFailed, UnsupportedFileType
from channels.api.auth import creator_of
from channels.api.bodies import read_json
from channels.api.contract import Out, operation, read_query
from channels.http_errors import HttpError
from models import Document, KnowledgeBase

KNOWLEDGE = web.AppKey("knowledge", KnowledgeService)
INGEST = web.AppKey("ingest", IngestQueue)
ANSWERS = web.AppKey("answers", AnswerStep)
MAX_UPLOAD_BYTES = 20 * 1024 * 1024


class SourceIn(BaseModel):
    """A JSON source: a URL to fetch, or a title and text given inline."""

    model_config = ConfigDict(extra="forbid")

    url: str | None = Field(default=None, pattern=r"^https?://")
    title: str | None = Field(default=None, max_length=500)
    text: str | None = Field(default=None, max_length=5_000_000)

    @model_validator(mode="after")
    def _one_kind(self) -> SourceIn:
        if (self.url is None) == (self.text is None):
            raise ValueError("give either 'url' or 'text' (with an optional 'title')")
        return self


class QuestionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    question: str = Field(min_length=1, max_length=2000)


class DocumentOut(Out):
    id: str
    title: str
    source: str
    file_type: str | None
    size_bytes: int | None
    chunks: int
    status: str
    progress: int
    error: str | None
    created_at: str


class DocumentsOut(Out):
    """One page of documents, the whole list's size and its counts by processing status."""

    documents: list[DocumentOut]
    total: int
    counts: dict[str, int]
    offset: int
    limit: int


class QueuedOut(Out):
    """The first queued document and all of them (several files may be uploaded at once)."""

    document: DocumentOut
    documents: list[DocumentOut]


class RemovedOut(Out):
    removed: str


class ChunkOut(Out):
    document: str
    title: str
    heading: str
    text: str
    score: float


class ReplyOut(Out):
    text: str
    citations: list[dict[str, Any]]


class AskOut(Out):
    chunks: list[ChunkOut]
    reply: ReplyOut


class KnowledgeOut(Out):
    embedder: str
    embedding_model: str
    reindexing: bool
    documents: int


UPLOAD = {
    "type": "object",
    "properties": {"file": {"type": "array", "items": {"type": "string", "format": "binary"}}},
    "required": ["file"],
}


def document_json(doc: Document) -> dict[str, Any]:
    return {
        "id": str(doc.id),
        "title": doc.title,
        "source": doc.source,
        "file_type": doc.file_type,
        "size_bytes": doc.file_size_bytes,
        "chunks": doc.chunk_count,
        "status": doc.processing_status.value,
        "progress": doc.progress,
        "error": doc.processing_error,
        "created_at": doc.created_at.isoformat(),
    }


def chunk_json(chunk: RetrievedChunk) -> dict[str, Any]:
    return {
        "document": chunk.document_id,
        "title": chunk.title,
        "heading": chunk.heading,
        "text": chunk.text,
        "score": chunk.score,
    }


def reply_json(reply: OutboundMessage) -> dict[str, Any]:
    return {"text": reply.text, "citations": [vars(c) for c in reply.citations]}


async def uploads(request: web.Request) -> list[tuple[bytes, str]]:
    """Every multipart part named `file` (several files may be sent at once)."""
    reader = await request.multipart()
    files: list[tuple[bytes, str]] = []
    while (part := await reader.next()) is not None:
        if isinstance(part, BodyPartReader) and part.name == "file" and part.filename:
            data = await part.read(decode=True)
            if len(data) > MAX_UPLOAD_BYTES:
                raise HttpError(413, f"{part.filename}: over the {MAX_UPLOAD_BYTES}-byte limit")
            files.append((bytes(data), part.filename))
    if not files:
        raise HttpError(400, "invalid request: file: send documents as multipart fields 'file'")
    return files


@operation(
    "Add documents (multipart files, a URL or a text)",
    ok=QueuedOut,
    status=202,
    body=SourceIn,
    body_types={"multipart/form-data": UPLOAD},
    errors=(404, 422),
)
async def add_document(request: web.Request) -> web.Response:
    """Queue uploads, a URL or a text: 202, the worker indexes them in the background."""
    if (request.content_length or 0) > MAX_UPLOAD_BYTES + 64 * 1024:
        raise HttpError(413, f"file over the {MAX_UPLOAD_BYTES}-byte limit")
    queue, creator, slug = request.app[INGEST], creator_of(request), request.match_info["slug"]
    await request.app[KNOWLEDGE].bot(creator, slug)  # 404 before reading another's body
    try:
        if request.content_type.startswith("multipart/"):
            docs = await queue.enqueue_uploads(creator, slug, await uploads(request))
        else:
            body = await read_json(request, SourceIn)
            docs = [await enqueue_json(queue, creator, slug, body)]
    except UnsupportedFileType as exc:
        raise HttpError(415, str(exc)) from None
    except IngestFailed as exc:
        raise HttpError(422, str(exc)) from None
    listed = [document_json(d) for d in docs]
    return QueuedOut.respond({"document": listed[0], "documents": listed}, status=202)


async def enqueue_json(queue: IngestQueue, creator: UUID, slug: str, body: SourceIn) -> Document:
    if body.url is not None:
        return await queue.enqueue_url(creator, slug, body.url)
    return await queue.enqueue_text(creator, slug, body.title or "", body.text or "")


class PageQuery(BaseModel):
    """Which slice of a long list: `offset` items skipped, at most `limit` returned."""

    model_config = ConfigDict(extra="forbid")

    limit: int = Field(default=100, ge=1, le=500)
    offset: int = Field(default=0, ge=0, le=10_000_000)


@operation("List documents", ok=DocumentsOut, query=PageQuery, errors=(400, 404))
async def list_documents(request: web.Request) -> web.Response:
    query = read_query(request, PageQuery)
    listing = await request.app[KNOWLEDGE].page(
        creator_of(request), request.match_info["slug"], offset=query.offset, limit=query.limit
    )
    return DocumentsOut.respond(
        {
            "documents": [document_json(d) for d in listing.documents],
            "total": listing.total,
            "counts": listing.counts,
            "offset": listing.offset,
            "limit": listing.limit,
        }
    )


@operation("Get a document", ok=DocumentOut, errors=(400, 404))
async def get_document(request: web.Request) -> web.Response:
    doc = await request.app[INGEST].document(
        creator_of(request), request.match_info["slug"], request.match_info["document"]
    )
    return DocumentOut.respond(document_json(doc))


@operation("Re-index a document", ok=DocumentOut, status=202, errors=(400, 404, 409))
async def reindex_document(request: web.Request) -> web.Response:
    doc = await request.app[INGEST].reindex(
        creator_of(request), request.match_info["slug"], request.match_info["document"]
    )
    return DocumentOut.respond(document_json(doc), status=202)


@operation("Remove a document", ok=RemovedOut, errors=(400, 404))
async def remove_document(request: web.Request) -> web.Response:
    knowledge, creator, slug = (
        request.app[KNOWLEDGE],
        creator_of(request),
        request.match_info["slug"],
    )
    doc = await knowledge.remove(creator, request.match_info["document"], bot_slug=slug)
    return RemovedOut.respond({"removed": str(doc.id)})


@operation("Retrieval test: top chunks and the reply", ok=AskOut, body=QuestionIn, errors=(404,))
async def ask(request: web.Request) -> web.Response:
    """The retrieval test: top chunks with scores and the reply the bot would give; nothing is
    stored."""
    bot = await accounts.get_bot(creator_of(request), request.match_info["slug"])
    body = await read_json(request, QuestionIn)
    chunks, reply = await request.app[ANSWERS].reply_to(bot, body.question)
    return AskOut.respond({"chunks": [chunk_json(c) for c in chunks], "reply": reply_json(reply)})


class EmbedderIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    embedder: Literal["auto", "minilm", "multilingual"]


def knowledge_json(knowledge: KnowledgeService, kb: KnowledgeBase) -> dict[str, Any]:
    return {
        "embedder": kb.embedder,
        "embedding_model": kb.embedding_model,
        "reindexing": knowledge.reindexer.running(kb.id),
        "documents": kb.document_count,
    }


@operation("The bot's knowledge base", ok=KnowledgeOut, errors=(404,))
async def get_knowledge(request: web.Request) -> web.Response:
    knowledge = request.app[KNOWLEDGE]
    kb = await knowledge.knowledge_base(creator_of(request), request.match_info["slug"])
    return KnowledgeOut.respond(knowledge_json(knowledge, kb))


@operation("Choose the embedder", ok=KnowledgeOut, status=202, body=EmbedderIn, errors=(404,))
async def set_embedder(request: web.Request) -> web.Response:
    """Choose the embedder; a re-index runs in the background (202), the old index serves."""
    knowledge, creator, slug = (
        request.app[KNOWLEDGE],
        creator_of(request),
        request.match_info["slug"],
    )
    await knowledge.bot(creator, slug)
    body = await read_json(request, EmbedderIn)
    kb = await knowledge.set_embedder(creator, slug, body.embedder)
    return KnowledgeOut.respond(knowledge_json(knowledge, kb), status=202)


def add_routes(app: web.Application) -> None:
    base = "/api/v1/bots/{slug}/documents"
    app.router.add_get(base, list_documents)
    app.router.add_post(base, add_document)
    app.router.add_get(base + "/{document}", get_document)
    app.router.add_delete(base + "/{document}", remove_document)
    app.router.add_post(base + "/{document}/reindex", reindex_document)
    app.router.add_post("/api/v1/bots/{slug}/knowledge/ask", ask)
    app.router.add_get("/api/v1/bots/{slug}/knowledge", get_knowledge)
    app.router.add_put("/api/v1/bots/{slug}/knowledge", set_embedder)
