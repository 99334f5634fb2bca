"""Form input for studio handlers: the posted fields as text, and where a safe redirect may go."""

from __future__ import annotations

from uuid import UUID

from aiohttp import web


async def fields(request: web.Request) -> dict[str, str]:
    """Text fields of a urlencoded or multipart form (files are left to the handler).

    Values are stripped, except passwords: a space in a password is part of it.
    """
    posted = await request.post()
    texts = {k: v for k, v in posted.items() if isinstance(v, str)}
    return {k: v if "password" in k else v.strip() for k, v in texts.items()}


def safe_next(target: str | None, default: str = "/studio/") -> str:
    """Only a path inside the studio: never another host (`//evil`, `https://...`)."""
    if target and target.startswith("/studio/") and not target.startswith("//"):
        return target
    return default


def client_address(request: web.Request) -> str:
    return request.remote or "unknown"


def object_id(request: web.Request, name: str) -> UUID:
    """A UUID from the URL; anything else names no object, so it is a 404 (never a 500)."""
    try:
        return UUID(request.match_info[name])
    except ValueError:
        raise web.HTTPNotFound(reason="no such object in this workspace") from None
