"""HTTP errors as JSON: `HttpError` and the middleware that renders it (and ParleyErrors)."""

from __future__ import annotations

import logging

from aiohttp import web
from aiohttp.typedefs import Handler

from bot.errors import Conflict, InvalidInput, NotFound, ParleyError

log = logging.getLogger(__name__)
STATUS_OF: dict[type[ParleyError], int] = {NotFound: 404, InvalidInput: 400, Conflict: 409}


class HttpError(Exception):
    """A deliberate 4xx with a reason the client can act on."""

    def __init__(self, status: int, reason: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason
        self.headers = headers or {}


def status_for(exc: ParleyError) -> int:
    return next((s for t, s in STATUS_OF.items() if isinstance(exc, t)), 400)


@web.middleware
async def json_errors(request: web.Request, handler: Handler) -> web.StreamResponse:
    try:
        return await handler(request)
    except HttpError as exc:
        headers = {k: v for k, v in exc.headers.items() if k.lower() != "content-type"}
        return web.json_response({"error": exc.reason}, status=exc.status, headers=headers)
    except ParleyError as exc:
        return web.json_response({"error": str(exc)}, status=status_for(exc))
    except web.HTTPException as exc:
        if exc.status < 400:
            raise
        headers = {k: v for k, v in exc.headers.items() if k.lower() != "content-type"}
        return web.json_response({"error": exc.reason}, status=exc.status, headers=headers)
