"""Daily rollups against values recomputed from raw rows, retention/drop-off/nudge hand examples,
idempotent re-runs and creator isolation (both dialects)."""

from __future__ import annotations

import random
import statistics
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any
from uuid import UUID, uuid4

import pytest

from bot.errors import InvalidInput
from bot.metrics import DateRange, parse_day, rollup
from models import (
    Bot,
    Conversation,
    Creator,
    Direction,
    EndUser,
    EngagementMetric,
    Message,
    Program,
    ProgramAnalytic,
    SenderType,
    UserInteraction,
)
from models.analytics import dimensions_key
from tests import factories
from tests.factories import interaction

D0 = date(2024, 3, 10)
DAY = timedelta(days=1)
STEPS = ("s1", "s2", "s3")


async def new_creator(email: str | None = None) -> Creator:
    """A creator without the deliberately slow password hash: metrics never log anyone in."""
    return await Creator.create(email=email or f"{uuid4().hex[:10]}@example.com", password_hash="-")


def at(day: date, hour: int = 12, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=UTC)


async def user_on(bot: Bot, created: datetime) -> EndUser:
    return await EndUser.create(
        creator_id=bot.creator_id, bot=bot, channel="web", external_id=None, created_at=created
    )


async def event(
    user: EndUser, event_type: str, when: datetime, program: Program | None = None, **data: Any
) -> None:
    await interaction(user, event_type, when, program, **data).save()


async def program_on(bot: Bot, code: str = "habits") -> Program:
    steps = [{"id": s, "kind": "checkpoint"} for s in STEPS]
    return await Program.create(
        creator_id=bot.creator_id, bot=bot, code=code, name=code, flow_definition={"steps": steps}
    )


@dataclass
class Batch:
    """Rows of a simulated history, inserted in bulk at the end."""

    users: list[EndUser] = field(default_factory=list)
    conversations: list[Conversation] = field(default_factory=list)
    events: list[UserInteraction] = field(default_factory=list)
    messages: list[Message] = field(default_factory=list)

    def exchange(self, user: EndUser, conv: Conversation, when: datetime, reply_ms: int) -> None:
        """One inbound message and its reply: transcript rows plus the engine's two events."""
        common = {
            "conversation_id": conv.id,
            "bot_id": user.bot_id,
            "channel": "web",
            "content": "hi",
        }
        reply_at = when + timedelta(milliseconds=reply_ms)
        self.messages += [
            Message(
                **common, direction=Direction.INBOUND, sender_type=SenderType.USER, created_at=when
            ),
            Message(
                **common,
                direction=Direction.OUTBOUND,
                sender_type=SenderType.AI,
                created_at=reply_at,
                response_time_ms=reply_ms,
            ),
        ]
        self.events += [
            interaction(user, "message_received", when, message_type="text", command=None),
            interaction(user, "reply_sent", reply_at, response_time_ms=reply_ms),
        ]

    def follow(self, rng: random.Random, user: EndUser, program: Program, when: datetime) -> None:
        self.events.append(interaction(user, "program_enrolled", when, program, code=program.code))
        done = rng.choice([0, 1, 1, 2, 3, 3, 3])
        for step in STEPS[:done]:
            when += timedelta(hours=rng.randint(6, 30))
            self.events.append(
                interaction(
                    user,
                    "step_delivered",
                    when - timedelta(hours=2),
                    program,
                    step=step,
                    via="scheduled",
                )
            )
            if rng.random() < 0.6:
                nudge_at = when - timedelta(hours=rng.choice([1, 25]))
                self.events.append(
                    interaction(user, "nudge_sent", nudge_at, program, step=step, attempt=1)
                )
            self.events.append(
                interaction(user, "step_completed", when, program, step=step, kind="checkpoint")
            )
        if done == len(STEPS) and rng.random() < 0.8:
            self.events.append(interaction(user, "program_completed", when, program))

    async def save(self) -> None:
        await EndUser.bulk_create(self.users)
        await Conversation.bulk_create(self.conversations)
        await Message.bulk_create(self.messages)
        await UserInteraction.bulk_create(self.events)


@dataclass
class World:
    a: Creator
    b: Creator
    bots: list[Bot] = field(default_factory=list)
    program: Program | None = None


def simulate_user(rng: random.Random, batch: Batch, user: EndUser, program: Program | None) -> None:
    """Some days of chat from the user's first day to a random last day, maybe a program."""
    conv = Conversation(user_id=user.id, channel="web")
    batch.conversations.append(conv)
    first = user.created_at.date()
    last = first + rng.choice([0, 0, 1, 3, 6, 12]) * DAY
    active_days = [first + i * DAY for i in range((last - first).days + 1) if rng.random() < 0.7]
    for day in active_days:
        for _ in range(rng.randint(1, 3)):
            when = at(day, rng.randint(0, 22), rng.randint(0, 59))
            batch.exchange(user, conv, when, rng.randint(200, 4000))
    if program is not None and rng.random() < 0.9:
        batch.follow(rng, user, program, at(first, rng.randint(0, 23), 30))


async def build_world() -> World:
    rng = random.Random(20240310)
    world = World(a=await new_creator(), b=await new_creator())
    world.bots = [
        await factories.bot(world.a, "alpha-one"),
        await factories.bot(world.a, "alpha-two"),
        await factories.bot(world.b, "beta-one"),
    ]
    world.program = await program_on(world.bots[0])
    batch = Batch()
    for bot in world.bots:
        program = world.program if bot.id == world.program.bot_id else None
        for _ in range(24 if program else 10):
            created = at(D0 + rng.randint(-9, 3) * DAY, rng.randint(0, 23), rng.randint(0, 59))
            user = EndUser(
                creator_id=bot.creator_id, bot_id=bot.id, channel="web", created_at=created
            )
            batch.users.append(user)
            simulate_user(rng, batch, user, program)
    await batch.save()
    return world


# ---------------------------------------------------------------------------------------------
# The same definitions, computed naively in Python from every raw row.


@dataclass
class Raw:
    users: list[dict[str, Any]]
    events: list[dict[str, Any]]
    messages: list[dict[str, Any]]
    slugs: dict[UUID, str]

    @classmethod
    async def load(cls) -> Raw:
        return cls(
            users=await EndUser.all().values("id", "creator_id", "bot_id", "created_at"),
            events=await UserInteraction.all().values(
                "user_id",
                "bot_id",
                "interaction_type",
                "interaction_data",
                "created_at",
                "program_id",
            ),
            messages=await Message.all().values(
                "bot_id", "direction", "created_at", "response_time_ms"
            ),
            slugs=dict(await Bot.all().values_list("id", "slug")),
        )


def on(day: date, when: datetime) -> bool:
    return when.astimezone(UTC).date() == day


def pct(part: int, whole: int) -> Decimal:
    return (Decimal(100 * part) / whole).quantize(Decimal("0.01"))


def engagement_for(raw: Raw, bot_ids: set[UUID], day: date) -> dict[str, Decimal]:
    users = [u for u in raw.users if u["bot_id"] in bot_ids]
    received = [
        e
        for e in raw.events
        if e["bot_id"] in bot_ids and e["interaction_type"] == "message_received"
    ]
    active = {e["user_id"] for e in received if on(day, e["created_at"])}
    msgs = [m for m in raw.messages if m["bot_id"] in bot_ids and on(day, m["created_at"])]
    times = [m["response_time_ms"] for m in msgs if m["response_time_ms"] is not None]
    out: dict[str, Decimal] = {
        "active_users": Decimal(len(active)),
        "new_users": Decimal(sum(on(day, u["created_at"]) for u in users)),
        "messages_in": Decimal(sum(m["direction"] == Direction.INBOUND for m in msgs)),
        "messages_out": Decimal(sum(m["direction"] == Direction.OUTBOUND for m in msgs)),
    }
    if times:
        out["median_response_time_ms"] = Decimal(str(statistics.median(times))).quantize(
            Decimal("0.01")
        )
    for n in (1, 7, 30):
        cohort = {u["id"] for u in users if on(day - n * DAY, u["created_at"])}
        if cohort:
            out[f"retention_d{n}"] = pct(len(cohort & active), len(cohort))
    return out


def expected_engagement(raw: Raw, creator_id: UUID, day: date) -> dict[tuple[str, str], Decimal]:
    bots = {u["bot_id"] for u in raw.users if u["creator_id"] == creator_id}
    bots |= {b for b, _ in raw.slugs.items() if b in bots}
    expected = {(m, ""): v for m, v in engagement_for(raw, bots, day).items()}
    for bot_id in bots:
        slug = raw.slugs[bot_id]
        expected |= {(m, slug): v for m, v in engagement_for(raw, {bot_id}, day).items()}
    return expected


def program_events(raw: Raw, program: Program, kind: str) -> list[dict[str, Any]]:
    return [
        e for e in raw.events if e["program_id"] == program.id and e["interaction_type"] == kind
    ]


def expected_program(raw: Raw, program: Program, day: date) -> dict[tuple[str, str], Decimal]:
    end = at(day + DAY, 0)
    enrolled = program_events(raw, program, "program_enrolled")
    completed = program_events(raw, program, "program_completed")
    nudges = [e for e in program_events(raw, program, "nudge_sent") if on(day, e["created_at"])]
    ever_enrolled = {e["user_id"] for e in enrolled if e["created_at"] < end}
    ever_completed = {e["user_id"] for e in completed if e["created_at"] < end}
    out = {
        ("enrollments", ""): Decimal(
            len({e["user_id"] for e in enrolled if on(day, e["created_at"])})
        ),
        ("completions", ""): Decimal(
            len({e["user_id"] for e in completed if on(day, e["created_at"])})
        ),
        ("nudges_sent", ""): Decimal(len(nudges)),
    }
    if ever_enrolled:
        out[("completion_rate", "")] = pct(len(ever_completed), len(ever_enrolled))
    received = [e for e in raw.events if e["interaction_type"] == "message_received"]
    if nudges:
        replied = sum(
            any(
                r["user_id"] == n["user_id"]
                and n["created_at"] < r["created_at"] <= n["created_at"] + timedelta(hours=24)
                for r in received
            )
            for n in nudges
        )
        out[("nudge_reply_within_24h_rate", "")] = pct(replied, len(nudges))
    done = [e for e in program_events(raw, program, "step_completed") if e["created_at"] < end]
    recent = {
        e["user_id"]
        for e in raw.events
        if e["interaction_type"] in {"message_received", "step_completed", "quiz_answered"}
        and e["bot_id"] == program.bot_id
        and end - 7 * DAY <= e["created_at"] < end
    }
    last: dict[UUID, dict[str, Any]] = {}
    for e in sorted(done, key=lambda e: e["created_at"]):
        if e["user_id"] not in ever_completed | recent:
            last[e["user_id"]] = e
    for step in STEPS:
        users = {e["user_id"] for e in done if e["interaction_data"]["step"] == step}
        out[("funnel", step)] = Decimal(len(users))
        dropped = sum(e["interaction_data"]["step"] == step for e in last.values())
        out[("drop_off", step)] = Decimal(dropped)
    return out


async def stored_engagement(creator_id: UUID, day: date) -> dict[tuple[str, str], Decimal]:
    rows = await EngagementMetric.for_creator(creator_id).filter(date=day)
    return {(r.metric_type, r.dimensions.get("bot", "")): r.metric_value for r in rows}


async def stored_program(program: Program, day: date) -> dict[tuple[str, str], Decimal]:
    rows = await ProgramAnalytic.filter(program_id=program.id, date=day)
    return {(r.metric_type, r.dimensions.get("step", "")): r.metric_value for r in rows}


DAYS = [D0 + i * DAY for i in range(4)]


async def test_rollup_equals_values_recomputed_from_raw_rows(db: str) -> None:
    world = await build_world()
    assert world.program is not None
    await rollup(DAYS)
    raw = await Raw.load()
    seen: set[str] = set()
    for day in DAYS:
        for creator in (world.a, world.b):
            expected = expected_engagement(raw, creator.id, day)
            assert await stored_engagement(creator.id, day) == expected, (creator.email, day)
            seen |= {m for (m, _), v in expected.items() if v}
        expected_p = expected_program(raw, world.program, day)
        assert await stored_program(world.program, day) == expected_p, day
        seen |= {m for (m, _), v in expected_p.items() if v}
    # The generated data exercises every metric with a non-zero value somewhere.
    assert seen >= {
        "active_users",
        "new_users",
        "messages_in",
        "messages_out",
        "median_response_time_ms",
        "retention_d1",
        "retention_d7",
        "enrollments",
        "completions",
        "completion_rate",
        "funnel",
        "drop_off",
        "nudges_sent",
        "nudge_reply_within_24h_rate",
    }


async def test_rollups_are_scoped_to_each_creator(db: str) -> None:
    world = await build_world()
    await rollup(DAYS)
    a_bots = {b.id for b in world.bots[:2]}
    a_rows = await EngagementMetric.for_creator(world.a.id)
    b_rows = await EngagementMetric.for_creator(world.b.id)
    assert {r.bot_id for r in a_rows} == a_bots | {None}
    assert {r.bot_id for r in b_rows} == {world.bots[2].id, None}
    # B's totals are B's single bot, A's totals the sum of A's two bots.
    for day in DAYS:
        b_values = await stored_engagement(world.b.id, day)
        assert b_values[("messages_in", "")] == b_values[("messages_in", "beta-one")]
        a_values = await stored_engagement(world.a.id, day)
        assert a_values[("messages_in", "")] == (
            a_values[("messages_in", "alpha-one")] + a_values[("messages_in", "alpha-two")]
        )
    assert await ProgramAnalytic.for_creator(world.b.id).count() == 0


async def test_rerun_is_idempotent_and_updates_in_place(db: str) -> None:
    world = await build_world()
    first = await rollup(DAYS)
    before = {
        r.id: (r.metric_type, r.dimensions_key, r.metric_value)
        for r in await EngagementMetric.all()
    }
    before_p = {
        r.id: (r.metric_type, r.dimensions_key, r.metric_value) for r in await ProgramAnalytic.all()
    }
    second = await rollup(DAYS)
    assert {
        r.id: (r.metric_type, r.dimensions_key, r.metric_value)
        for r in await EngagementMetric.all()
    } == before
    assert {
        r.id: (r.metric_type, r.dimensions_key, r.metric_value) for r in await ProgramAnalytic.all()
    } == before_p
    assert sum(r.changes.created for r in first) == len(before) + len(before_p)
    assert [(r.changes.created, r.changes.updated, r.changes.deleted) for r in second] == [
        (0, 0, 0)
    ] * len(second)

    # New activity on D0 changes one value in place; nothing else moves.
    user = await user_on(world.bots[2], at(D0 - 5 * DAY))
    await event(user, "message_received", at(D0, 9))
    key = dimensions_key({})
    row = await EngagementMetric.get(
        creator_id=world.b.id, metric_type="active_users", date=D0, dimensions_key=key
    )
    [report] = await rollup([D0], creator_id=world.b.id)
    assert (report.changes.created, report.changes.updated, report.changes.deleted) == (0, 2, 0)
    again = await EngagementMetric.get(id=row.id)
    assert again.metric_value == row.metric_value + 1


async def test_rows_a_day_no_longer_produces_are_deleted(db: str) -> None:
    owner = await new_creator()
    bot = await factories.bot(owner, "solo-bot")
    newcomer = await user_on(bot, at(D0 - DAY))
    await event(newcomer, "message_received", at(D0, 8))
    await rollup([D0])
    assert (await stored_engagement(owner.id, D0))[("retention_d1", "")] == Decimal("100.00")
    await newcomer.delete()  # the cohort is gone: retention_d1 has no value any more
    [report] = await rollup([D0])
    stored = await stored_engagement(owner.id, D0)
    assert ("retention_d1", "") not in stored
    assert stored[("active_users", "")] == 0
    assert report.changes.deleted == 2  # the total and the bot's row


async def test_retention_on_a_hand_computed_example(db: str) -> None:
    owner = await new_creator()
    bot = await factories.bot(owner, "retention-bot")
    day = D0
    yesterday = [await user_on(bot, at(day - DAY, h)) for h in (1, 2, 3, 4)]
    week_ago = [await user_on(bot, at(day - 7 * DAY, h)) for h in (5, 6, 7)]
    today = await user_on(bot, at(day, 1))
    for user in (*yesterday[:3], week_ago[0], today):
        await event(user, "message_received", at(day, 10))
    await event(yesterday[3], "message_received", at(day - DAY, 23, 59))  # active D-1 only
    await event(week_ago[1], "message_received", at(day + DAY, 0))  # first second of D+1
    await event(week_ago[2], "reply_sent", at(day, 11))  # not a message from the user
    await rollup([day])
    stored = await stored_engagement(owner.id, day)
    assert stored[("retention_d1", "")] == Decimal("75.00")  # 3 of 4
    assert stored[("retention_d7", "")] == Decimal("33.33")  # 1 of 3
    assert ("retention_d30", "") not in stored  # nobody was new 30 days earlier
    assert stored[("active_users", "retention-bot")] == 5
    assert stored[("new_users", "")] == 1


async def test_drop_off_and_nudge_replies_on_a_hand_computed_example(db: str) -> None:
    owner = await new_creator()
    bot = await factories.bot(owner, "program-bot")
    program = await program_on(bot)
    day = D0
    quiet, chatty, finisher, stuck, fresh = [
        await user_on(bot, at(day - 20 * DAY)) for _ in range(5)
    ]
    for user, steps in ((quiet, 1), (chatty, 2), (finisher, 3), (stuck, 2), (fresh, 1)):
        await event(user, "program_enrolled", at(day - 15 * DAY), program)
        for i, step in enumerate(STEPS[:steps]):
            await event(user, "step_completed", at(day - (14 - i) * DAY), program, step=step)
    await event(finisher, "program_completed", at(day - 11 * DAY), program)
    await event(chatty, "message_received", at(day - 6 * DAY, 0))  # first second of the 7 days
    await event(stuck, "message_received", at(day - 7 * DAY, 23, 59))  # just before them
    # Nudges on D: replied within 24 h (twice by the same reply), too late, and not at all.
    for user, hour in ((quiet, 10), (quiet, 20), (stuck, 10), (fresh, 10)):
        await event(user, "nudge_sent", at(day, hour), program, step="s2", attempt=1)
    await event(quiet, "message_received", at(day + DAY, 9))
    await event(stuck, "message_received", at(day + DAY, 10, 1))
    await event(fresh, "message_received", at(day, 9))  # before the nudge
    await rollup([day])
    stored = await stored_program(program, day)
    assert stored[("funnel", "s1")] == 5
    assert stored[("funnel", "s2")] == 3
    assert stored[("funnel", "s3")] == 1
    assert stored[("drop_off", "s1")] == 1  # quiet; fresh wrote on D (before its nudge)
    assert stored[("drop_off", "s2")] == 1  # stuck; chatty wrote within the 7 days
    assert stored[("drop_off", "s3")] == 0  # finisher completed the program
    assert stored[("nudges_sent", "")] == 4
    assert stored[("nudge_reply_within_24h_rate", "")] == Decimal("50.00")
    assert stored[("completion_rate", "")] == Decimal("20.00")
    assert stored[("enrollments", "")] == 0


def test_dates_and_ranges_are_validated() -> None:
    assert parse_day("2024-02-29") == date(2024, 2, 29)
    for bad in ("2023-02-29", "yesterday", "2024/03/01", ""):
        with pytest.raises(InvalidInput, match="YYYY-MM-DD"):
            parse_day(bad)
    assert len(DateRange(date(2024, 1, 1), date(2024, 12, 31))) == 366
    with pytest.raises(InvalidInput, match="at most 366 days"):
        DateRange(date(2024, 1, 1), date(2025, 1, 1))
    with pytest.raises(InvalidInput, match="after"):
        DateRange.parse("2024-03-02", "2024-03-01")
    assert DateRange.ending(date(2024, 3, 2), 3).days() == [
        date(2024, 2, 29),
        date(2024, 3, 1),
        date(2024, 3, 2),
    ]
