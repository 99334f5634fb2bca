"""Reading sources into text: files (.txt .md .pdf .docx .html) and URLs, with size/time limits."""

from __future__ import annotations

import asyncio
import io
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit
from zipfile import BadZipFile

from bot.rag.errors import IngestFailed, UnsupportedFileType
from bot.rag.fetch import FetchLimits, download
from bot.rag.filetypes import FileLimits, check_docx_archive, check_name, sniff

__all__ = ["IngestFailed", "Source", "UnsupportedFileType", "fetch_url", "from_bytes", "read_file"]
_BLANK_RUNS = re.compile(r"\n{3,}")


@dataclass(frozen=True)
class Source:
    """A source read into text, not yet stored."""

    title: str
    text: str
    origin: str  # the path or URL it came from
    file_type: str
    size_bytes: int


def is_url(value: str) -> bool:
    return urlsplit(value).scheme in {"http", "https"}


def decode_text(data: bytes, name: str) -> str:
    if b"\x00" in data[:8192]:
        raise IngestFailed(f"{name}: looks like a binary file, not text; save it as .txt or .md")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def pdf_text(data: bytes, name: str, limits: FileLimits) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise IngestFailed(
                f"{name}: the PDF is encrypted; remove its password and add it again"
            )
        pages = len(reader.pages)
        if pages > limits.pdf_max_pages:
            raise IngestFailed(
                f"{name}: {pages} pages is over the {limits.pdf_max_pages}-page limit; split it"
            )
        return "\n\n".join((page.extract_text() or "").strip() for page in reader.pages)
    except (PdfReadError, ValueError, KeyError) as exc:
        raise IngestFailed(f"{name}: not a readable PDF ({exc}); re-export it and retry") from None


def docx_text(data: bytes, name: str, limits: FileLimits) -> str:
    """Paragraphs of a .docx; Heading/Title styles become markdown headings for the chunker."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        check_docx_archive(data, name, limits)
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, BadZipFile, ValueError, KeyError) as exc:
        raise IngestFailed(f"{name}: not a readable .docx ({exc}); re-save it in Word") from None
    lines = []
    for paragraph in document.paragraphs:
        style = paragraph.style.name if paragraph.style is not None else ""
        lines.append(_heading_prefix(style or "") + paragraph.text)
    return "\n\n".join(line for line in lines if line.strip())


def _heading_prefix(style: str) -> str:
    if style == "Title":
        return "# "
    level = style.removeprefix("Heading ").strip()
    return (
        "#" * min(int(level) + 1, 6) + " "
        if style.startswith("Heading") and level.isdigit()
        else ""
    )


def html_text(data: bytes, name: str) -> tuple[str, str]:
    """(title, main text as markdown) of an HTML page; navigation and footers are dropped."""
    import trafilatura

    html = decode_text(data, name)
    text = trafilatura.extract(html, output_format="markdown", favor_recall=True) or ""
    metadata = trafilatura.extract_metadata(html)
    title = metadata.title if metadata is not None and metadata.title else ""
    return title, text


def normalise(text: str) -> str:
    """Unix newlines, no runs of blank lines, no NUL characters (PostgreSQL text refuses them)."""
    text = text.replace("\x00", "").replace("\r\n", "\n")
    return _BLANK_RUNS.sub("\n\n", text).strip()


def extract(
    data: bytes, file_type: str, name: str, limits: FileLimits | None = None
) -> tuple[str, str]:
    """(title, text) of a source's bytes; blocking (pypdf, trafilatura): run it in a thread."""
    limits = limits or FileLimits()
    if file_type == "pdf":
        title, text = "", pdf_text(data, name, limits)
    elif file_type == "docx":
        title, text = "", docx_text(data, name, limits)
    elif file_type == "html":
        title, text = html_text(data, name)
    else:
        title, text = "", decode_text(data, name)
    text = normalise(text)
    if not text:
        raise IngestFailed(f"{name}: no text found in it (a scanned PDF needs OCR first)")
    return normalise(title) or heading_title(text) or name, text


_H1 = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)


def heading_title(text: str) -> str:
    """A Markdown document's own title: its first level-1 heading, if it has one."""
    match = _H1.search(text)
    return match.group(1).strip()[:500] if match else ""


def _check_size(size: int, name: str, max_bytes: int) -> None:
    if size == 0:
        raise IngestFailed(f"{name}: the file is empty")
    if size > max_bytes:
        raise IngestFailed(f"{name}: {size} bytes is over the {max_bytes}-byte limit; split it")


async def read_file(path: Path, limits: FileLimits) -> Source:
    check_name(path.name)  # an unsupported extension is refused before the file is read
    if not path.is_file():
        raise IngestFailed(f"{path}: no such file; check the path")
    _check_size(path.stat().st_size, path.name, limits.max_bytes)
    data = await asyncio.to_thread(path.read_bytes)
    return await from_bytes(data, path.name, origin=str(path), limits=limits)


async def from_bytes(data: bytes, name: str, *, origin: str, limits: FileLimits) -> Source:
    """A file's content (an upload or a file read from disk), its type sniffed from the bytes."""
    check_name(name)
    _check_size(len(data), name, limits.max_bytes)
    kind = sniff(data, name)
    title, text = await asyncio.to_thread(extract, data, kind, name, limits)
    return Source(title, text, origin, kind, len(data))


def from_text(title: str, text: str) -> Source:
    """Text given inline (e.g. pasted into the creator API)."""
    text = normalise(text)
    if not text:
        raise IngestFailed("the text is empty; send some content")
    title = title.strip() or text.splitlines()[0][:80]
    return Source(title, text, "text", "txt", len(text.encode()))


async def fetch_url(url: str, limits: FetchLimits, files: FileLimits | None = None) -> Source:
    """A web page or file at `url`, fetched within `limits` (addresses, size, time, type)."""
    data, kind = await download(url, limits)
    if not data:
        raise IngestFailed(f"{url}: the page is empty")
    title, text = await asyncio.to_thread(extract, data, kind, url, files or FileLimits())
    return Source(title, text, url, kind, len(data))
