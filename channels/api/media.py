"""`POST /api/v1/media`: upload an image or file a program step (or a reply) can send."""

from __future__ import annotations

from aiohttp import web

from bot.media import MEDIA_PREFIX, save_media
from bot.media.store import MAX_BYTES
from channels.api.auth import creator_of
from channels.api.contract import Out, operation
from channels.api.knowledge import uploads
from channels.http_errors import HttpError


class MediaOut(Out):
    """`ref` is what a program step's `media` (or a reply) names to send this file."""

    id: str
    ref: str
    name: str
    kind: str
    mime_type: str
    size_bytes: int


UPLOAD = {
    "type": "object",
    "properties": {"file": {"type": "string", "format": "binary"}},
    "required": ["file"],
}


@operation(
    "Upload an image or file (multipart field `file`)",
    ok=MediaOut,
    status=201,
    body_types={"multipart/form-data": UPLOAD},
    errors=(400, 413, 415),
)
async def upload_media(request: web.Request) -> web.Response:
    if (request.content_length or 0) > MAX_BYTES + 64 * 1024:
        raise HttpError(413, f"file over the {MAX_BYTES}-byte limit")
    if not request.content_type.startswith("multipart/"):
        raise HttpError(415, "send the file as multipart/form-data field 'file'")
    (data, name), *rest = await uploads(request)
    if rest:
        raise HttpError(400, "invalid request: file: send one file at a time")
    row = await save_media(creator_of(request), data, name)
    body = {
        "id": str(row.id),
        "ref": f"{MEDIA_PREFIX}{row.id}",
        "name": row.name,
        "kind": row.kind,
        "mime_type": row.mime_type,
        "size_bytes": row.size_bytes,
    }
    return MediaOut.respond(body, status=201)


def add_routes(app: web.Application) -> None:
    app.router.add_post("/api/v1/media", upload_media)
