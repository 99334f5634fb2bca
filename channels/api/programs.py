"""`/api/v1/bots/{slug}/programs`: import, export, publish programs and enroll learners."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, Literal
from uuid import UUID

from aiohttp import web
from pydantic import BaseModel, ConfigDict, Field

from bot import accounts
from bot.errors import NotFound
from bot.programs import service
from bot.programs.loader import Format, load_text
from bot.programs.schema import ProgramDefinition
from channels.api.auth import creator_of
from channels.api.bodies import read_json
from channels.api.contract import Out, operation, read_query
from channels.http_errors import HttpError
from channels.preview import PreviewEvent, PreviewIn, preview
from models import Bot, ChannelAccount, Program, ProgramEnrollment

MAX_PROGRAM_BYTES = 1_000_000
YAML_TYPES = {"application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml"}


class EnrollIn(BaseModel):
    """Who to enroll: an end user id, or a channel identity (e.g. telegram + chat id)."""

    model_config = ConfigDict(extra="forbid")

    user: UUID | None = None  # unchecked, a non-UUID reached PostgreSQL as a 500
    channel: str | None = Field(default=None, pattern="^(web|telegram|whatsapp)$")
    external_id: str | None = Field(default=None, max_length=255)


class ProgramOut(Out):
    code: str
    title: str
    status: str
    version: int
    enrollments: int
    published_at: str | None


class ProgramsOut(Out):
    programs: list[ProgramOut]


class EnrollmentOut(Out):
    id: str
    user: str
    status: str
    current_step: str | None
    enrolled_at: str


class PreviewEventOut(Out):
    day: int
    local: str
    learner: str
    kind: str
    step: str | None
    text: str


class PreviewOut(Out):
    events: list[PreviewEventOut]


class ExportQuery(BaseModel):
    format: Literal["json", "yaml"] = "json"


DEFINITION = ProgramDefinition.model_json_schema(ref_template="#/$defs/{model}")
PROGRAM_BODIES = {t: DEFINITION for t in ("application/json", "application/yaml")}


def program_json(program: Program) -> dict[str, Any]:
    return {
        "code": program.code,
        "title": program.name,
        "status": program.status.value,
        "version": program.version,
        "enrollments": program.enrollment_count,
        "published_at": program.published_at.isoformat() if program.published_at else None,
    }


def enrollment_json(enrollment: ProgramEnrollment) -> dict[str, Any]:
    return {
        "id": str(enrollment.id),
        "user": str(enrollment.user_id),
        "status": enrollment.status.value,
        "current_step": enrollment.current_step,
        "enrolled_at": enrollment.enrolled_at.isoformat(),
    }


async def bot_of(request: web.Request) -> Bot:
    return await accounts.get_bot(creator_of(request), request.match_info["slug"])


@operation("List programs", ok=ProgramsOut, errors=(404,))
async def list_programs(request: web.Request) -> web.Response:
    programs = await service.list_programs(await bot_of(request))
    return ProgramsOut.respond({"programs": [program_json(p) for p in programs]})


@operation(
    "Import a program (JSON or YAML)",
    ok=ProgramOut,
    status=201,
    body_types=PROGRAM_BODIES,
    errors=(400, 404, 409, 413, 415),
)
async def import_program(request: web.Request) -> web.Response:
    bot = await bot_of(request)
    if (request.content_length or 0) > MAX_PROGRAM_BYTES:
        raise HttpError(413, f"program file over {MAX_PROGRAM_BYTES} bytes")
    fmt: Format
    if request.content_type in YAML_TYPES:
        fmt = "yaml"
    elif request.content_type == "application/json":
        fmt = "json"
    else:
        raise HttpError(415, "send the program as application/json or application/yaml")
    definition = load_text((await request.read()).decode("utf-8", "replace"), fmt)
    program = await service.import_program(bot, definition)
    return ProgramOut.respond(program_json(program), status=201)


@operation(
    "Export a program",
    ok=("application/json", "application/yaml"),
    query=ExportQuery,
    errors=(404,),
)
async def export_program(request: web.Request) -> web.Response:
    fmt: Format = read_query(request, ExportQuery).format
    text = await service.export_program(await bot_of(request), request.match_info["code"], fmt)
    return web.Response(text=text, content_type=f"application/{fmt}")


@operation("Publish a program", ok=ProgramOut, errors=(404, 409))
async def publish_program(request: web.Request) -> web.Response:
    bot = await bot_of(request)
    version = await service.publish_program(bot, request.match_info["code"])
    program = await service.get_program(bot, request.match_info["code"])
    return ProgramOut.respond(program_json(program) | {"version": version.version})


@operation("Enroll a learner", ok=EnrollmentOut, status=201, body=EnrollIn, errors=(404, 409))
async def enroll(request: web.Request) -> web.Response:
    bot = await bot_of(request)
    body = await read_json(request, EnrollIn)
    account = await find_learner(bot, body)
    user = await account.end_user
    enrollment = await service.enroll(user, request.match_info["code"], source="api")
    return EnrollmentOut.respond(enrollment_json(enrollment), status=201)


async def find_learner(bot: Bot, body: EnrollIn) -> ChannelAccount:
    query = ChannelAccount.for_creator(bot.creator_id).filter(bot_id=bot.id)
    if body.user:
        account = await query.filter(end_user_id=body.user).first()
    elif body.channel and body.external_id:
        account = await query.get_or_none(channel=body.channel, external_id=body.external_id)
    else:
        raise HttpError(400, "invalid request: give 'user', or 'channel' and 'external_id'")
    if account is None:
        raise NotFound("no such learner on this bot (they must have messaged the bot first)")
    return account


@operation("Preview a program's draft", ok=PreviewOut, body=PreviewIn, errors=(404,))
async def preview_program(request: web.Request) -> web.Response:
    """The draft run by scripted learners on a throwaway database: the timeline as JSON."""
    bot = await bot_of(request)
    options = await read_json(request, PreviewIn) if request.can_read_body else PreviewIn()
    start = datetime.now(UTC).replace(second=0, microsecond=0)
    events = await preview(bot, request.match_info["code"], options, start=start)
    return PreviewOut.respond({"events": [preview_json(e) for e in events]})


def preview_json(event: PreviewEvent) -> dict[str, Any]:
    return {
        "day": event.day,
        "local": event.local.isoformat(),
        "learner": event.learner,
        "kind": event.kind,
        "step": event.step,
        "text": event.text,
    }


def add_routes(app: web.Application) -> None:
    base = "/api/v1/bots/{slug}/programs"
    app.router.add_get(base, list_programs)
    app.router.add_post(base, import_program)
    app.router.add_get(base + "/{code}", export_program)
    app.router.add_post(base + "/{code}/publish", publish_program)
    app.router.add_post(base + "/{code}/enrollments", enroll)
    app.router.add_post(base + "/{code}/preview", preview_program)
