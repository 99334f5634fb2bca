"""`GET /media/{id}?exp=&sig=`: a stored file behind a signed, expiring URL (Twilio's MediaUrl,
the widget's images). No session: the signature is the permission."""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import UUID

from aiohttp import web

from bot.media import load_media, media_links
from channels.http_errors import HttpError


def disposition(name: str, kind: str) -> str:
    safe = "".join(c for c in name if c.isalnum() or c in "._- ")[:120] or "file"
    return f'{"inline" if kind == "image" else "attachment"}; filename="{safe}"'


async def serve_media(request: web.Request) -> web.Response:
    links, file_id = media_links.links, request.match_info["id"]
    exp, sig = request.query.get("exp", ""), request.query.get("sig", "")
    if links is None or not links.valid(file_id, exp, sig, datetime.now(UTC)):
        raise HttpError(403, "this media link is invalid or has expired", code="forbidden")
    try:
        row = await load_media(UUID(file_id))
    except ValueError:
        row = None
    if row is None:
        raise HttpError(404, "no such media file")
    headers = {
        "Content-Disposition": disposition(row.name, row.kind),
        "Cache-Control": "private, max-age=3600",
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": "default-src 'none'; sandbox",
    }
    content_type = row.mime_type if row.kind == "image" else "application/octet-stream"
    return web.Response(body=row.data, content_type=content_type, headers=headers)


def add_routes(app: web.Application) -> None:
    app.router.add_get("/media/{id}", serve_media)
