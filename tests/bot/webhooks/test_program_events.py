"""Program and badge events become webhook deliveries where they happen: in a turn (joining,
a quiz, a badge) and outside one (the creator enrolling a learner) (both dialects)."""

from __future__ import annotations

import json
from collections import Counter
from datetime import UTC, datetime

from bot.programs import service
from bot.webhooks import service as hooks
from models import WebhookDelivery
from tests.bot.programs.program_world import make_world, publish, quiz_program
from tests.bot.webhooks.test_webhooks import LOCAL

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
BADGES = [{"code": "first-quiz", "name": "Quick Study", "criteria": "quizzes_passed >= 1"}]
PROGRAM_EVENTS = ["enrolled", "step_completed", "program_completed", "badge_awarded"]


async def delivered(creator_id: object) -> list[dict[str, object]]:
    rows = await WebhookDelivery.filter(webhook__creator_id=creator_id).order_by("created_at")
    return [json.loads(r.body) for r in rows]


async def test_turn_and_api_events_are_queued_once_each(db: str) -> None:
    world = await make_world(START)
    await publish(world, quiz_program(badges=BADGES))
    creator = world.bot.creator_id
    await hooks.register(creator, "http://127.0.0.1:9/h", PROGRAM_EVENTS, limits=LOCAL)
    await world.say("ann", "join mini")
    await world.say("ann", payload="next:intro")
    await world.say("ann", payload="quiz:check:1")
    await world.say("ann", payload="quiz:check:1")  # a repeated press changes nothing
    bodies = await delivered(creator)
    assert Counter(b["event"] for b in bodies) == {
        "enrolled": 1, "step_completed": 2, "badge_awarded": 1
    }  # fmt: skip
    badge = next(b for b in bodies if b["event"] == "badge_awarded")
    assert badge["data"]["badge"] == "first-quiz"  # type: ignore[index]
    assert badge["data"]["channel"] == "telegram"  # type: ignore[index]
    bea = await world.learner("bea")
    await service.enroll(bea, "mini", source="api", now=START)  # outside any turn
    enrolled = [b for b in await delivered(creator) if b["event"] == "enrolled"]
    assert [e["data"]["learner_id"] for e in enrolled] == [  # type: ignore[index]
        next(e["data"]["learner_id"] for e in enrolled),  # type: ignore[index]
        str(bea.id),
    ]
