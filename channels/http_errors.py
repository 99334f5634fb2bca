"""HTTP errors in one JSON shape: `{"error": {"code": "<stable code>", "message": "..."}}`.

Every handler (the creator API, the widget, the webhooks) answers errors in this shape: by
raising `HttpError` or a `ParleyError` (the `json_errors` middleware renders them), or, where a
handler runs without the middleware, by returning `error_response`. `code` is stable for
clients to branch on; `message` is for people and may change.
"""

from __future__ import annotations

import logging

from aiohttp import web
from aiohttp.http_exceptions import HttpProcessingError
from aiohttp.typedefs import Handler

from bot.errors import Conflict, InvalidInput, NotFound, ParleyError

log = logging.getLogger(__name__)
STATUS_OF: dict[type[ParleyError], int] = {NotFound: 404, InvalidInput: 400, Conflict: 409}
CODE_OF_STATUS = {
    400: "invalid_request",
    401: "unauthenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    410: "gone",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "unprocessable",
    429: "rate_limited",
    500: "internal_error",
    503: "unavailable",
}
CODE_OF_ERROR: dict[type[ParleyError], str] = {
    NotFound: "not_found",
    InvalidInput: "invalid_request",
    Conflict: "conflict",
}


class HttpError(Exception):
    """A deliberate 4xx with a stable code and a reason the client can act on."""

    def __init__(
        self,
        status: int,
        reason: str,
        headers: dict[str, str] | None = None,
        *,
        code: str | None = None,
    ) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason
        self.headers = headers or {}
        self.code = code or code_for_status(status)


def code_for_status(status: int) -> str:
    return CODE_OF_STATUS.get(status, "client_error" if status < 500 else "server_error")


def status_for(exc: ParleyError) -> int:
    return next((s for t, s in STATUS_OF.items() if isinstance(exc, t)), 400)


def code_for(exc: ParleyError) -> str:
    return next((c for t, c in CODE_OF_ERROR.items() if isinstance(exc, t)), "invalid_request")


def error_body(code: str, message: str) -> dict[str, dict[str, str]]:
    return {"error": {"code": code, "message": message}}


def error_response(
    status: int, message: str, *, code: str | None = None, headers: dict[str, str] | None = None
) -> web.Response:
    """The error shape every handler answers with."""
    kept = {k: v for k, v in (headers or {}).items() if k.lower() != "content-type"}
    body = error_body(code or code_for_status(status), message)
    return web.json_response(body, status=status, headers=kept)


@web.middleware
async def json_errors(request: web.Request, handler: Handler) -> web.StreamResponse:
    try:
        return await handler(request)
    except HttpError as exc:
        return error_response(exc.status, exc.reason, code=exc.code, headers=exc.headers)
    except ParleyError as exc:
        return error_response(status_for(exc), str(exc), code=code_for(exc))
    except web.HTTPException as exc:
        if exc.status < 400:
            raise
        return error_response(exc.status, exc.reason, headers=dict(exc.headers))
    except HttpProcessingError as exc:  # a body aiohttp cannot parse (e.g. bad multipart headers)
        return error_response(400, f"malformed request body: {exc.message}", code="malformed_body")
    except Exception:  # the HTTP boundary: a bug answers in the same shape, with a traceback logged
        log.exception("%s %s failed", request.method, request.path)
        return error_response(500, "internal error: the server logged it; try again later")
