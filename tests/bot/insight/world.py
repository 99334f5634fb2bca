"""A hand-built week of one bot in New York time (UTC-5 in January), with the figures each
analytics chart must show; shared by the service, API, studio and browser tests.

Range: Mon 2024-01-08 .. Sun 2024-01-14 local = UTC [01-08 05:00, 01-15 05:00).
Learners: A (local 01-08), B (UTC 01-09 03:00 = local 01-08 22:00: a day-boundary case),
C (UTC 01-15 03:00 = local 01-14, inside the range only in local time), D (UTC 01-08 04:00 =
local 01-07, outside), T (a test learner, never counted), X (another creator's learner).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from bot.programs import service as programs
from bot.programs.loader import load_file
from models import (
    Badge,
    Bot,
    Conversation,
    Creator,
    Direction,
    EndUser,
    EnrollmentStatus,
    LearnerStats,
    Message,
    Program,
    ProgramEnrollment,
    ProgramVersion,
    ScheduledSend,
    SenderType,
    SendStatus,
    StepProgress,
    UserBadge,
)
from tests import factories
from tests.factories import interaction

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "programs" / "focus-course.yaml"
FIRST, LAST = date(2024, 1, 8), date(2024, 1, 14)
NOW = datetime(2024, 1, 15, 12, 0, tzinfo=UTC)  # local 07:00 on Mon 01-15
RANGE = f"from={FIRST}&to={LAST}"
CODE = "focus-course"


def utc(day: int, hour: int, minute: int = 0, month: int = 1) -> datetime:
    return datetime(2024, month, day, hour, minute, tzinfo=UTC)


@dataclass
class World:
    creator: Creator
    bot: Bot
    program: Program
    users: dict[str, EndUser]
    other: Creator
    other_bot: Bot
    other_program: Program


async def learner(bot: Bot, name: str, created: datetime, *, test: bool = False) -> EndUser:
    user = await factories.end_user(bot, f"{name.lower()}-handle")
    user.display_name, user.created_at, user.is_test = name, created, test
    await user.save(update_fields=["display_name", "created_at", "is_test"])
    return user


async def said(user: EndUser, conv: Conversation, when: datetime, reply_ms: int | None) -> None:
    """An inbound message (with its event) and, when reply_ms is given, the bot's reply."""
    await interaction(user, "message_received", when).save()
    common: dict[str, Any] = {"conversation": conv, "bot_id": user.bot_id, "channel": "web"}
    await Message.create(
        **common,
        direction=Direction.INBOUND,
        sender_type=SenderType.USER,
        content="hi",
        created_at=when,
    )
    if reply_ms is not None:
        await Message.create(
            **common,
            direction=Direction.OUTBOUND,
            sender_type=SenderType.AI,
            content="hello",
            created_at=when + timedelta(seconds=1),
            response_time_ms=reply_ms,
        )


async def published(bot: Bot) -> tuple[Program, ProgramVersion]:
    program = await programs.import_program(bot, load_file(EXAMPLE))
    version = await programs.publish_program(bot, CODE)
    return await Program.get(id=program.id), version


async def enrol(
    program: Program,
    version: ProgramVersion,
    user: EndUser,
    at: datetime,
    step: str,
    *,
    last: datetime,
    status: EnrollmentStatus = EnrollmentStatus.ACTIVE,
) -> ProgramEnrollment:
    return await ProgramEnrollment.create(
        program=program,
        program_version=version,
        user=user,
        status=status,
        enrolled_at=at,
        current_step=step,
        current_step_at=at,
        last_activity_at=last,
    )


async def progress(
    enrollment: ProgramEnrollment,
    step: str,
    *,
    done: datetime | None = None,
    correct: bool | None = None,
) -> None:
    await StepProgress.create(
        enrollment=enrollment,
        step_id=step,
        delivered_at=enrollment.enrolled_at,
        completed_at=done,
        correct=correct,
        status="completed" if done else "delivered",
    )


async def nudge(enrollment: ProgramEnrollment, attempt: int, queued: datetime) -> None:
    await ScheduledSend.create(
        enrollment=enrollment,
        step_id="lesson-2",
        kind="nudge",
        attempt=attempt,
        due_at=queued,
        status=SendStatus.QUEUED,
        queued_at=queued,
    )


async def build_world(
    creator: Creator | None = None,
    bot: Bot | None = None,
    other: Creator | None = None,
    other_bot: Bot | None = None,
) -> World:
    """The week above in `creator`'s `bot` (new ones by default); X lives in `other_bot`."""
    creator = creator or await factories.creator()
    creator.settings = {"time_zone": "America/New_York"}
    await creator.save(update_fields=["settings"])
    bot = bot or await factories.bot(creator, "insight-bot")
    program, version = await published(bot)
    users = {
        "A": await learner(bot, "Ada", utc(8, 12)),
        "B": await learner(bot, "Bea", utc(9, 3)),
        "C": await learner(bot, "Cy", utc(15, 3)),
        "D": await learner(bot, "Dov", utc(8, 4)),
        "T": await learner(bot, "Tess", utc(10, 9), test=True),
    }
    await conversations(users)
    await enrolments(program, version, users)
    await engagement(bot, users)
    other = other or await factories.creator()
    other_bot = other_bot or await factories.bot(other, "other-bot")
    other_program, other_version = await published(other_bot)
    x = await learner(other_bot, "Xan", utc(9, 12))
    await said(x, await factories.conversation(x), utc(9, 12), 50)
    await enrol(
        other_program, other_version, x, utc(9, 12), "lesson-2", last=NOW - timedelta(days=9)
    )
    users["X"] = x
    return World(creator, bot, program, users, other, other_bot, other_program)


async def conversations(users: dict[str, EndUser]) -> None:
    conv = {k: await factories.conversation(u) for k, u in users.items()}
    conv["T"].is_test = True
    await conv["T"].save(update_fields=["is_test"])
    await said(users["A"], conv["A"], utc(8, 12), 100)
    await said(users["A"], conv["A"], utc(10, 15), 200)
    await said(users["A"], conv["A"], utc(16, 15), None)  # local 01-16: week 1 of its cohort
    await said(users["B"], conv["B"], utc(9, 3), 300)
    await said(users["B"], conv["B"], utc(9, 6), 400)
    await said(users["C"], conv["C"], utc(15, 3, 30), 1000)
    await said(users["D"], conv["D"], utc(8, 4, 30), 5000)  # local 01-07: outside
    await said(users["T"], conv["T"], utc(10, 9), 9999)  # a test learner


async def enrolments(program: Program, version: ProgramVersion, users: dict[str, EndUser]) -> None:
    a = await enrol(
        program, version, users["A"], utc(8, 12), "lesson-2", last=NOW - timedelta(days=5)
    )
    b = await enrol(
        program, version, users["B"], utc(9, 3), "lesson-2", last=NOW - timedelta(hours=1)
    )
    c = await enrol(
        program, version, users["C"], utc(15, 3, 30), "lesson-1", last=NOW - timedelta(hours=1)
    )
    d = await enrol(
        program,
        version,
        users["D"],
        utc(8, 4),
        "lesson-2",
        last=NOW - timedelta(days=10),
        status=EnrollmentStatus.PAUSED,
    )
    for e in (a, b, d):
        await progress(e, "lesson-1", done=e.enrolled_at + timedelta(minutes=5))
        await progress(e, "lesson-2")
    await progress(c, "lesson-1")
    await progress(a, "lesson-2-quiz", done=utc(10, 15), correct=True)
    await progress(b, "lesson-2-quiz", done=utc(9, 6), correct=False)
    await nudge(a, 1, utc(9, 14))  # local 09:00; A writes 25 h later: no reply in 24 h
    await nudge(b, 1, utc(9, 5, 30))  # local 00:30; B writes at 06:00: a reply
    await nudge(a, 2, utc(10, 14, 30))  # local 09:30; A writes at 15:00: a reply


async def engagement(bot: Bot, users: dict[str, EndUser]) -> None:
    today = date(2024, 1, 15)
    for key, days, last in (
        ("A", 4, today - timedelta(days=1)),
        ("B", 2, today),
        ("C", 1, today - timedelta(days=3)),
    ):
        await LearnerStats.create(
            user=users[key], streak_days=days, last_active_day=last, points=10 * days
        )
    badge = await Badge.create(
        creator_id=bot.creator_id, bot=bot, code="early-bird", name="Early bird", criteria={}
    )
    await UserBadge.create(user=users["A"], badge=badge, earned_at=utc(9, 12))
    await UserBadge.create(user=users["B"], badge=badge, earned_at=utc(16, 12))  # after the range


# What each chart must show for the range (columns as the charts name them).
DAILY = {  # date: active, in, out, new
    "2024-01-08": [2, 2, 2, 2],
    "2024-01-09": [1, 1, 1, 0],
    "2024-01-10": [1, 1, 1, 0],
    "2024-01-14": [1, 1, 1, 1],
}
FUNNEL_HEAD = [
    ["lesson-1", 3, 2, None, 1, 0],
    ["lesson-2", 2, 0, 33.3, 3, 2],
    ["lesson-2-quiz", 2, 2, 0.0, 0, 0],
    ["lesson-3", 0, 0, 100.0, 0, 0],
]
