"""`/api/v1/bots/{slug}/gaps`: knowledge gaps and citations per document; add an answer."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Any

from aiohttp import web
from pydantic import BaseModel, ConfigDict, Field

from bot.gaps import GapGroup, GapsReport, add_answer, gaps_report
from bot.gaps.citations import DocumentCitations
from bot.gaps.questions import LOW_SCORE
from channels.api.auth import creator_of
from channels.api.bodies import read_json
from channels.api.contract import Out, operation, read_query
from channels.api.knowledge import ANSWERS, KNOWLEDGE, ReplyOut, reply_json


class AnswerIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    question: str = Field(min_length=1, max_length=2000)
    answer: str = Field(min_length=1, max_length=20000)


class GapsQuery(BaseModel):
    """`since` a UTC day (YYYY-MM-DD); `low_score` the retrieval score below which an answer
    counts as weak (0..1)."""

    model_config = ConfigDict(allow_inf_nan=False)

    since: date | None = None
    low_score: float = Field(default=LOW_SCORE, ge=0.0, le=1.0)


class GapGroupOut(Out):
    question: str
    count: int
    examples: list[str]
    reasons: dict[str, int]
    last_asked_at: str | None
    answered_at: str | None


class CitedDocumentOut(Out):
    id: str
    title: str
    citations: int


class GapsOut(Out):
    groups: list[GapGroupOut]
    documents: list[CitedDocumentOut]
    never_cited: list[CitedDocumentOut]
    answered: list[GapGroupOut]


class AnsweredOut(Out):
    """The Q&A document made from the answer and the bot's reply to the question now."""

    document: str
    reply: ReplyOut
    cites_new_document: bool


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
    asked = read_query(request, GapsQuery)
    start = datetime.combine(asked.since, time(), UTC) if asked.since else None
    return start, asked.low_score


@operation("Knowledge gaps and citations per document", ok=GapsOut, query=GapsQuery, errors=(404,))
async def get_gaps(request: web.Request) -> web.Response:
    since, low_score = query_filters(request)
    report = await gaps_report(
        creator_of(request), request.match_info["slug"], since=since, low_score=low_score
    )
    return GapsOut.respond(report_json(report))


@operation(
    "Answer a gap: index the answer, ask the question again",
    ok=AnsweredOut,
    status=201,
    body=AnswerIn,
    errors=(404,),
)
async def post_answer(request: web.Request) -> web.Response:
    """Index the answer as a Q&A document now and ask the question again (201)."""
    await request.app[KNOWLEDGE].bot(creator_of(request), request.match_info["slug"])  # 404 first
    body = await read_json(request, AnswerIn)
    retested = await add_answer(
        request.app[KNOWLEDGE],
        request.app[ANSWERS],
        creator_of(request),
        request.match_info["slug"],
        question=body.question,
        answer=body.answer,
    )
    return AnsweredOut.respond(
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
