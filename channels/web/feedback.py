"""The widget's rating endpoint body: a learner's thumbs on one bot reply (bot/ratings.py)."""

from __future__ import annotations

from typing import Any

from aiohttp import web
from pydantic import BaseModel, Field, ValidationError

from bot.ratings import MAX_COMMENT_CHARS, Rating, rate_reply
from channels.http_errors import HttpError
from models import Bot, ChannelType

SESSION_PATTERN = r"^[A-Za-z0-9_\-:.]{8,128}$"


class RatingIn(BaseModel):
    """`POST /widget/{bot}/messages/{message_id}/rating`; the session may also be in the query."""

    session: str | None = Field(default=None, pattern=SESSION_PATTERN)
    value: str = Field(max_length=8)
    comment: str | None = Field(default=None, max_length=MAX_COMMENT_CHARS)


async def parse_rating(request: web.Request) -> RatingIn:
    raw = await request.content.read(16 * 1024 + 1)
    if len(raw) > 16 * 1024:
        raise HttpError(413, "rating body too large")
    try:
        body = RatingIn.model_validate_json(raw or b"{}")
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "body"
        raise HttpError(400, f"invalid request: {where}: {first['msg']}") from None
    if body.session is None:
        body.session = request.query.get("session")
    if body.session is None:
        raise HttpError(400, "invalid request: session: required (in the body or the query)")
    return body


async def rate(request: web.Request, bot: Bot) -> dict[str, Any]:
    body = await parse_rating(request)
    rating = await rate_reply(
        bot,
        channel=ChannelType.WEB.value,
        external_user_id=str(body.session),
        message_id=request.match_info["message_id"],
        value=body.value,
        comment=body.comment,
    )
    return rating_json(rating)


def rating_json(rating: Rating) -> dict[str, Any]:
    return {
        "message_id": str(rating.message_id),
        "value": rating.value,
        "comment": rating.comment,
        "changed": rating.changed,
    }
