"""`/api/v1/bots/{slug}/documents`: add (upload, URL or text), list and remove knowledge."""

from __future__ import annotations

from typing import Any, Literal

from aiohttp import BodyPartReader, web
from pydantic import BaseModel, ConfigDict, Field, model_validator

from bot.rag.service import KnowledgeService
from bot.rag.sources import IngestFailed, UnsupportedFileType
from channels.api.auth import creator_of
from channels.api.bodies import read_json
from channels.http_errors import HttpError
from models import Document, KnowledgeBase

KNOWLEDGE = web.AppKey("knowledge", KnowledgeService)
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


def document_json(doc: Document) -> dict[str, Any]:
    return {
        "id": str(doc.id),
        "title": doc.title,
        "source": doc.source,
        "file_type": doc.file_type,
        "size_bytes": doc.file_size_bytes,
        "chunks": doc.chunk_count,
        "status": doc.processing_status.value,
        "error": doc.processing_error,
        "created_at": doc.created_at.isoformat(),
    }


async def upload(request: web.Request) -> tuple[bytes, str]:
    reader = await request.multipart()
    part = await reader.next()
    while part is not None and (
        not isinstance(part, BodyPartReader) or part.name != "file" or not part.filename
    ):
        part = await reader.next()
    if part is None:
        raise HttpError(400, "invalid request: file: send the document as multipart field 'file'")
    data = await part.read(decode=True)
    if len(data) > MAX_UPLOAD_BYTES:
        raise HttpError(413, f"file over the {MAX_UPLOAD_BYTES}-byte limit")
    return bytes(data), part.filename or "upload"


async def add_document(request: web.Request) -> web.Response:
    if (request.content_length or 0) > MAX_UPLOAD_BYTES + 64 * 1024:
        raise HttpError(413, f"file over the {MAX_UPLOAD_BYTES}-byte limit")
    knowledge, creator, slug = (
        request.app[KNOWLEDGE],
        creator_of(request),
        request.match_info["slug"],
    )
    await knowledge.bot(creator, slug)  # 404 before reading a body for a bot that isn't theirs
    try:
        if request.content_type.startswith("multipart/"):
            data, name = await upload(request)
            result = await knowledge.add_upload(creator, slug, data, name)
        else:
            body = await read_json(request, SourceIn)
            result = await knowledge.add_json(creator, slug, body.url, body.title, body.text)
    except UnsupportedFileType as exc:
        raise HttpError(415, str(exc)) from None
    except IngestFailed as exc:
        raise HttpError(422, str(exc)) from None
    status = 201 if result.created else 200
    return web.json_response(
        {"created": result.created, "document": document_json(result.document)}, status=status
    )


async def list_documents(request: web.Request) -> web.Response:
    docs = await request.app[KNOWLEDGE].list(creator_of(request), request.match_info["slug"])
    return web.json_response({"documents": [document_json(d) for d in docs]})


async def remove_document(request: web.Request) -> web.Response:
    knowledge, creator, slug = (
        request.app[KNOWLEDGE],
        creator_of(request),
        request.match_info["slug"],
    )
    doc = await knowledge.remove(creator, request.match_info["document"], bot_slug=slug)
    return web.json_response({"removed": str(doc.id)})


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


async def get_knowledge(request: web.Request) -> web.Response:
    knowledge = request.app[KNOWLEDGE]
    kb = await knowledge.knowledge_base(creator_of(request), request.match_info["slug"])
    return web.json_response(knowledge_json(knowledge, kb))


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
    return web.json_response(knowledge_json(knowledge, kb), status=202)


def add_routes(app: web.Application) -> None:
    app.router.add_get("/api/v1/bots/{slug}/knowledge", get_knowledge)
    app.router.add_put("/api/v1/bots/{slug}/knowledge", set_embedder)
    app.router.add_get("/api/v1/bots/{slug}/documents", list_documents)
    app.router.add_post("/api/v1/bots/{slug}/documents", add_document)
    app.router.add_delete("/api/v1/bots/{slug}/documents/{document}", remove_document)
