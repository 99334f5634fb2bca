"""Uploads through the creator API: typed by content, bombs and page floods refused with a
reason, nothing stored for a refused file."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp import FormData

from bot.auth import issue_api_key
from models import Document, DocumentChunk, ProcessingStatus
from tests.bot.rag.test_filetypes import with_entry
from tests.bot.rag.test_sources import write_docx, write_pdf
from tests.channels.conftest import Running, start

BASE = "/api/v1/bots/guide/documents"


@pytest.fixture
async def api(db: str, tmp_path: Path) -> AsyncIterator[tuple[Running, dict[str, str]]]:
    async for running in start(db, tmp_path):
        key = await issue_api_key(running.creator, ["read", "write"])
        yield running, {"Authorization": f"Bearer {key.token}"}


async def upload(api: tuple[Running, dict[str, str]], data: bytes, name: str) -> Any:
    running, headers = api
    form = FormData()
    form.add_field("file", data, filename=name)
    response = await running.client.post(BASE, data=form, headers=headers)
    return response.status, await response.json()


async def drain(running: Running) -> None:
    """Until no document is queued or being indexed, by this loop or by the worker an upload
    woke."""
    busy = [ProcessingStatus.PENDING, ProcessingStatus.PROCESSING]
    for _ in range(300):
        while await running.services.ingest.process_next():
            pass
        if not await Document.filter(processing_status__in=busy).exists():
            return
        await asyncio.sleep(0.05)
    raise AssertionError("documents are still queued or being indexed")


def error_message(body: dict[str, Any]) -> str:
    """The reason of an error body (a plain string, or the `{"code", "message"}` object)."""
    error = body["error"]
    return str(error["message"] if isinstance(error, dict) else error)


def many_pages(path: Path, pages: int) -> bytes:
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path))
    for n in range(pages):
        pdf.drawString(72, 720, f"Page {n}")
        pdf.showPage()
    pdf.save()
    return path.read_bytes()


async def test_a_pdf_named_txt_is_read_as_a_pdf(
    api: tuple[Running, dict[str, str]], tmp_path: Path
) -> None:
    status, body = await upload(api, write_pdf(tmp_path / "x.pdf").read_bytes(), "notes.txt")
    assert status == 202, body
    assert body["document"]["file_type"] == "pdf"
    await drain(api[0])
    document = await Document.get(id=body["document"]["id"])
    assert document.processing_status == ProcessingStatus.READY and document.chunk_count >= 1


async def test_refused_uploads_give_reasons_and_store_nothing(
    api: tuple[Running, dict[str, str]], tmp_path: Path
) -> None:
    before = (await Document.all().count(), await DocumentChunk.all().count())
    bomb = with_entry(write_docx(tmp_path / "a.docx").read_bytes(), "word/z.bin", bytes(8 << 20))
    refused = [
        (b"\x89PNG\r\n\x1a\n" + bytes(64), "photo.txt", 415, "a PNG image"),
        (b"just words", "report.docx", 422, "named .docx but its content is plain text"),
    ]
    for data, name, status, reason in refused:
        got, body = await upload(api, data, name)
        assert (got, reason in error_message(body)) == (status, True), (name, body)
    assert (await Document.all().count(), await DocumentChunk.all().count()) == before
    # what only opening the file shows is refused by the ingestion worker, with its reason
    failing = [
        (bomb, "lesson.docx", "compresses more than 100:1"),
        (many_pages(tmp_path / "big.pdf", 2001), "big.pdf", "2001 pages is over the 2000"),
    ]
    for data, name, reason in failing:
        got, body = await upload(api, data, name)
        assert got == 202, body
        await drain(api[0])
        document = await Document.get(id=body["document"]["id"])
        assert document.processing_status == ProcessingStatus.FAILED
        assert reason in (document.processing_error or ""), document.processing_error
    assert await DocumentChunk.all().count() == before[1]
