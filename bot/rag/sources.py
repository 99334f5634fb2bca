"""Reading sources into text: files (.txt .md .pdf .docx .html) and URLs, with size/time limits."""

from __future__ import annotations

import asyncio
import io
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import aiohttp

from bot.errors import ParleyError

FILE_TYPES = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".pdf": "pdf",
    ".docx": "docx",
    ".html": "html",
    ".htm": "html",
}
CONTENT_TYPES = {
    "text/plain": "txt",
    "text/markdown": "md",
    "text/html": "html",
    "application/xhtml+xml": "html",
    "application/pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
}
_READ_BLOCK = 64 * 1024
_BLANK_RUNS = re.compile(r"\n{3,}")


class IngestFailed(ParleyError):
    """A source could not be read or indexed; the message says what to fix."""


class UnsupportedFileType(IngestFailed):
    """The file's extension (or a URL's content type) is not one Parley can read."""


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


def file_type_of(path: Path) -> str:
    kind = FILE_TYPES.get(path.suffix.lower())
    if kind is None:
        known = ", ".join(sorted(FILE_TYPES))
        raise UnsupportedFileType(f"{path.name}: unsupported file type; use one of {known}")
    return kind


def decode_text(data: bytes, name: str) -> str:
    if b"\x00" in data[:8192]:
        raise IngestFailed(f"{name}: looks like a binary file, not text; save it as .txt or .md")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def pdf_text(data: bytes, name: str) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise IngestFailed(
                f"{name}: the PDF is encrypted; remove its password and add it again"
            )
        return "\n\n".join((page.extract_text() or "").strip() for page in reader.pages)
    except (PdfReadError, ValueError, KeyError) as exc:
        raise IngestFailed(f"{name}: not a readable PDF ({exc}); re-export it and retry") from None


def docx_text(data: bytes, name: str) -> str:
    """Paragraphs of a .docx; Heading/Title styles become markdown headings for the chunker."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, ValueError, KeyError) as exc:
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


def extract(data: bytes, file_type: str, name: str) -> tuple[str, str]:
    """(title, text) of a source's bytes; blocking (pypdf, trafilatura): run it in a thread."""
    if file_type == "pdf":
        title, text = "", pdf_text(data, name)
    elif file_type == "docx":
        title, text = "", docx_text(data, name)
    elif file_type == "html":
        title, text = html_text(data, name)
    else:
        title, text = "", decode_text(data, name)
    text = _BLANK_RUNS.sub("\n\n", text.replace("\r\n", "\n")).strip()
    if not text:
        raise IngestFailed(f"{name}: no text found in it (a scanned PDF needs OCR first)")
    return title or heading_title(text) or name, text


_H1 = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)


def heading_title(text: str) -> str:
    """A Markdown document's own title: its first level-1 heading, if it has one."""
    match = _H1.search(text)
    return match.group(1).strip()[:500] if match else ""


async def read_file(path: Path, *, max_bytes: int) -> Source:
    file_type_of(path)  # an unsupported type is refused before the file is read
    if not path.is_file():
        raise IngestFailed(f"{path}: no such file; check the path")
    size = path.stat().st_size
    if size == 0:
        raise IngestFailed(f"{path.name}: the file is empty")
    if size > max_bytes:
        raise IngestFailed(
            f"{path.name}: {size} bytes is over the {max_bytes}-byte limit; split it"
        )
    data = await asyncio.to_thread(path.read_bytes)
    return await from_bytes(data, path.name, origin=str(path), max_bytes=max_bytes)


async def from_bytes(data: bytes, name: str, *, origin: str, max_bytes: int) -> Source:
    """A file's content (an upload or a file read from disk); `name` gives its type."""
    kind = file_type_of(Path(name))
    if not data:
        raise IngestFailed(f"{name}: the file is empty")
    if len(data) > max_bytes:
        raise IngestFailed(
            f"{name}: {len(data)} bytes is over the {max_bytes}-byte limit; split it"
        )
    title, text = await asyncio.to_thread(extract, data, kind, name)
    return Source(title, text, origin, kind, len(data))


def from_text(title: str, text: str) -> Source:
    """Text given inline (e.g. pasted into the creator API)."""
    text = _BLANK_RUNS.sub("\n\n", text.replace("\r\n", "\n")).strip()
    if not text:
        raise IngestFailed("the text is empty; send some content")
    title = title.strip() or text.splitlines()[0][:80]
    return Source(title, text, "text", "txt", len(text.encode()))


def url_file_type(url: str, content_type: str) -> str:
    kind = CONTENT_TYPES.get(content_type.split(";")[0].strip().lower())
    if kind is not None:
        return kind
    suffix = Path(urlsplit(url).path).suffix.lower()
    if suffix in FILE_TYPES:
        return FILE_TYPES[suffix]
    raise UnsupportedFileType(f"{url}: unsupported content type {content_type!r}")


async def _read_limited(response: aiohttp.ClientResponse, url: str, max_bytes: int) -> bytes:
    if response.content_length is not None and response.content_length > max_bytes:
        raise IngestFailed(
            f"{url}: {response.content_length} bytes is over the {max_bytes}-byte limit"
        )
    body = bytearray()
    async for block in response.content.iter_chunked(_READ_BLOCK):
        body += block
        if len(body) > max_bytes:
            raise IngestFailed(f"{url}: the page is over the {max_bytes}-byte limit")
    return bytes(body)


async def download(url: str, *, max_bytes: int, timeout_s: float) -> tuple[bytes, str]:
    """(body, content type) of a URL, or IngestFailed naming what went wrong."""
    timeout = aiohttp.ClientTimeout(total=timeout_s)
    try:
        async with (
            aiohttp.ClientSession(timeout=timeout) as session,
            session.get(url, headers={"User-Agent": "Parley/0.1 (knowledge ingest)"}) as response,
        ):
            if response.status >= 400:
                raise IngestFailed(
                    f"{url}: the server answered HTTP {response.status}; check the URL"
                )
            return await _read_limited(response, url, max_bytes), response.content_type
    except TimeoutError:
        raise IngestFailed(
            f"{url}: no complete answer within {timeout_s:g} s; retry later"
        ) from None
    except aiohttp.ClientError as exc:
        raise IngestFailed(f"{url}: could not fetch it ({exc}); check the URL") from None


async def fetch_url(url: str, *, max_bytes: int, timeout_s: float) -> Source:
    data, content_type = await download(url, max_bytes=max_bytes, timeout_s=timeout_s)
    kind = url_file_type(url, content_type)
    if not data:
        raise IngestFailed(f"{url}: the page is empty")
    title, text = await asyncio.to_thread(extract, data, kind, url)
    return Source(title, text, url, kind, len(data))
