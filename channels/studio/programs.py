"""Program pages: the bot's programs with enrollments and completion, import or edit a
definition (errors name the step and field), publish, badges, and a simulated preview."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from aiohttp import web
from pydantic import ValidationError

from bot.programs import service
from bot.programs.loader import Format, dump_text, format_of, load_text
from bot.programs.schema import ProgramInvalid
from channels.preview import PreviewIn, preview
from channels.studio.chooser import bot_of, section_page
from channels.studio.render import flash, render, wants_block
from channels.studio.security import current
from models import Bot, Program, ProgramVersion, Role

MAX_DEFINITION_BYTES = 1_000_000


def can_edit(request: web.Request) -> bool:
    return current(request).role in (Role.OWNER, Role.EDITOR)


async def programs_context(request: web.Request, bot: Bot, **extra: Any) -> dict[str, Any]:
    counts = await service.enrollment_counts(bot)
    rows = [
        {
            "program": p,
            "enrolled": counts.get(p.id, (0, 0))[0],
            "completed": counts.get(p.id, (0, 0))[1],
        }
        for p in await service.list_programs(bot)
    ]
    return {
        "bot": bot,
        "rows": rows,
        "can_edit": can_edit(request),
        "definition": "",
        "error": None,
    } | extra


async def programs_page(request: web.Request) -> web.StreamResponse:
    bot = await bot_of(request)
    return await render(request, "programs.html", await programs_context(request, bot))


async def posted_definition(request: web.Request) -> tuple[str, Format]:
    """The definition text from the uploaded file, else from the textarea."""
    posted = await request.post()
    upload = posted.get("file")
    if isinstance(upload, web.FileField) and upload.filename:
        data = upload.file.read(MAX_DEFINITION_BYTES + 1)
        if len(data) > MAX_DEFINITION_BYTES:
            raise ProgramInvalid(f"{upload.filename}: over {MAX_DEFINITION_BYTES} bytes")
        return data.decode("utf-8", "replace"), format_of(Path(upload.filename))
    text = str(posted.get("definition", ""))
    if not text.strip():
        raise ProgramInvalid("paste a program definition or choose a file")
    return text, "json" if text.lstrip().startswith("{") else "yaml"


async def import_program(request: web.Request) -> web.StreamResponse:
    bot = await bot_of(request)
    text = ""
    try:
        text, fmt = await posted_definition(request)
        program = await service.import_program(bot, load_text(text, fmt))
    except ProgramInvalid as exc:
        ctx = await programs_context(request, bot, definition=text, error=str(exc))
        return await render(request, "programs.html", ctx, status=400)
    await flash(request, f"Program {program.name} saved as a draft. Preview it, then publish.")
    raise web.HTTPFound(f"/studio/bots/{bot.slug}/programs/{program.code}")


async def program_context(
    request: web.Request, bot: Bot, program: Program, **extra: Any
) -> dict[str, Any]:
    draft = service.draft_of(program)
    latest = await ProgramVersion.filter(program_id=program.id, version=program.version).first()
    counts = (await service.enrollment_counts(bot)).get(program.id, (0, 0))
    return {
        "bot": bot,
        "program": program,
        "draft": draft,
        "definition": dump_text(draft, "yaml"),
        "unpublished": latest is None or latest.definition != draft.to_data(),
        "enrolled": counts[0],
        "completed": counts[1],
        "can_edit": can_edit(request),
        "error": None,
        "options": PreviewIn(tz=(bot.settings or {}).get("timezone") or "UTC").model_dump(),
        "option_errors": {},
        "events": None,
    } | extra


async def program_page(request: web.Request) -> web.StreamResponse:
    bot = await bot_of(request)
    program = await service.get_program(bot, request.match_info["code"])
    return await render(request, "program.html", await program_context(request, bot, program))


async def save_program(request: web.Request) -> web.StreamResponse:
    bot = await bot_of(request)
    program = await service.get_program(bot, request.match_info["code"])
    text = ""
    try:
        text, fmt = await posted_definition(request)
        saved = await service.import_program(bot, load_text(text, fmt))
    except ProgramInvalid as exc:
        ctx = await program_context(request, bot, program, definition=text, error=str(exc))
        return await render(request, "program.html", ctx, status=400)
    await flash(request, "Draft saved.")
    raise web.HTTPFound(f"/studio/bots/{bot.slug}/programs/{saved.code}")


async def publish_program(request: web.Request) -> web.StreamResponse:
    bot = await bot_of(request)
    version = await service.publish_program(bot, request.match_info["code"])
    await flash(request, f"Version {version.version} published; enrolled learners stay on theirs.")
    raise web.HTTPFound(f"/studio/bots/{bot.slug}/programs/{request.match_info['code']}")


async def preview_program(request: web.Request) -> web.StreamResponse:
    """A GET: it runs on a throwaway database in a child process and changes nothing here."""
    bot = await bot_of(request)
    program = await service.get_program(bot, request.match_info["code"])
    raw = {k: request.query[k] for k in ("days", "learners", "tz") if k in request.query}
    try:
        options = PreviewIn.model_validate(raw)
    except ValidationError as exc:
        errors = {
            str(e["loc"][0]): str(e["msg"]).removeprefix("Value error, ") for e in exc.errors()
        }
        ctx = await program_context(request, bot, program, option_errors=errors)
        ctx["options"] = ctx["options"] | raw
        return await render(request, "program.html", ctx, status=400)
    start = datetime.now(UTC).replace(second=0, microsecond=0)
    events = await preview(bot, program.code, options, start=start)
    ctx = await program_context(request, bot, program, options=options.model_dump(), events=events)
    block = "preview" if wants_block(request) else None
    return await render(request, "program.html", ctx, block=block)


def add_routes(app: web.Application) -> None:
    base = "/bots/{slug}/programs"
    app.router.add_get("/programs", section_page("programs", "Programs"), name="programs")
    app.router.add_get(base, programs_page, name="bot_programs")
    app.router.add_post(base, import_program)
    app.router.add_get(base + "/{code}", program_page, name="program")
    app.router.add_post(base + "/{code}", save_program)
    app.router.add_post(base + "/{code}/publish", publish_program)
    app.router.add_get(base + "/{code}/preview", preview_program)
