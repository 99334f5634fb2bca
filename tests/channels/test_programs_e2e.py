"""The example habit program on the Telegram and WhatsApp fakes: join, steps, schedule."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest

from bot.programs import service
from bot.programs.loader import load_file
from bot.scheduler import Scheduler
from models import ScheduledSend, SendStatus, StepProgress
from tests.channels.harness import BUILDERS, Harness, running

pytestmark = pytest.mark.filterwarnings("ignore:BasicAuth is deprecated:DeprecationWarning")
HABIT = Path(__file__).resolve().parents[2] / "examples" / "programs" / "habit-7.yaml"


@pytest.fixture(params=sorted(BUILDERS))
async def harness(request: pytest.FixtureRequest, db: str) -> AsyncIterator[Harness]:
    async with running(request.param) as built:
        await service.import_program(built.bot, load_file(HABIT))
        await service.publish_program(built.bot, "habit-7", now=built.clock.now())
        yield built


def seen(harness: Harness, user: str, fragment: str) -> bool:
    return any(fragment in reply for reply in harness.replies(user))


async def test_habit_program_runs_over_the_channel(harness: Harness) -> None:
    ann, _ = harness.users
    assert await harness.post_text(ann, "join habit-7", harness.new_id()) == 200
    await harness.settle()
    assert seen(harness, ann, "For the next seven days")
    assert await harness.post_button(ann, "next:welcome", harness.new_id()) == 200
    await harness.settle()
    assert seen(harness, ann, "Which two-minute action")  # day-1 follows on completion
    harness.clock.advance(timedelta(hours=3))
    await harness.post_text(ann, "Stretch for two minutes", harness.new_id())
    await harness.settle()
    answer = await StepProgress.get(step_id="day-1")
    assert answer.answer == "Stretch for two minutes"
    day2 = await ScheduledSend.get(step_id="day-2", kind="step")
    assert day2.status == SendStatus.PENDING
    assert (day2.due_at.hour, day2.due_at.minute) == (9, 0)  # 09:00 in the learner's zone (UTC)
    assert not seen(harness, ann, "Attach your habit")
    harness.clock.set(day2.due_at + timedelta(minutes=1))
    report = await Scheduler(clock=harness.clock).sweep_once()
    assert report.queued >= 1
    await harness.settle()
    assert seen(harness, ann, "Attach your habit")
    again = await Scheduler(clock=harness.clock).sweep_once()
    await harness.settle()
    assert sum("Attach your habit" in r for r in harness.replies(ann)) == 1
    assert again.queued == 0
