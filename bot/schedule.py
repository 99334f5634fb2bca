"""Pure time rules for programs: schedule expressions, local due times, quiet hours, nudges.

Every function takes and returns tz-aware datetimes; results are in UTC. Local wall times are
resolved the way RFC 5545 resolves them: a time that does not exist (a DST gap) is read with the
offset in force before the gap, so 02:30 on a spring-forward night becomes 03:30; a time that
happens twice (a DST fold) means its first occurrence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.errors import InvalidInput

_EXPRESSION = re.compile(
    r"^\s*(?:(?P<days>\d+)\s*d)?\s*(?:(?P<hours>\d+)\s*h)?\s*(?:(?P<minutes>\d+)\s*m)?"
    r"\s*(?:at\s+(?P<at>\d{1,2}:\d{2}))?\s*$"
)


@dataclass(frozen=True)
class Delay:
    """A parsed `after:` expression: local calendar days, then elapsed time or a wall-clock time.

    `1d at 09:00` is 09:00 local on the next local day; `2d` is the same wall time two local
    days later; `3h` and `90m` are elapsed time. `at` cannot be combined with hours/minutes.
    """

    days: int = 0
    elapsed: timedelta = timedelta(0)
    at: time | None = None


@dataclass(frozen=True)
class QuietHours:
    """Local hours in which nothing is sent; `start > end` wraps midnight, `start == end` is off."""

    start: time = time(21, 0)
    end: time = time(8, 0)

    def contains(self, local: time) -> bool:
        if self.start == self.end:
            return False
        if self.start < self.end:
            return self.start <= local < self.end
        return local >= self.start or local < self.end


def parse_time(text: str) -> time:
    """`HH:MM` (24-hour) -> time, or InvalidInput naming the bad value."""
    match = re.fullmatch(r"(\d{1,2}):(\d{2})", text.strip())
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        raise InvalidInput(f"{text!r} is not a time of day: use HH:MM, 00:00 to 23:59")
    return time(int(match[1]), int(match[2]))


def parse_delay(text: str) -> Delay:
    """Parse `1d at 09:00`, `2d`, `3h`, `1d 6h`, `90m`, `0d at 18:30`."""
    match = _EXPRESSION.match(text)
    if not match or not any(match.groupdict().values()):
        raise InvalidInput(
            f"{text!r} is not a delay: write e.g. '1d at 09:00', '2d', '3h' or '30m'"
        )
    days, hours, minutes, at = (match[g] for g in ("days", "hours", "minutes", "at"))
    if at and (hours or minutes):
        raise InvalidInput(f"{text!r}: use either 'at HH:MM' or hours/minutes, not both")
    elapsed = timedelta(hours=int(hours or 0), minutes=int(minutes or 0))
    return Delay(days=int(days or 0), elapsed=elapsed, at=parse_time(at) if at else None)


def zone(name: str) -> ZoneInfo:
    """An IANA time zone, or InvalidInput naming it."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidInput(
            f"unknown time zone {name!r}: use an IANA name like Europe/Berlin"
        ) from None


def localize(day: date, wall: time, tz: ZoneInfo) -> datetime:
    """The UTC instant of a local wall time (gap: offset before it; fold: first occurrence)."""
    return datetime.combine(day, wall, tzinfo=tz).replace(fold=0).astimezone(UTC)


def due_at(anchor: datetime, delay: Delay, tz: ZoneInfo) -> datetime:
    """When a step scheduled `delay` after `anchor` is due, for a learner living in `tz`."""
    local = anchor.astimezone(tz)
    if delay.at is not None:
        due = localize(local.date() + timedelta(days=delay.days), delay.at, tz)
        # `0d at 09:00` after 10:00 means tomorrow at 09:00: a step is never due in the past.
        return due if due >= anchor else localize(local.date() + timedelta(days=1), delay.at, tz)
    wall = localize(local.date() + timedelta(days=delay.days), local.time(), tz)
    return wall + delay.elapsed


def outside_quiet_hours(when: datetime, tz: ZoneInfo, quiet: QuietHours) -> datetime:
    """`when`, or the first allowed minute after it when it falls inside quiet hours."""
    local = when.astimezone(tz)
    if not quiet.contains(local.time().replace(second=0, microsecond=0)):
        return when.astimezone(UTC)
    wraps_today = quiet.start > quiet.end and local.time() >= quiet.start
    end_day = local.date() + timedelta(days=1 if wraps_today else 0)
    return localize(end_day, quiet.end, tz)


def send_time(
    anchor: datetime, delay: Delay, tz: ZoneInfo, quiet: QuietHours | None = None
) -> datetime:
    """The UTC instant a scheduled step is actually sent: due time, then quiet hours applied."""
    due = due_at(anchor, delay, tz)
    return due if quiet is None else outside_quiet_hours(due, tz, quiet)


def nudge_times(
    delivered_at: datetime,
    after_hours: Sequence[float],
    tz: ZoneInfo,
    quiet: QuietHours | None = None,
) -> list[datetime]:
    """When each reminder of a ladder is sent: N hours after delivery, outside quiet hours."""
    times = [delivered_at.astimezone(UTC) + timedelta(hours=h) for h in after_hours]
    return times if quiet is None else [outside_quiet_hours(t, tz, quiet) for t in times]
