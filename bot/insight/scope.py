"""What an analytics request is about: one creator's bot (and maybe program), local days, zone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from uuid import UUID
from zoneinfo import ZoneInfo

from bot import accounts
from bot.errors import InvalidInput, NotFound
from bot.insight.localtime import LocalTime, day_bounds
from bot.metrics.days import DateRange
from bot.zones import creator_zone
from models import Bot, Program

DEFAULT_DAYS = 28


@dataclass(frozen=True)
class Scope:
    """A bot (and optionally one of its programs) over local days `span` in zone `tz`."""

    creator_id: UUID
    bot: Bot
    program: Program | None
    span: DateRange
    tz: ZoneInfo
    now: datetime

    @property
    def start(self) -> datetime:
        return day_bounds(self.span.first, self.span.last, self.tz)[0]

    @property
    def end(self) -> datetime:
        return day_bounds(self.span.first, self.span.last, self.tz)[1]

    @property
    def today(self) -> date:
        return self.now.astimezone(self.tz).date()

    def local(self) -> LocalTime:
        return LocalTime.of(self.tz, self.start - timedelta(days=7), self.end + timedelta(days=7))

    def query_string(self) -> str:
        program = f"&program={self.program.code}" if self.program else ""
        return f"bot={self.bot.slug}{program}&from={self.span.first}&to={self.span.last}"


async def bot_program(creator_id: UUID, slug: str, code: str | None) -> tuple[Bot, Program | None]:
    bot = await accounts.get_bot(creator_id, slug)
    if not code:
        return bot, None
    program = await Program.for_creator(creator_id).get_or_none(bot_id=bot.id, code=code)
    if program is None:
        raise NotFound(f"no program {code!r} on bot {slug!r}")
    return bot, program


async def resolve(
    creator_id: UUID,
    *,
    bot: str | None,
    program: str | None = None,
    first: str | None = None,
    last: str | None = None,
    now: datetime,
) -> Scope:
    """Validate a request's bot, program and local date range (default: the last 28 days)."""
    if not bot:
        raise InvalidInput("pass bot=SLUG")
    tz = await creator_zone(creator_id)
    if first or last:
        span = DateRange.parse(first, last)
    else:
        span = DateRange.ending(now.astimezone(tz).date(), DEFAULT_DAYS)
    found, chosen = await bot_program(creator_id, bot, program)
    return Scope(creator_id, found, chosen, span, tz, now)
