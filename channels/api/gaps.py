"""`/api/v1/bots/{slug}/gaps`: knowledge gaps and citations per document; add an answer."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from aiohttp import web
from pydantic import BaseModel, ConfigDict, Field

from bot.gaps import GapGroup, GapsReport, add_answer, gaps_report
from bot.gaps.citations import DocumentCitations
from bot.gaps.questions import LOW_SCORE
from channels.api.auth import creator_of
from channels.api.bodies import read_json
from channels.api.knowledge import ANSWERS, KNOWLEDGE, reply_json
from channels.http_errors import HttpError


class AnswerIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    question: str = Field(min_length=1, max_length=2000)
    answer: str = Field(min_length=1, max_length=20000)


def group_json(group: GapGroup) -> dict[str, Any]:
    return {
        "question": group.question,
        "count": group.count,
        "examples": group.examples,
        "reasons": dict(group.reasons),
        "last_asked_at": group.last_asked_at.isoformat() if group.last_asked_at else None,
        "answered_at": group.answered_at.isoformat() if group.answered_at else None,
    }


def document_json(doc: DocumentCitations) -> dict[str, Any]:
    return {"id": doc.document_id, "title": doc.title, "citations": doc.citations}


def report_json(report: GapsReport) -> dict[str, Any]:
    return {
        "groups": [group_json(g) for g in report.groups],
        "documents": [document_json(d) for d in report.documents],
        "never_cited": [document_json(d) for d in report.never_cited],
        "answered": [group_json(g) for g in report.answered],
    }


def query_filters(request: web.Request) -> tuple[datetime | None, float]:
    """`since` (YYYY-MM-DD, UTC) and `low_score` (0..1) from the query string, or a 400."""
    since, low = request.query.get("since"), request.query.get("low_score")
    try:
        start = datetime.fromisoformat(since).replace(tzinfo=UTC) if since else None
        threshold = float(low) if low else LOW_SCORE
    except ValueError:
        raise HttpError(400, "invalid request: since=YYYY-MM-DD, low_score=a number") from None
    if not 0.0 <= threshold <= 1.0:
        raise HttpError(400, "invalid request: low_score must be from 0 to 1")
    return start, threshold


async def get_gaps(request: web.Request) -> web.Response:
    since, low_score = query_filters(request)
    report = await gaps_report(
        creator_of(request), request.match_info["slug"], since=since, low_score=low_score
    )
    return web.json_response(report_json(report))


async def post_answer(request: web.Request) -> web.Response:
    """Index the answer as a Q&A document now and ask the question again (201)."""
    body = await read_json(request, AnswerIn)
    retested = await add_answer(
        request.app[KNOWLEDGE],
        request.app[ANSWERS],
        creator_of(request),
        request.match_info["slug"],
        question=body.question,
        answer=body.answer,
    )
    return web.json_response(
        {
            "document": retested.document_id,
            "reply": reply_json(retested.reply),
            "cites_new_document": retested.cites_it,
        },
        status=201,
    )


def add_routes(app: web.Application) -> None:
    app.router.add_get("/api/v1/bots/{slug}/gaps", get_gaps)
    app.router.add_post("/api/v1/bots/{slug}/gaps/answers", post_answer)
