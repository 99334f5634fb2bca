"""Knowledge pages: add files, URLs and text (indexed in the background), watch their status,
delete or re-index them, and test retrieval with the reply the bot would give."""

from __future__ import annotations

from typing import Any

from aiohttp import web
from multidict import MultiDictProxy

from bot.rag.sources import IngestFailed
from channels.studio.chooser import bot_of, section_page, services
from channels.studio.forms import fields, object_id
from channels.studio.render import flash, render, wants_block
from channels.studio.security import current
from models import Bot, Document, Role

MAX_QUESTION = 2000
PAGE_SIZE = 50


def page_number(request: web.Request) -> int:
    raw = request.query.get("page", "1")
    return int(raw) if raw.isdigit() and 0 < int(raw) < 100_000 else 1


async def knowledge_context(request: web.Request, bot: Bot, **extra: Any) -> dict[str, Any]:
    number = page_number(request)
    listing = await services(request).knowledge.page(
        current(request).creator_id, bot.slug, offset=(number - 1) * PAGE_SIZE, limit=PAGE_SIZE
    )
    return {
        "bot": bot,
        "listing": listing,
        "page": number,
        "pages": max(1, -(-listing.total // PAGE_SIZE)),
        "can_edit": current(request).role in (Role.OWNER, Role.EDITOR),
        "errors": {},
        "question": "",
        "answer": None,
    } | extra


async def knowledge_page(request: web.Request) -> web.StreamResponse:
    bot = await bot_of(request)
    return await render(request, "knowledge.html", await knowledge_context(request, bot))


async def documents_block(request: web.Request) -> web.StreamResponse:
    """The documents table alone: htmx polls it while anything is queued or processing."""
    bot = await bot_of(request)
    ctx = await knowledge_context(request, bot)
    return await render(request, "knowledge.html", ctx, block="documents")


async def _back(request: web.Request, bot: Bot, **errors: str) -> web.StreamResponse:
    if errors:
        ctx = await knowledge_context(request, bot, errors=errors)
        return await render(request, "knowledge.html", ctx, status=400)
    raise web.HTTPFound(f"/studio/bots/{bot.slug}/knowledge")


def uploaded_files(posted: MultiDictProxy[Any]) -> list[tuple[bytes, str]]:
    return [
        (part.file.read(), part.filename)
        for part in posted.getall("file", [])
        if isinstance(part, web.FileField) and part.filename
    ]


async def add_files(request: web.Request) -> web.StreamResponse:
    bot = await bot_of(request)
    files = uploaded_files(await request.post())
    if not files:
        return await _back(request, bot, file="Choose one or more files first.")
    try:
        docs = await services(request).ingest.enqueue_uploads(
            current(request).creator_id, bot.slug, files
        )
    except IngestFailed as exc:
        return await _back(request, bot, file=f"Nothing was added: {exc}")
    await flash(request, f"{len(docs)} file(s) queued: they are indexed in the background.")
    return await _back(request, bot)


async def add_url(request: web.Request) -> web.StreamResponse:
    bot = await bot_of(request)
    url = (await fields(request)).get("url", "")
    if not url.startswith(("http://", "https://")):
        return await _back(request, bot, url="Give a web address starting with https://")
    await services(request).ingest.enqueue_url(current(request).creator_id, bot.slug, url)
    await flash(request, "Page queued: it is fetched and indexed in the background.")
    return await _back(request, bot)


async def add_text(request: web.Request) -> web.StreamResponse:
    bot = await bot_of(request)
    form = await fields(request)
    try:
        await services(request).ingest.enqueue_text(
            current(request).creator_id, bot.slug, form.get("title", ""), form.get("text", "")
        )
    except IngestFailed as exc:
        return await _back(request, bot, text=str(exc))
    await flash(request, "Text queued: it is indexed in the background.")
    return await _back(request, bot)


async def delete_document(request: web.Request) -> web.StreamResponse:
    bot = await bot_of(request)
    doc = await services(request).knowledge.remove(
        current(request).creator_id, object_id(request, "doc_id"), bot_slug=bot.slug
    )
    await flash(request, f"{doc.title} deleted.")
    return await _back(request, bot)


async def reindex_document(request: web.Request) -> web.StreamResponse:
    bot = await bot_of(request)
    doc: Document = await services(request).ingest.reindex(
        current(request).creator_id, bot.slug, object_id(request, "doc_id")
    )
    await flash(request, f"{doc.title} queued for re-indexing.")
    return await _back(request, bot)


async def ask(request: web.Request) -> web.StreamResponse:
    """The retrieval test, a GET: nothing is stored, so viewers may run it too."""
    bot = await bot_of(request)
    question = request.query.get("question", "").strip()
    errors: dict[str, str] = {}
    answer = None
    if not question or len(question) > MAX_QUESTION:
        errors["question"] = f"Type a question (at most {MAX_QUESTION} characters)."
    else:
        chunks, reply = await services(request).answers.reply_to(bot, question)
        answer = {"chunks": chunks, "reply": reply}
    ctx = await knowledge_context(request, bot, question=question, answer=answer, errors=errors)
    status = 400 if errors else 200
    block = "answer" if wants_block(request) else None
    return await render(request, "knowledge.html", ctx, status=status, block=block)


def add_routes(app: web.Application) -> None:
    base = "/bots/{slug}/knowledge"
    app.router.add_get("/knowledge", section_page("knowledge", "Knowledge"), name="knowledge")
    app.router.add_get(base, knowledge_page, name="bot_knowledge")
    app.router.add_get(base + "/documents", documents_block)
    app.router.add_post(base + "/files", add_files)
    app.router.add_post(base + "/url", add_url)
    app.router.add_post(base + "/text", add_text)
    app.router.add_get(base + "/ask", ask)
    app.router.add_post(base + "/{doc_id}/delete", delete_document)
    app.router.add_post(base + "/{doc_id}/reindex", reindex_document)
