"""Public certificate pages: `/c/{code}` verifies (HTML, no sign-in) and
`/certificates/{token}.pdf` serves the PDF to whoever holds the link."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import jinja2
from aiohttp import web

from bot import certificates
from bot.certificates.pdf import render
from channels.http_errors import HttpError

TEMPLATES = jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=True,
)
TOKEN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
PUBLIC_URL = web.AppKey("certificates_public_url", str)


async def verify_page(request: web.Request) -> web.Response:
    code = request.match_info["code"]
    found = await certificates.by_code(code) if len(code) <= 16 else None
    html = TEMPLATES.get_template("verify.html").render(certificate=found, code=code[:16])
    headers = {"Cache-Control": "no-store", "X-Robots-Tag": "noindex"}
    return web.Response(
        text=html, content_type="text/html", status=200 if found else 404, headers=headers
    )


async def pdf(request: web.Request) -> web.Response:
    token = request.match_info["token"]
    found = await certificates.by_token(token) if TOKEN.match(token) else None
    if found is None:
        raise HttpError(404, "no such certificate")
    if found.revoked_at is not None:
        raise HttpError(410, "this certificate was revoked")
    verify_url = request.app[PUBLIC_URL].rstrip("/") + certificates.verify_path(found.code)
    # In a worker thread: reportlab's first import and the drawing would stall the event loop.
    body = await asyncio.to_thread(render, found, verify_url)
    return web.Response(
        body=body,
        content_type="application/pdf",
        headers={
            "Content-Disposition": f'inline; filename="certificate-{found.code}.pdf"',
            "Cache-Control": "private, no-store",
            "Referrer-Policy": "no-referrer",
        },
    )


def add_routes(app: web.Application, public_url: str) -> None:
    app[PUBLIC_URL] = public_url
    app.router.add_get("/c/{code}", verify_page)
    app.router.add_get("/certificates/{token}.pdf", pdf)
