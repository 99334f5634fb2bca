"""File types from content, not names; zip bombs and page floods refused before parsing."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from bot.rag.errors import IngestFailed, UnsupportedFileType
from bot.rag.filetypes import FileLimits, check_docx_archive, sniff
from bot.rag.sources import from_bytes
from tests.bot.rag.test_sources import write_docx, write_pdf


def docx_bytes(tmp_path: Path) -> bytes:
    return write_docx(tmp_path / "real.docx").read_bytes()


def with_entry(data: bytes, name: str, content: bytes) -> bytes:
    """The same .docx with one more archive member (deflated)."""
    out = io.BytesIO(data)
    with zipfile.ZipFile(out, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, content)
    return out.getvalue()


def test_type_comes_from_the_bytes_not_the_name(tmp_path: Path) -> None:
    pdf = write_pdf(tmp_path / "a.pdf").read_bytes()
    assert sniff(pdf, "notes.txt") == "pdf"
    assert sniff(docx_bytes(tmp_path), "page.html") == "docx"
    assert sniff(b"<!DOCTYPE html><html><p>Hi</p></html>", "upload") == "html"
    assert sniff(b"# Notes", "notes.md") == "md" and sniff(b"plain", "upload") == "txt"


@pytest.mark.parametrize(
    ("data", "name", "error", "message"),
    [
        (b"\x89PNG\r\n\x1a\n....", "photo.txt", UnsupportedFileType, "a PNG image"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1", "old.docx", UnsupportedFileType, "old Office file"),
        (b"MZ\x90\x00", "notes.md", UnsupportedFileType, "a Windows program"),
        (b"plain words", "report.pdf", IngestFailed, "named .pdf but its content is plain text"),
        (b"PK\x03\x04broken", "a.docx", IngestFailed, "damaged zip"),
        (b"abc" + b"\x00" * 10, "upload", IngestFailed, "binary file"),
    ],
)
def test_misnamed_and_unknown_content_is_refused_with_what_it_is(
    data: bytes, name: str, error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        sniff(data, name)


def test_a_zip_that_is_not_a_docx_is_refused() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("ppt/presentation.xml", "<p/>")
    with pytest.raises(UnsupportedFileType, match=r"a zip archive, not a Word \.docx"):
        sniff(out.getvalue(), "slides.docx")


def test_docx_bombs_are_refused_before_python_docx_opens_them(tmp_path: Path) -> None:
    real = docx_bytes(tmp_path)
    check_docx_archive(real, "real.docx", FileLimits())  # a real document passes
    bomb = with_entry(real, "word/media/zeros.bin", b"\x00" * 5_000_000)
    assert len(bomb) < len(real) + 20_000  # 5 MB squeezed into a few KB
    with pytest.raises(IngestFailed, match="compresses more than 100:1"):
        check_docx_archive(bomb, "bomb.docx", FileLimits())
    with pytest.raises(IngestFailed, match="over the 3000000-byte limit"):
        check_docx_archive(bomb, "bomb.docx", FileLimits(docx_max_uncompressed=3_000_000))
    many = real
    for n in range(12):
        many = with_entry(many, f"word/extra{n}.xml", b"<x/>")
    with pytest.raises(IngestFailed, match="over the 10-part limit"):
        check_docx_archive(many, "many.docx", FileLimits(docx_max_entries=10))


async def test_pdfs_over_the_page_limit_are_refused(tmp_path: Path) -> None:
    pdf = write_pdf(tmp_path / "two.pdf").read_bytes()  # two pages
    with pytest.raises(IngestFailed, match="2 pages is over the 1-page limit"):
        await from_bytes(pdf, "two.pdf", origin="two.pdf", limits=FileLimits(pdf_max_pages=1))
    read = await from_bytes(pdf, "two.pdf", origin="two.pdf", limits=FileLimits(pdf_max_pages=2))
    assert "Matcha" in read.text


async def test_nul_characters_never_reach_the_database_text(tmp_path: Path) -> None:
    data = b"Sencha " * 2000 + b"\x00hidden\x00 words"  # NUL after the first 8 KB
    read = await from_bytes(data, "notes.txt", origin="notes.txt", limits=FileLimits())
    assert "\x00" not in read.text and "hidden words" in read.text
