"""File types Parley reads: by name, by content type, and sniffed from the bytes themselves."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from bot.rag.errors import IngestFailed, UnsupportedFileType

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
GENERIC_CONTENT_TYPES = frozenset({"", "application/octet-stream", "binary/octet-stream"})
TEXT_TYPES = frozenset({"txt", "md", "html"})
# Formats people upload by mistake, named so the error says what the file really is.
SIGNATURES = {
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\xd0\xcf\x11\xe0": "an old Office file (.doc/.xls/.ppt)",
    b"\x1f\x8b": "a gzip archive",
    b"Rar!": "a RAR archive",
    b"7z\xbc\xaf": "a 7-Zip archive",
    b"\x7fELF": "a program",
    b"MZ": "a Windows program",
    b"{\\rtf": "an RTF document",
}
_DOCX_PART = "word/document.xml"


@dataclass(frozen=True)
class FileLimits:
    """What one file may expand to before it is parsed (zip bombs, page floods)."""

    max_bytes: int = 50_000_000
    docx_max_uncompressed: int = 100_000_000
    docx_max_ratio: int = 100
    docx_max_entries: int = 2_000
    pdf_max_pages: int = 2_000


def known_types() -> str:
    return ", ".join(sorted(FILE_TYPES))


def file_type_of(path: Path) -> str:
    kind = FILE_TYPES.get(path.suffix.lower())
    if kind is None:
        raise UnsupportedFileType(f"{path.name}: unsupported file type; use one of {known_types()}")
    return kind


def check_name(name: str) -> None:
    """A name with an extension must have one Parley reads; no extension is fine."""
    if Path(name).suffix:
        file_type_of(Path(name))


def _zip_type(data: bytes, name: str) -> str:
    try:
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    except (zipfile.BadZipFile, ValueError, EOFError):
        raise IngestFailed(f"{name}: a damaged zip/.docx file; re-save it in Word") from None
    if _DOCX_PART not in names:
        raise UnsupportedFileType(
            f"{name}: unsupported file type (a zip archive, not a Word .docx); "
            f"use one of {known_types()}"
        )
    return "docx"


def _text_flavour(data: bytes, name: str) -> str:
    by_name = FILE_TYPES.get(Path(name).suffix.lower())
    if by_name in TEXT_TYPES:
        return by_name
    if by_name is not None:  # named .pdf/.docx but the bytes are text
        raise IngestFailed(
            f"{name}: named {Path(name).suffix} but its content is plain text; "
            "export the real file again or rename it .txt"
        )
    head = data[:1024].lstrip().lower()
    return "html" if head.startswith((b"<!doctype html", b"<html")) else "txt"


def sniff(data: bytes, name: str) -> str:
    """The file type the bytes really are; the name only tells text flavours apart."""
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return _zip_type(data, name)
    for signature, what in SIGNATURES.items():
        if data.startswith(signature):
            raise UnsupportedFileType(
                f"{name}: unsupported file type ({what}); use one of {known_types()}"
            )
    if b"\x00" in data[:8192]:
        raise IngestFailed(f"{name}: looks like a binary file, not text; save it as .txt or .md")
    return _text_flavour(data, name)


def check_docx_archive(data: bytes, name: str, limits: FileLimits) -> None:
    """Refuse a .docx whose archive would expand past the limits, before anything opens it."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        entries = archive.infolist()
    if len(entries) > limits.docx_max_entries:
        raise IngestFailed(
            f"{name}: {len(entries)} parts in the .docx is over the "
            f"{limits.docx_max_entries}-part limit; re-save it in Word"
        )
    total = sum(e.file_size for e in entries)
    if total > limits.docx_max_uncompressed:
        raise IngestFailed(
            f"{name}: expands to {total} bytes, over the {limits.docx_max_uncompressed}-byte "
            "limit; split the document"
        )
    for entry in entries:
        if entry.file_size > limits.docx_max_ratio * max(entry.compress_size, 1) + 4096:
            raise IngestFailed(
                f"{name}: part {entry.filename!r} compresses more than "
                f"{limits.docx_max_ratio}:1 (a zip bomb?); re-save the document in Word"
            )


def url_file_type(url: str, content_type: str) -> str:
    """The file type a response may be read as, decided before its body is read."""
    bare = content_type.split(";")[0].strip().lower()
    kind = CONTENT_TYPES.get(bare)
    if kind is not None:
        return kind
    suffix = Path(urlsplit(url).path).suffix.lower()
    if bare in GENERIC_CONTENT_TYPES and suffix in FILE_TYPES:
        return FILE_TYPES[suffix]
    raise UnsupportedFileType(f"{url}: unsupported content type {content_type!r}")
