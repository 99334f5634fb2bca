"""Program previews: the `parley simulate` simulator run in a child process on a throwaway
SQLite database, so a preview never writes to (or holds the ORM of) the serving process.

The parent sends the bot's fields and the program's draft as JSON on stdin; the child prints
one JSON event per line. Used by the creator API and the studio's Programs page alike.
"""

from __future__ import annotations

import asyncio
import json
import secrets
import sys
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from bot.configuration import time_zone
from bot.errors import ParleyError
from bot.programs import service
from bot.programs.loader import dump_text, load_text
from bot.schedule import zone
from models import Bot

TIMEOUT_S = 120.0
BOT_FIELDS = ("slug", "name", "persona_name", "greeting", "sign_off", "settings")


class PreviewIn(BaseModel):
    """How long, how many learners and where: bounded so a preview stays a few seconds."""

    model_config = ConfigDict(extra="forbid")

    days: int = Field(default=7, ge=1, le=60)
    learners: int = Field(default=3, ge=1, le=10)
    tz: str = Field(default="UTC", max_length=64)

    @field_validator("tz")
    @classmethod
    def _zone(cls, value: str) -> str:
        return time_zone(value)


@dataclass(frozen=True)
class PreviewEvent:
    """One row of the preview timeline."""

    day: int
    local: datetime
    learner: str
    kind: str
    step: str
    text: str


class PreviewFailed(ParleyError):
    """The simulator could not run the program; the message says why."""


async def preview(
    bot: Bot, code: str, options: PreviewIn, *, start: datetime
) -> list[PreviewEvent]:
    """Run the draft of program `code` for `options.learners` scripted learners."""
    program = await service.get_program(bot, code)
    request = {
        "bot": {f: getattr(bot, f) for f in BOT_FIELDS},
        "definition": dump_text(service.draft_of(program), "json"),
        "days": options.days,
        "users": options.learners,
        "tz": options.tz,
        "start": start.isoformat(),
    }
    lines = await _run_child(json.dumps(request).encode())
    return [_event(json.loads(line), start, options.tz) for line in lines if line.strip()]


def _event(data: dict[str, Any], start: datetime, tz: str) -> PreviewEvent:
    local = datetime.fromisoformat(data["local"])
    day = (local.date() - start.astimezone(zone(tz)).date()).days + 1
    return PreviewEvent(day, local, data["user"], data["kind"], data["step"], data["text"])


async def _run_child(payload: bytes) -> list[str]:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "channels.preview",
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        out, err = await asyncio.wait_for(process.communicate(payload), TIMEOUT_S)
    except TimeoutError:
        process.kill()
        await process.wait()
        raise PreviewFailed(f"the preview took over {TIMEOUT_S:.0f} s; try fewer days") from None
    if process.returncode != 0:
        reason = err.decode(errors="replace").strip().splitlines() or ["no output"]
        raise PreviewFailed(f"the preview failed: {reason[-1]}")
    return out.decode().splitlines()


async def _child(request: dict[str, Any]) -> list[dict[str, Any]]:
    from tortoise import Tortoise

    from channels.cli.simulate import Source, simulate
    from models.db import close_db, init_db

    source = Source(request["bot"], load_text(request["definition"], "json"))
    with tempfile.TemporaryDirectory(prefix="parley-preview-") as tmp:
        await init_db(f"sqlite://{Path(tmp) / 'preview.sqlite3'}", secret_keys=[_throwaway()])
        await Tortoise.generate_schemas()
        try:
            events = await simulate(
                source,
                days=int(request["days"]),
                users=int(request["users"]),
                tz=str(request["tz"]),
                start=datetime.fromisoformat(request["start"]),
            )
        finally:
            await close_db()
    return [e.to_json() for e in events]


def _throwaway() -> str:
    return secrets.token_urlsafe(32)


def main() -> int:
    try:
        request = json.loads(sys.stdin.read())
        events = asyncio.run(_child(request))
    except (ParleyError, ValueError, KeyError) as exc:
        print(f"{exc}", file=sys.stderr)
        return 1
    for event in events:
        print(json.dumps(event, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
