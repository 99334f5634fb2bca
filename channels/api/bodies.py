"""Reading untrusted request bodies: JSON into pydantic models, with 400/413/415 reasons."""

from __future__ import annotations

import json
from typing import Any, TypeVar

from aiohttp import web
from pydantic import BaseModel, ValidationError

from channels.http_errors import HttpError

M = TypeVar("M", bound=BaseModel)
MAX_JSON_BYTES = 1_000_000


def validation_reason(exc: ValidationError) -> str:
    first = exc.errors()[0]
    where = ".".join(str(p) for p in first["loc"]) or "body"
    return f"invalid request: {where}: {first['msg']}"


async def read_json(request: web.Request, model: type[M]) -> M:
    if request.content_type != "application/json":
        raise HttpError(415, "send JSON with 'Content-Type: application/json'")
    if (request.content_length or 0) > MAX_JSON_BYTES:
        raise HttpError(413, f"JSON body over {MAX_JSON_BYTES} bytes")
    raw = await request.read()
    try:
        data: Any = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise HttpError(400, f"malformed JSON: {exc}", code="invalid_json") from None
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise HttpError(400, validation_reason(exc)) from None
