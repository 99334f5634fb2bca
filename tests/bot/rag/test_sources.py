"""Reading sources: every file type, URLs from a local server, errors that say what to fix."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import pytest
from aiohttp import web

from bot.rag.addresses import AddressPolicy
from bot.rag.fetch import FetchLimits
from bot.rag.filetypes import FileLimits
from bot.rag.sources import IngestFailed, UnsupportedFileType, fetch_url, read_file

LIMIT = 1_000_000
FILES = FileLimits(max_bytes=LIMIT)
LOCAL = AddressPolicy(allow_private=True)  # these tests' servers listen on 127.0.0.1


def local(max_bytes: int = LIMIT, timeout_s: float = 5) -> FetchLimits:
    return FetchLimits(max_bytes=max_bytes, timeout_s=timeout_s, policy=LOCAL)


PAGE = """<html><head><title>Steeping guide</title></head><body>
<nav><a href="/">Home</a> | <a href="/shop">Shop</a></nav>
<article><h1>Steeping green tea</h1>
<p>Green tea tastes best when the water is around eighty degrees and the leaves steep for two
minutes; boiling water makes it bitter.</p>
<h2>Storage</h2><p>Keep the leaves in an airtight tin away from light and strong smells.</p>
</article><footer>Copyright Tea Shop 2024, all rights reserved</footer></body></html>"""


def write_pdf(path: Path) -> Path:
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path))
    pdf.drawString(72, 720, "Oolong is partially oxidised tea.")
    pdf.showPage()
    pdf.drawString(72, 720, "Matcha is stone-ground green tea powder.")
    pdf.save()
    return path


def write_docx(path: Path) -> Path:
    import docx

    document = docx.Document()
    document.add_heading("Tea handbook", level=0)
    document.add_heading("Black tea", level=1)
    document.add_paragraph("Black tea is fully oxidised and steeps in boiling water.")
    document.save(str(path))
    return path


def write_text(text: str) -> Callable[[Path], Path]:
    def write(path: Path) -> Path:
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.mark.parametrize(
    ("name", "write", "expected"),
    [
        ("notes.txt", write_text("Sencha.\n\n\n\nGyokuro."), ["Sencha.\n\nGyokuro."]),
        ("guide.md", write_text("# Tea\n\nPu-erh is aged."), ["# Tea", "Pu-erh is aged."]),
        ("tea.pdf", write_pdf, ["Oolong is partially oxidised", "Matcha is stone-ground"]),
        ("hand.docx", write_docx, ["# Tea handbook", "## Black tea", "Black tea is fully"]),
        ("page.html", write_text(PAGE), ["# Steeping green tea", "## Storage", "eighty degrees"]),
    ],
)  # fmt: skip
async def test_each_file_type_is_read_into_text(
    tmp_path: Path, name: str, write: Callable[[Path], Path], expected: list[str]
) -> None:
    source = await read_file(write(tmp_path / name), FILES)
    for fragment in expected:
        assert fragment in source.text
    assert source.file_type == Path(name).suffix.lstrip(".")
    assert source.size_bytes == (tmp_path / name).stat().st_size


async def test_html_drops_navigation_and_footer_and_takes_the_title(tmp_path: Path) -> None:
    source = await read_file(write_text(PAGE)(tmp_path / "page.html"), FILES)
    assert source.title == "Steeping green tea"  # trafilatura prefers the main heading
    assert "Shop" not in source.text and "Copyright" not in source.text


@pytest.mark.parametrize(
    ("name", "content", "error", "message"),
    [
        ("slides.pptx", b"PK\x03\x04", UnsupportedFileType, "unsupported file type; use one of"),
        ("empty.txt", b"", IngestFailed, "the file is empty"),
        ("big.txt", b"x" * 2000, IngestFailed, "over the 1000-byte limit"),
        ("blank.md", b"   \n\n  ", IngestFailed, "no text found"),
        ("broken.pdf", b"%PDF-1.4 this is not really a pdf", IngestFailed, "not a readable PDF"),
        ("binary.txt", b"\x00\x01\x02 data", IngestFailed, "binary file"),
    ],
)
async def test_bad_files_raise_errors_that_say_what_to_fix(
    tmp_path: Path, name: str, content: bytes, error: type[Exception], message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(error, match=message):
        await read_file(path, FileLimits(max_bytes=1000))


async def test_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(IngestFailed, match="no such file"):
        await read_file(tmp_path / "nope.md", FILES)


async def _slow(request: web.Request) -> web.Response:
    await asyncio.sleep(5)
    return web.Response(text="late")


async def _huge(request: web.Request) -> web.StreamResponse:
    response = web.StreamResponse(headers={"Content-Type": "text/plain"})
    await response.prepare(request)
    for _ in range(50):  # no Content-Length: the limit must hold while streaming
        await response.write(b"y" * 10_000)
    await response.write_eof()
    return response


@pytest.fixture
async def site() -> AsyncIterator[str]:
    """A local web server on a free 127.0.0.1 port; yields its base URL."""
    app = web.Application()
    app.router.add_get("/guide", _fixed(web.Response(text=PAGE, content_type="text/html")))
    app.router.add_get("/notes.txt", _fixed(web.Response(text="Hojicha is roasted.")))
    app.router.add_get("/slow", _slow)
    app.router.add_get("/huge", _huge)
    app.router.add_get("/image", _fixed(web.Response(body=b"\x89PNG", content_type="image/png")))
    runner = web.AppRunner(app)
    await runner.setup()
    server = web.TCPSite(runner, "127.0.0.1", 0)
    await server.start()
    port = runner.addresses[0][1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        await runner.cleanup()


def _fixed(response: web.Response) -> Callable[[web.Request], Awaitable[web.Response]]:
    body, headers = response.body, {"Content-Type": response.headers["Content-Type"]}

    async def handler(request: web.Request) -> web.Response:
        return web.Response(body=body, headers=headers)

    return handler


async def test_url_pages_are_fetched_and_extracted(site: str) -> None:
    page = await fetch_url(f"{site}/guide", local())
    assert page.title == "Steeping green tea" and page.file_type == "html"
    assert "eighty degrees" in page.text and "Copyright" not in page.text
    text = await fetch_url(f"{site}/notes.txt", local())
    assert (text.text, text.file_type, text.origin) == (
        "Hojicha is roasted.",
        "txt",
        f"{site}/notes.txt",
    )


@pytest.mark.parametrize(
    ("path", "max_bytes", "error", "message"),
    [
        ("/huge", 100_000, IngestFailed, "over the 100000-byte limit"),
        ("/slow", LIMIT, IngestFailed, "no complete answer within 0.5 s"),
        ("/missing", LIMIT, IngestFailed, "answered HTTP 404"),
        ("/image", LIMIT, UnsupportedFileType, "unsupported content type 'image/png'"),
    ],
)
async def test_url_limits_and_failures(
    site: str, path: str, max_bytes: int, error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        await fetch_url(site + path, local(max_bytes, 0.5))


async def test_unreachable_url_is_reported() -> None:
    with pytest.raises(IngestFailed, match="could not fetch it"):
        await fetch_url("http://127.0.0.1:9/none", local(timeout_s=2))


def test_markdown_title_is_its_first_h1_else_the_file_name() -> None:
    from bot.rag.sources import extract

    assert extract(b"# Parley guide\n\n## Quiet hours\n\nText.", "md", "guide.md")[0] == (
        "Parley guide"
    )
    assert extract(b"Intro only.\n\n## A section\n\nText.", "md", "notes.md")[0] == "notes.md"
