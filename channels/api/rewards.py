"""`/api/v1/certificates/{code}` (read, revoke) and
`/api/v1/bots/{slug}/programs/{code}/leaderboard` (read, turn on or off)."""

from __future__ import annotations

from typing import Any, Literal

from aiohttp import web
from pydantic import BaseModel, ConfigDict, Field

from bot import accounts, certificates, leaderboard
from bot.programs import service
from channels.api.auth import creator_of
from channels.api.bodies import read_json
from channels.api.clock import CLOCK
from channels.api.contract import Out, operation, read_query
from models import Certificate


class RevokeIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: str = Field(default="", max_length=255)


class LeaderboardIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    enabled: bool


class BoardQuery(BaseModel):
    period: Literal["week", "all"] = "week"


class CertificateOut(Out):
    code: str
    learner: str
    learner_name: str
    program_title: str
    creator_name: str
    issued_at: str
    revoked_at: str | None
    revoked_reason: str
    verify_path: str


class EntryOut(Out):
    rank: int
    name: str
    points: int
    learner: str


class LeaderboardOut(Out):
    program: str
    enabled: bool
    period: Literal["week", "all"]
    entries: list[EntryOut]


class LeaderboardSetOut(Out):
    program: str
    enabled: bool


def certificate_json(row: Certificate) -> dict[str, Any]:
    return {
        "code": row.code,
        "learner": str(row.user_id),
        "learner_name": row.learner_name,
        "program_title": row.program_title,
        "creator_name": row.creator_name,
        "issued_at": row.issued_at.isoformat(),
        "revoked_at": row.revoked_at.isoformat() if row.revoked_at else None,
        "revoked_reason": row.revoked_reason,
        "verify_path": certificates.verify_path(row.code),
    }


@operation("A certificate issued by this workspace", ok=CertificateOut, errors=(404,))
async def get_certificate(request: web.Request) -> web.Response:
    row = await certificates.of_creator(creator_of(request), request.match_info["code"])
    return CertificateOut.respond(certificate_json(row))


@operation("Revoke a certificate (idempotent)", ok=CertificateOut, body=RevokeIn, errors=(404,))
async def revoke_certificate(request: web.Request) -> web.Response:
    row = await certificates.of_creator(creator_of(request), request.match_info["code"])
    body = await read_json(request, RevokeIn)
    await certificates.revoke(row, reason=body.reason, now=request.app[CLOCK].now())
    return CertificateOut.respond(certificate_json(row))


async def _program(request: web.Request) -> Any:
    bot = await accounts.get_bot(creator_of(request), request.match_info["slug"])
    return await service.get_program(bot, request.match_info["code"])


@operation("A program's leaderboard", ok=LeaderboardOut, query=BoardQuery, errors=(404,))
async def get_leaderboard(request: web.Request) -> web.Response:
    program = await _program(request)
    period = read_query(request, BoardQuery).period
    entries = await leaderboard.standings(program, period, request.app[CLOCK].now())
    return LeaderboardOut.respond(
        {
            "program": program.code,
            "enabled": leaderboard.is_enabled(program),
            "period": period,
            "entries": [
                {"rank": e.rank, "name": e.name, "points": e.points, "learner": str(e.user_id)}
                for e in entries
            ],
        }
    )


@operation(
    "Turn a program's leaderboard on or off",
    ok=LeaderboardSetOut,
    body=LeaderboardIn,
    errors=(404,),
)
async def set_leaderboard(request: web.Request) -> web.Response:
    program = await _program(request)  # another's program: 404 before the body is read
    body = await read_json(request, LeaderboardIn)
    await leaderboard.set_enabled(program, body.enabled)
    return LeaderboardSetOut.respond({"program": program.code, "enabled": body.enabled})


def add_routes(app: web.Application) -> None:
    app.router.add_get("/api/v1/certificates/{code}", get_certificate)
    app.router.add_post("/api/v1/certificates/{code}/revoke", revoke_certificate)
    board = "/api/v1/bots/{slug}/programs/{code}/leaderboard"
    app.router.add_get(board, get_leaderboard)
    app.router.add_put(board, set_leaderboard)
