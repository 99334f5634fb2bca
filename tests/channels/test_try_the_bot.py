"""Test conversations from the studio's "Try the bot" are flagged and left out of metrics."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bot import dashboard
from bot.metrics.engagement import engagement_values
from bot.metrics.programs import program_values
from bot.programs import service
from bot.programs.loader import load_file
from bot.tryout import is_test_session, start_test_session
from models import Conversation, EndUser, UserInteraction
from tests.channels.conftest import Running

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "programs" / "focus-course.yaml"


async def say(running: Running, session: str, mid: str, text: str) -> dict[str, Any]:
    response = await running.client.post(
        f"/widget/{running.bot.slug}/messages",
        json={"session": session, "id": mid, "text": text},
        headers={"X-Parley-Key": running.bot.public_key},
    )
    assert response.status == 200, await response.text()
    body: dict[str, Any] = await response.json()
    return body


async def test_test_conversations_are_flagged_and_never_counted(running: Running) -> None:
    bot = running.bot
    await service.import_program(bot, load_file(EXAMPLE))
    await service.publish_program(bot, "focus-course")
    tester = await start_test_session(bot)
    assert await is_test_session(bot, tester)
    assert not await is_test_session(bot, "learner-real-01")
    for session in ("learner-real-01", tester):
        await say(running, session, "m1", "When are quiet hours?")
        await say(running, session, "m2", "/start focus-course")
    flags = {
        (await EndUser.get(id=c.user_id)).external_id: c.is_test for c in await Conversation.all()
    }
    assert flags == {"learner-real-01": False, tester: True}
    # both learners really talked and enrolled: the events exist for both...
    enrolled = UserInteraction.filter(interaction_type="program_enrolled")
    assert await enrolled.count() == 2
    # ...but every metric counts the real learner only
    today = datetime.now(UTC).date()
    totals = {
        v.metric: int(v.value)
        for v in await engagement_values(running.creator.id, today)
        if not v.dimensions
    }
    assert totals["active_users"] == 1 and totals["new_users"] == 1
    assert totals["messages_in"] == 2 and totals["messages_out"] >= 2
    program = await service.get_program(bot, "focus-course")
    program_totals = {
        v.metric: int(v.value)
        for v in await program_values(running.creator.id, [program], today)
        if "step" not in v.dimensions
    }
    assert program_totals["enrollments"] == 1
    summary = await dashboard.summary(running.creator.id, now=datetime.now(UTC))
    assert summary.learners_this_week == 1
    assert summary.messages_today == totals["messages_in"] + totals["messages_out"]
