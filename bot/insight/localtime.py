"""Local days, weeks and hours of a stored UTC timestamp, as SQL in either dialect.

PostgreSQL converts with `AT TIME ZONE` (its own tz database). SQLite has none: the range is cut
where the zone's UTC offset changes (DST) and each piece shifts by its own fixed offset.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from tortoise import connections

from bot.schedule import localize

STEP = timedelta(days=1)  # zones change offset at most once a day


def offset_minutes(at: datetime, tz: ZoneInfo) -> int:
    offset = at.astimezone(tz).utcoffset() or timedelta()
    return int(offset.total_seconds() // 60)


def changes(start: datetime, end: datetime, tz: ZoneInfo) -> list[tuple[datetime, int]]:
    """(from, offset) pieces covering [start, end): the offset changes only at each `from`."""
    pieces = [(start, offset_minutes(start, tz))]
    at = start
    while at < end:
        nxt = min(at + STEP, end)
        if offset_minutes(nxt, tz) != pieces[-1][1] and nxt < end:
            pieces.append((first_change(at, nxt, tz, pieces[-1][1]), offset_minutes(nxt, tz)))
        at = nxt
    return pieces


def first_change(low: datetime, high: datetime, tz: ZoneInfo, before: int) -> datetime:
    """The first minute in (low, high] whose offset differs from `before`."""
    while high - low > timedelta(minutes=1):
        mid = low + (high - low) / 2
        if offset_minutes(mid, tz) == before:
            low = mid
        else:
            high = mid
    return high.replace(second=0, microsecond=0)


def sql_instant(at: datetime) -> str:
    """A UTC instant as SQLite stores it (text comparison orders it like the column)."""
    return at.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S+00:00")


@dataclass(frozen=True)
class LocalTime:
    """SQL for local calendar parts of a timestamp column, valid for instants in [start, end)."""

    tz: ZoneInfo
    pieces: tuple[tuple[datetime, int], ...]
    postgres: bool

    @classmethod
    def of(cls, tz: ZoneInfo, start: datetime, end: datetime) -> LocalTime:
        dialect = connections.get("default").capabilities.dialect
        return cls(tz, tuple(changes(start, end, tz)), dialect == "postgres")

    def _pg(self, column: str) -> str:
        name = str(self.tz.key).replace("'", "")
        return f"({column} AT TIME ZONE '{name}')"

    def _sqlite(self, column: str, template: str) -> str:
        pieces = self.pieces
        shifted = [template.format(col=column, mod=f"'{m:+d} minutes'") for _, m in pieces]
        if len(pieces) == 1:
            return shifted[0]
        whens = [
            f"WHEN {column} < '{sql_instant(pieces[i + 1][0])}' THEN {shifted[i]}"
            for i in range(len(pieces) - 1)
        ]
        return f"(CASE {' '.join(whens)} ELSE {shifted[-1]} END)"

    def day(self, column: str) -> str:
        if self.postgres:
            return f"CAST({self._pg(column)} AS DATE)"
        return self._sqlite(column, "date({col}, {mod})")

    def week(self, column: str) -> str:
        """The Monday of the local ISO week."""
        if self.postgres:
            return f"CAST(date_trunc('week', {self._pg(column)}) AS DATE)"
        return self._sqlite(column, "date({col}, {mod}, '-6 days', 'weekday 1')")

    def hour(self, column: str) -> str:
        if self.postgres:
            return f"CAST(EXTRACT(HOUR FROM {self._pg(column)}) AS INTEGER)"
        return self._sqlite(column, "CAST(strftime('%H', {col}, {mod}) AS INTEGER)")


def as_date(value: date | str) -> date:
    """SQLite hands dates back as text, PostgreSQL as dates."""
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def day_bounds(first: date, last: date, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """UTC [start, end) of the local days first..last."""
    return localize(first, time(), tz), localize(last + timedelta(days=1), time(), tz)


def midnight(day: date, tz: ZoneInfo) -> datetime:
    """UTC instant of the local day's start."""
    return localize(day, time(), tz)


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def period_sql(start: datetime, end: datetime, tz: ZoneInfo, days: int, otherwise: str) -> str:
    """`otherwise` (SQL of a row's local day or week), or that period as a constant when the
    instants [start, end) lie within the `days` local days from start's: a live count is mostly
    of today or this week, and a constant spares a date conversion per row (both dialects read
    it back with `as_date`). `start` must be a period's first instant (a local midnight, a
    Monday's for weeks), as the tallies' `Kind.bounds` and a scope's start are: the constant is
    start's local date."""
    first = start.astimezone(tz).date()
    if end <= midnight(first + timedelta(days=days), tz):
        return f"'{first.isoformat()}'"
    return otherwise
