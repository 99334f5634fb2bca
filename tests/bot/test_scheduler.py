"""The scheduler on a fast-forwarded clock: local due times, quiet hours, nudges, pauses, crashes,
and two sweepers at once — ledger rows queued exactly once, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from tortoise import connections
from tortoise.models import Model
from tortoise.transactions import in_transaction

from bot.delivery.bulk import Params
from bot.messages import ChannelName
from bot.programs import service, sweep
from bot.programs.schema import validate_definition
from bot.programs.simulation import Script, Simulation
from models import (
    ChannelAccount,
    ChannelType,
    Conversation,
    EndUser,
    EnrollmentStatus,
    Message,
    OutboxMessage,
    ScheduledSend,
    SendStatus,
    StepProgress,
    UserInteraction,
)
from tests.bot.programs.program_world import (
    World,
    enrollment_of,
    events,
    make_world,
    publish,
    quiz_program,
)

WHATSAPP = ChannelName.WHATSAPP
TEMPLATE = {"content_sid": "HX" + "ab" * 16, "variables": {"1": "Day"}}


def daily(code: str = "daily", days: int = 3) -> dict[str, Any]:
    steps: list[dict[str, Any]] = [
        {"id": "hello", "kind": "lesson", "text": "Hello!", "buttons": ["Go"]}
    ]
    steps += [
        {
            "id": f"day-{n}",
            "kind": "checkpoint",
            "title": f"Day {n}",
            "text": f"Day {n} task.",
            "schedule": {"after": f"{n}d at 09:00", "from": "enrollment"},
        }
        for n in range(1, days + 1)
    ]
    return {"code": code, "title": "Daily", "steps": steps}


async def simulate(world: World, code: str, tz: str, days: int) -> list[Any]:
    definition = validate_definition((await service.get_program(world.bot, code)).flow_definition)
    sim = Simulation(world.engine, world.scheduler, world.clock, world.bot, definition)
    await sim.add_learner("ann", Script(reply_after=timedelta(minutes=10)), tz)
    return await sim.run(world.clock.now() + timedelta(days=days))


@pytest.mark.parametrize(
    ("tz", "start", "expected"),
    [
        (  # UTC-7 then UTC-8: DST ends on 2026-11-01 at 02:00 local
            "America/Los_Angeles",
            datetime(2026, 10, 30, 17, 0, tzinfo=UTC),
            ["2026-10-31T16:00:00+00:00", "2026-11-01T17:00:00+00:00", "2026-11-02T17:00:00+00:00"],
        ),
        (
            "Asia/Kolkata",
            datetime(2026, 3, 2, 4, 30, tzinfo=UTC),
            ["2026-03-03T03:30:00+00:00", "2026-03-04T03:30:00+00:00", "2026-03-05T03:30:00+00:00"],
        ),
    ],
)
async def test_steps_arrive_at_nine_local_on_the_right_days(
    db: str, tz: str, start: datetime, expected: list[str]
) -> None:
    world = await make_world(start)
    await publish(world, daily())
    timeline = await simulate(world, "daily", tz, days=4)

    steps = [e for e in timeline if e.kind == "step" and e.step.startswith("day-")]
    assert [e.at.isoformat() for e in steps] == expected
    assert {e.local.strftime("%H:%M") for e in steps} == {"09:00"}
    assert [e.kind for e in timeline if e.kind == "completion"] == ["completion"]
    # scheduled steps went through the ledger into the outbox, in the learner's conversation
    outbox = await OutboxMessage.filter(idempotency_key__startswith="sched:").order_by("created_at")
    assert [o.payload["text"].split("\n")[0] for o in outbox] == ["Day 1", "Day 2", "Day 3"]
    message = await Message.get(id=outbox[0].message_id)
    assert message.metadata["step"] == "day-1" and message.content.startswith("Day 1")


async def test_nothing_is_sent_in_quiet_hours(db: str) -> None:
    start = datetime(2026, 3, 2, 18, 0, tzinfo=UTC)  # 10:00 PST
    world = await make_world(start, settings={"quiet_hours": "20:00-09:30"})
    program = daily("late")
    program["steps"][1]["schedule"] = {"after": "1d at 23:00", "from": "enrollment"}
    program["steps"][1]["nudges"] = [{"after_hours": 11, "text": "Psst."}]
    await publish(world, program)
    definition = validate_definition(program)
    sim = Simulation(world.engine, world.scheduler, world.clock, world.bot, definition)
    learner = await sim.add_learner("ann", Script(), "America/Los_Angeles")
    timeline = await sim.run(start + timedelta(days=4))

    sent = [e for e in timeline if e.kind in {"step", "nudge"}]
    day1 = next(e for e in sent if e.step == "day-1")
    assert day1.local.isoformat() == "2026-03-04T09:30:00-08:00"  # 23:00 moved to 09:30
    assert all((9, 30) <= (e.local.hour, e.local.minute) < (20, 0) for e in sent)
    # the nudge due at 20:30 local was moved to the next allowed minute (then the reply came)
    nudge = await ScheduledSend.get(enrollment__user_id=learner.user.id, kind="nudge")
    assert nudge.due_at == datetime(2026, 3, 5, 17, 30, tzinfo=UTC)  # 09:30 PST
    assert (nudge.status, nudge.reason) == (SendStatus.CANCELLED, "learner replied")


async def test_a_send_falling_due_inside_quiet_hours_waits_for_the_morning(db: str) -> None:
    late = datetime(2026, 3, 3, 7, 0, tzinfo=UTC)  # 23:00 in Los Angeles
    world = await make_world(late)
    await publish(world, daily())
    user = await world.learner("ann", "America/Los_Angeles")
    await service.enroll(user, "daily", source="api", now=late)  # the API: nothing inline

    report = await world.scheduler.sweep_once(late)
    assert (report.queued, report.deferred) == (0, 1)
    row = await ScheduledSend.get(enrollment__user_id=user.id, step_id="hello")
    assert row.due_at == datetime(2026, 3, 3, 16, 0, tzinfo=UTC)  # 08:00 PST
    assert (await world.scheduler.sweep_once(row.due_at)).steps == 1
    assert await events(user, "step_delivered") == [
        {"step": "hello", "kind": "lesson", "via": "scheduled"}
    ]


async def test_nudge_ladder_runs_then_stops_when_the_learner_replies(db: str) -> None:
    start = datetime(2026, 3, 2, 16, 0, tzinfo=UTC)  # 08:00 PST
    world = await make_world(start)
    program = quiz_program()
    program["steps"][2]["nudges"][2]["template"] = TEMPLATE
    await publish(world, program)
    ann = await world.learner("ann", "America/Los_Angeles", ChannelType.WHATSAPP)
    bob = await world.learner("bob", "America/Los_Angeles", ChannelType.WHATSAPP)
    for name in ("ann", "bob"):
        await world.say(name, "join mini", channel=WHATSAPP)
        await world.say(name, payload="next:intro", channel=WHATSAPP)
        await world.say(name, payload="quiz:check:1", channel=WHATSAPP)
    nine = datetime(2026, 3, 3, 17, 0, tzinfo=UTC)
    assert (await world.scheduler.sweep_once(nine)).steps == 2
    assert (await world.scheduler.sweep_once(nine + timedelta(hours=2))).nudges == 2
    world.clock.set(nine + timedelta(hours=3))
    await world.say("bob", "To learn things", channel=WHATSAPP)  # bob answers after nudge 1
    for hours in (4, 6, 8):
        await world.scheduler.sweep_once(nine + timedelta(hours=hours))

    assert [e["attempt"] for e in await events(ann, "nudge_sent")] == [1, 2, 3]
    assert [e["attempt"] for e in await events(bob, "nudge_sent")] == [1]
    rows = await OutboxMessage.filter(channel_account__end_user_id=ann.id).order_by(
        "next_attempt_at"
    )
    assert rows[-1].payload["text"] == "Last reminder."
    assert rows[-1].template == TEMPLATE
    assert rows[-1].channel == "whatsapp"


async def test_paused_then_resumed_and_stopped_enrollments(db: str) -> None:
    start = datetime(2026, 3, 2, 16, 0, tzinfo=UTC)
    world = await make_world(start)
    await publish(world, quiz_program())
    ann = await world.learner("ann")
    bob = await world.learner("bob")
    for name in ("ann", "bob"):
        await world.say(name, "join mini")
        await world.say(name, payload="next:intro")
        await world.say(name, payload="quiz:check:1")
    await world.say("ann", "/pause 2d")
    await service.stop(await enrollment_of(bob), now=start)  # through the API: rows stay
    nine = datetime(2026, 3, 3, 9, 0, tzinfo=UTC)

    report = await world.scheduler.sweep_once(nine)
    assert (report.steps, report.cancelled) == (0, 1)  # ann paused: waits; bob stopped
    bob_row = await ScheduledSend.get(enrollment__user_id=bob.id, step_id="why")
    assert (bob_row.status, bob_row.reason) == (SendStatus.CANCELLED, "enrollment stopped")
    ann_row = await ScheduledSend.get(enrollment__user_id=ann.id, step_id="why")
    assert ann_row.status == SendStatus.PENDING

    report = await world.scheduler.sweep_once(start + timedelta(days=2))  # the pause ended
    assert (report.resumed, report.steps) == (1, 1)
    assert (await enrollment_of(ann)).status == EnrollmentStatus.ACTIVE
    assert [e["code"] for e in await events(ann, "program_resumed")] == ["mini"]


async def test_blocked_accounts_get_nothing(db: str) -> None:
    world = await make_world(datetime(2026, 3, 2, 12, 0, tzinfo=UTC))
    await publish(world, daily())
    user = await world.learner("ann")
    await ChannelAccount.filter(end_user_id=user.id).update(blocked=True)
    await service.enroll(user, "daily", now=world.clock.now())
    report = await world.scheduler.sweep_once(world.clock.now())
    assert (report.queued, report.cancelled) == (0, 1)
    assert await OutboxMessage.all().count() == 0


async def enroll_many(world: World, count: int) -> list[EndUser]:
    users = []
    for n in range(count):
        user = await world.learner(f"u{n}")
        await service.enroll(user, "daily", source="api", now=world.clock.now())
        users.append(user)
    return users


class Crash(Exception):
    pass


async def test_a_crash_mid_sweep_neither_loses_nor_repeats_a_send(db: str) -> None:
    world = await make_world(datetime(2026, 3, 2, 12, 0, tzinfo=UTC))
    await publish(world, daily())
    await enroll_many(world, 4)
    now = world.clock.now()
    rows = await sweep.due_rows(now, 10, lock_rows=False)
    with pytest.raises(Crash):
        async with in_transaction():  # the process dies after writing, before commit
            await sweep.run_batch(rows[:2], now)
            raise Crash
    assert await OutboxMessage.all().count() == 0
    assert await ScheduledSend.filter(status=SendStatus.PENDING).count() == 4

    # an outbox row left by an earlier run for one ledger row is reused, never written twice
    first = rows[0]
    account = await ChannelAccount.get(end_user__enrollments__id=first.enrollment_id)
    await OutboxMessage.create(
        bot_id=world.bot.id,
        channel_account_id=account.id,
        channel="telegram",
        idempotency_key=f"sched:{first.id}",
        payload={"text": "Hello!"},
        next_attempt_at=now,
    )
    report = await world.scheduler.sweep_once(now)
    again = await world.scheduler.sweep_once(now + timedelta(minutes=15))
    assert (report.steps, again.queued) == (4, 0)
    assert await OutboxMessage.all().count() == 4
    ledger = await ScheduledSend.filter(kind="step", step_id="hello")
    assert {r.status for r in ledger} == {SendStatus.QUEUED}
    keys = set(await OutboxMessage.all().values_list("idempotency_key", flat=True))
    assert keys == {f"sched:{r.id}" for r in ledger}


async def test_two_schedulers_at_once_queue_each_row_once(db: str) -> None:
    from bot.scheduler import Scheduler

    world = await make_world(datetime(2026, 3, 2, 12, 0, tzinfo=UTC))
    await publish(world, daily())
    await enroll_many(world, 24)
    now = world.clock.now()
    one, two = (
        Scheduler(clock=world.clock, batch_size=5),
        Scheduler(clock=world.clock, batch_size=5),
    )

    reports = await asyncio.gather(one.sweep_once(now), two.sweep_once(now))

    assert sum(r.steps for r in reports) == 24
    assert await OutboxMessage.all().count() == 24
    assert await ScheduledSend.filter(status=SendStatus.QUEUED, kind="step").count() == 24
    assert await Message.filter(direction="out").count() == 24
    assert (await world.scheduler.sweep_once(now)).queued == 0


# --- the sweep's raw bulk writes read back exactly like ORM-written rows ----------------------

LADDER = {
    "code": "ladder",
    "title": "Ladder",
    "steps": [
        {
            "id": "hello",
            "kind": "checkpoint",
            "text": "Hello!",
            "template": TEMPLATE,
            "nudges": [{"after_hours": 2, "text": "Psst.", "template": TEMPLATE}],
        }
    ],
}
SWEEP_EVENTS = ["step_delivered", "nudge_sent"]
# An ORM twin of each row the sweep wrote; the override keeps the twin clear of unique indexes.
TWINS: list[tuple[type[Model], Callable[[Any], Any], str | None]] = [
    (Conversation, lambda m: m.all(), None),
    (Message, lambda m: m.filter(direction="out"), None),
    (OutboxMessage, lambda m: m.all(), "idempotency_key"),
    (StepProgress, lambda m: m.all(), "step_id"),
    (UserInteraction, lambda m: m.filter(interaction_type__in=SWEEP_EVENTS), None),
    (ScheduledSend, lambda m: m.filter(kind="nudge"), "step_id"),
]


async def raw_rows(model: type[Model], ids: list[Any]) -> dict[str, dict[str, Any]]:
    """The stored column values, as the database driver hands them back (text on SQLite)."""
    conn = connections.get("default")
    p = Params(conn)
    sql = f'SELECT * FROM "{model._meta.db_table}" WHERE id {p.among([str(i) for i in ids])}'
    return {str(row["id"]): dict(row) for row in await conn.execute_query_dict(sql, p.values)}


def settable(model: type[Model]) -> list[str]:
    """Fields an ORM caller can set: all but the key and `auto_now` ones (always the clock)."""
    fields_map = model._meta.fields_map
    return [
        name
        for name in model._meta.fields_db_projection
        if name != "id" and not getattr(fields_map[name], "auto_now", False)
    ]


def twin_of(row: Model, unique: str | None, n: int) -> Model:
    """The same row built through the ORM (a distinct value in its unique column)."""
    values = {name: getattr(row, name) for name in settable(type(row))}
    if unique:
        values[unique] = f"twin-{n}"
    return type(row)(**values)


async def test_rows_the_sweep_writes_are_stored_as_the_orm_stores_them(db: str) -> None:
    start = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
    world = await make_world(start)
    await publish(world, LADDER)
    user = await world.learner("ann")
    await service.enroll(user, "ladder", source="api", now=start)
    before = datetime.now(UTC)
    assert (await world.scheduler.sweep_once(start)).steps == 1
    assert (await world.scheduler.sweep_once(start + timedelta(hours=2))).nudges == 1
    after = datetime.now(UTC)
    message = await Message.get(direction="out", content="Psst.")
    assert message.metadata["outbound"]["template"] == TEMPLATE
    assert message.metadata["program"] == "ladder" and message.metadata["step"] == "hello"
    outbox = await OutboxMessage.get(message_id=message.id)
    assert (outbox.template, outbox.payload["text"], outbox.attempts) == (TEMPLATE, "Psst.", 0)
    assert message.metadata["scheduled_send"] == str(outbox.id)

    for model, rows_of, unique in TWINS:
        fast = await rows_of(model)
        assert fast, model.__name__
        twins = [twin_of(row, unique, n) for n, row in enumerate(fast)]
        await model.bulk_create(twins)
        stored = await raw_rows(model, [r.pk for r in fast + twins])
        for row, twin in zip(fast, twins, strict=True):
            ours, theirs = stored[str(row.pk)], stored[str(twin.pk)]
            for name in settable(model):
                if name != unique:
                    assert ours[name] == theirs[name], (model.__name__, name)
            read = await model.get(pk=row.pk)  # ORM reads: typed values, tz-aware UTC stamps
            for name in model._meta.fields_db_projection:
                value = getattr(read, name)
                if isinstance(value, datetime):
                    assert value.utcoffset() == timedelta(0), (model.__name__, name)
            for name in ("created_at", "updated_at"):
                stamp = getattr(read, name, None)
                if stamp is not None and stamp not in (start, start + timedelta(hours=2)):
                    assert before <= stamp <= after, (model.__name__, name)


async def test_every_message_of_a_batch_is_counted_in_the_learners_conversation(db: str) -> None:
    start = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
    world = await make_world(start)
    for code in ("one", "two"):
        await publish(world, daily(code, days=1))
    ann = await world.learner("ann")
    bob = await world.learner("bob")
    await world.say("bob", "hi")  # bob's conversation exists before the sweep
    for user in (ann, bob):
        for code in ("one", "two"):
            await service.enroll(user, code, source="api", now=start)
    existing = await Conversation.get(user_id=bob.id)

    assert (await world.scheduler.sweep_once(start)).steps == 4
    mine = await Conversation.get(user_id=ann.id)  # created once for both programs' steps
    assert (mine.message_count, mine.last_message_at, mine.channel) == (2, start, "telegram")
    assert await Message.filter(conversation_id=mine.id, direction="out").count() == 2
    theirs = await Conversation.get(user_id=bob.id)
    assert theirs.id == existing.id
    assert theirs.message_count == existing.message_count + 2
    assert theirs.last_message_at == start
