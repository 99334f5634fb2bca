"""When program sends happen for one learner: a bot's quiet hours, step due times, pause ends.

Pure functions over bot/schedule.py: the runner, the enrollment service and the scheduler all
read due times from here, so a step is due at the same instant whoever computes it.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.errors import InvalidInput
from bot.programs.schema import Step
from bot.schedule import QuietHours, due_at, parse_delay, parse_time, send_time

DEFAULT_QUIET = QuietHours()


def quiet_hours_of(settings: Mapping[str, Any] | None) -> QuietHours:
    """`Bot.settings["quiet_hours"]`: `{start: "21:00", end: "08:00"}` or `"21:00-08:00"`.

    Missing means the default 21:00-08:00; an equal start and end turns quiet hours off.
    """
    value = (settings or {}).get("quiet_hours")
    if value is None:
        return DEFAULT_QUIET
    if isinstance(value, str):
        start, sep, end = value.partition("-")
        if not sep:
            raise InvalidInput(f"quiet_hours {value!r}: write HH:MM-HH:MM, e.g. 21:00-08:00")
        return QuietHours(parse_time(start), parse_time(end))
    if isinstance(value, Mapping):
        return QuietHours(parse_time(str(value["start"])), parse_time(str(value["end"])))
    raise InvalidInput("quiet_hours: write {start: HH:MM, end: HH:MM} or 'HH:MM-HH:MM'")


def step_due(
    step: Step, *, enrolled_at: datetime, previous_at: datetime, tz: ZoneInfo, quiet: QuietHours
) -> datetime:
    """The UTC instant `step` is due. `on_complete` steps follow the learner's own action at
    once (they are chatting right now), every other schedule honours quiet hours."""
    schedule = step.schedule
    if schedule.on_complete:
        return previous_at
    anchor = enrolled_at if schedule.from_ == "enrollment" else previous_at
    return send_time(anchor, schedule.delay, tz, quiet)


def pause_end(text: str, now: datetime, tz: ZoneInfo) -> datetime | None:
    """`/pause 3d` -> the instant three local days from now; an empty argument -> None."""
    if not text.strip():
        return None
    delay = parse_delay(text)
    if delay.at is not None:
        raise InvalidInput(f"{text!r}: pause for a duration like 3d, 12h or 1d 6h")
    return due_at(now, delay, tz)
