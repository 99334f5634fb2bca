"""UTC day windows and validated date ranges for rollups and metric queries.

Day boundaries are UTC days, [00:00, 24:00) UTC; per-creator time zones are future work.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from bot.errors import InvalidInput

DAY = timedelta(days=1)
MAX_RANGE_DAYS = 366


def parse_day(text: str, *, name: str = "date") -> date:
    """A `YYYY-MM-DD` date, or InvalidInput naming the parameter."""
    try:
        return datetime.strptime(text.strip(), "%Y-%m-%d").date()
    except ValueError:
        raise InvalidInput(f"{name} must be a date as YYYY-MM-DD, got {text!r}") from None


def yesterday(now: datetime) -> date:
    """The last complete UTC day before `now`."""
    return now.astimezone(UTC).date() - DAY


@dataclass(frozen=True)
class Window:
    """The half-open UTC interval [start, end) of one day."""

    start: datetime
    end: datetime

    @classmethod
    def of(cls, day: date) -> Window:
        start = datetime.combine(day, time.min, tzinfo=UTC)
        return cls(start, start + DAY)


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
