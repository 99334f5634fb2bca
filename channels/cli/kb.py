"""CLI commands for knowledge bases: add sources to a bot, list and remove its documents."""

from __future__ import annotations

from typing import Any

import click

from bot.errors import NotFound, ParleyError
from bot.rag.ingest import IngestResult
from bot.rag.service import KnowledgeService
from bot.settings import Settings
from channels.cli.runtime import run
from models.bots import Bot
from models.knowledge import Document, KnowledgeBase


@click.group(name="kb")
def kb_group() -> None:
    """A bot's knowledge: the documents it answers from."""


async def _owner(slug: str) -> Bot:
    bot = await Bot.get_or_none(slug=slug, deleted_at=None)
    if bot is None:
        raise NotFound(f"no bot with slug {slug!r}; see `parley bot create`")
    return bot


class _ChunkProgress:
    """A click progress bar of chunks embedded, opened once the total is known."""

    def __init__(self, label: str) -> None:
        self._label = label
        self._bar: Any = None
        self._done = 0

    def __call__(self, done: int, total: int) -> None:
        if self._bar is None:
            self._bar = click.progressbar(
                length=total, label=self._label, file=click.get_text_stream("stderr")
            )
            self._bar.__enter__()
        self._bar.update(done - self._done)
        self._done = done

    def close(self) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)


def _describe(result: IngestResult) -> str:
    doc = result.document
    if not result.created:
        return f"unchanged {doc.id} {doc.title} (already in the knowledge base)"
    return f"added {doc.id} {doc.title} ({doc.chunk_count} chunks)"


async def _add_one(service: KnowledgeService, bot: Bot, source: str) -> str:
    progress = _ChunkProgress(f"embedding {source}")
    try:
        result = await service.add(bot.creator_id, bot.slug, source, progress=progress)
    finally:
        progress.close()
    return _describe(result)


@kb_group.command(name="add")
@click.option("--bot", "slug", required=True, help="The bot's slug.")
@click.argument("sources", nargs=-1, required=True)
def add(slug: str, sources: tuple[str, ...]) -> None:
    """Add files (.txt .md .pdf .docx .html) or http(s) URLs to a bot's knowledge."""

    async def command(settings: Settings) -> None:
        service, bot = KnowledgeService(settings), await _owner(slug)
        failures: list[ParleyError] = []
        for source in sources:
            try:
                click.echo(await _add_one(service, bot, source))
            except ParleyError as exc:
                failures.append(exc)
        for failure in failures[:-1]:
            click.echo(f"Error: {failure}", err=True)
        if failures:
            raise failures[-1]  # the last one becomes the command's one-line error

    run(command)


def _row(doc: Document) -> str:
    status = doc.processing_status.value
    return f"{doc.id}  {status:<10} {doc.chunk_count:>5}  {doc.title}  [{doc.source}]"


@kb_group.command(name="list")
@click.option("--bot", "slug", required=True, help="The bot's slug.")
def list_documents(slug: str) -> None:
    """List a bot's documents: id, status, chunks, title, source."""

    async def command(settings: Settings) -> list[Document]:
        bot = await _owner(slug)
        return await KnowledgeService(settings).list(bot.creator_id, bot.slug)

    documents = run(command)
    if not documents:
        click.echo(f"no documents for bot {slug}; add some with `parley kb add --bot {slug}`")
    for doc in documents:
        click.echo(_row(doc))


@kb_group.command(name="remove")
@click.option("--bot", "slug", required=True, help="The bot's slug.")
@click.argument("document_id")
def remove(slug: str, document_id: str) -> None:
    """Remove a document (and its chunks) from a bot's knowledge."""

    async def command(settings: Settings) -> Document:
        bot = await _owner(slug)
        service = KnowledgeService(settings)
        return await service.remove(bot.creator_id, document_id, bot_slug=bot.slug)

    doc = run(command)
    click.echo(f"removed {doc.id} {doc.title}")


@kb_group.command(name="reindex")
@click.option("--bot", "slug", required=True, help="The bot's slug.")
def reindex(slug: str) -> None:
    """Re-embed a bot's knowledge with the configured embedder (PARLEY_RAG__EMBEDDER)."""

    async def command(settings: Settings) -> KnowledgeBase:
        bot = await _owner(slug)
        service = KnowledgeService(settings)
        kb = await service.knowledge_base(bot.creator_id, bot.slug)
        return await service.reindex(bot.creator_id, kb.id)

    kb = run(command)
    click.echo(f"re-indexed {kb.name} with {kb.embedding_model} into {kb.collection_name}")


COMMANDS: list[click.Command] = [kb_group]
