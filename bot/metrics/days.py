"""Local day windows and validated date ranges for rollups and metric queries.

A day is a local day of the workspace's time zone (`bot.zones.creator_zone`), [00:00, 24:00)
local time, as a half-open UTC interval (23 or 25 hours long on DST change days).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.errors import InvalidInput
from bot.schedule import localize

DAY = timedelta(days=1)
MAX_RANGE_DAYS = 366


def parse_day(text: str, *, name: str = "date") -> date:
    """A `YYYY-MM-DD` date, or InvalidInput naming the parameter."""
    try:
        return datetime.strptime(text.strip(), "%Y-%m-%d").date()
    except ValueError:
        raise InvalidInput(f"{name} must be a date as YYYY-MM-DD, got {text!r}") from None


def yesterday(now: datetime, tz: ZoneInfo | None = None) -> date:
    """The last complete local day (UTC by default) before `now`."""
    return now.astimezone(tz or UTC).date() - DAY


@dataclass(frozen=True)
class Window:
    """The half-open UTC interval [start, end) of one local day (UTC by default)."""

    start: datetime
    end: datetime

    @classmethod
    def of(cls, day: date, tz: ZoneInfo | None = None) -> Window:
        zone = tz or ZoneInfo("UTC")
        return cls(localize(day, time.min, zone), localize(day + DAY, time.min, zone))


@dataclass(frozen=True)
class DateRange:
    """Inclusive range of days, at most MAX_RANGE_DAYS long, first <= last."""

    first: date
    last: date

    def __post_init__(self) -> None:
        if self.first > self.last:
            raise InvalidInput(f"from ({self.first}) is after to ({self.last})")
        if len(self) > MAX_RANGE_DAYS:
            raise InvalidInput(f"a range covers at most {MAX_RANGE_DAYS} days, got {len(self)}")

    def __len__(self) -> int:
        return (self.last - self.first).days + 1

    @classmethod
    def parse(cls, first: str | None, last: str | None) -> DateRange:
        if not first or not last:
            raise InvalidInput("pass both from and to as YYYY-MM-DD")
        return cls(parse_day(first, name="from"), parse_day(last, name="to"))

    @classmethod
    def ending(cls, last: date, days: int) -> DateRange:
        if days < 1:
            raise InvalidInput(f"days must be at least 1, got {days}")
        return cls(last - (days - 1) * DAY, last)

    def days(self) -> list[date]:
        return [self.first + i * DAY for i in range(len(self))]
