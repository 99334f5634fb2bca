"""One learner across the widget and Telegram: link codes, merged progress, unlink, routing."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest

from bot.scheduler import Scheduler
from models import (
    Achievement,
    AuditLog,
    ChannelAccount,
    EndUser,
    LearnerStats,
    OutboxMessage,
    ProgramEnrollment,
    StepProgress,
)
from tests.channels.learners import ANN_TG, Both, start_both

pytestmark = pytest.mark.filterwarnings("ignore:BasicAuth is deprecated:DeprecationWarning")
CODE = re.compile(r"\b([A-Z0-9]{6})\b")


@pytest.fixture
async def both(db: str, tmp_path: Path) -> AsyncIterator[Both]:
    async for value in start_both(db, tmp_path):
        yield value


async def code_from_widget(both: Both) -> str:
    (reply,) = await both.web("/link")
    found = CODE.search(reply)
    assert found is not None and "10 minutes" in reply, reply
    return found.group(1)


async def learners(both: Both) -> set[str]:
    rows = await ChannelAccount.filter(bot_id=both.bot.id).values_list("end_user_id", flat=True)
    return {str(r) for r in rows}


async def test_linked_learner_has_one_progress_counted_once(both: Both) -> None:
    assert "What do you want to learn?" in "\n".join(await both.web("join mini"))
    await both.web("Python")  # r1 done on the widget: 5 points
    assert "What do you want to learn?" in "\n".join(await both.tg("join mini"))
    both.clock.advance(timedelta(minutes=1))
    await both.tg("Go")  # r1 done on Telegram too: the same step, 5 points again
    assert len(await learners(both)) == 2
    code = await code_from_widget(both)
    assert any("Linked" in r for r in await both.tg(f"link {code}"))
    (learner,) = await learners(both)
    assert await EndUser.filter(bot_id=both.bot.id).count() == 1
    (enrollment,) = await ProgramEnrollment.filter(user_id=learner)
    assert await StepProgress.filter(enrollment_id=enrollment.id).count() == 1
    assert enrollment.points == 5
    assert [a.points for a in await Achievement.filter(user_id=learner)] == [5]
    stats = await LearnerStats.get(user_id=learner)
    assert (stats.points, stats.steps_completed, stats.streak_days) == (5, 1, 1)
    audit = await AuditLog.get(table_name="end_user", operation="merge")
    assert audit.record_id == learner and audit.creator_id == both.creator.id
    assert any("Points: 5" in r for r in await both.web("/badges"))
    assert any("Points: 5" in r for r in await both.tg("/badges"))
    # the code works once: a second Telegram chat cannot use it again
    assert any("already used" in r for r in await both.tg(f"link {code}", chat="5550002"))


async def test_wrong_expired_and_repeated_codes_are_refused(both: Both) -> None:
    await both.tg("hello")
    code = await code_from_widget(both)
    both.clock.advance(timedelta(minutes=10, seconds=1))
    assert any("expired" in r for r in await both.tg(f"link {code}"))
    for _ in range(4):
        assert any("wrong" in r for r in await both.tg("link ZZZZ22"))
    fresh = await code_from_widget(both)  # right, but five wrong tries came first
    assert any("Too many tries" in r for r in await both.tg(f"link {fresh}"))
    assert len(await learners(both)) == 2
    both.clock.advance(timedelta(minutes=16))  # the failures age out; that code expired
    assert any("Linked" in r for r in await both.tg(f"link {await code_from_widget(both)}"))
    assert len(await learners(both)) == 1


async def test_codes_asked_for_are_rate_limited(both: Both) -> None:
    for _ in range(5):
        await code_from_widget(both)
    (reply,) = await both.web("/link")
    assert "Too many tries" in reply and not CODE.search(reply.replace("Too", ""))


async def test_unlink_splits_the_channel_off_with_a_fresh_start(both: Both) -> None:
    await both.web("join mini")
    await both.web("Python")
    await both.tg("hello")
    await both.tg(f"link {await code_from_widget(both)}")
    assert any("separate" in r for r in await both.tg("/unlink"))
    web_user, tg_user = [
        str((await ChannelAccount.get(bot_id=both.bot.id, channel=c)).end_user_id)
        for c in ("web", "telegram")
    ]
    assert web_user != tg_user
    assert (await LearnerStats.get(user_id=web_user)).points == 5
    assert (await LearnerStats.get(user_id=tg_user)).points == 0
    assert not await ProgramEnrollment.filter(user_id=tg_user).exists()
    assert any("not linked" in r for r in await both.tg("/unlink"))
    assert await AuditLog.filter(table_name="end_user", operation="unlink").count() == 1


async def test_program_sends_follow_the_chosen_channel(both: Both) -> None:
    await both.tg("hello")
    await both.tg(f"link {await code_from_widget(both)}")
    await both.web("join mini")
    await both.web("Python")  # r2 is due in two hours
    (reply,) = await both.web("/channel telegram")
    assert "telegram" in reply
    both.clock.advance(timedelta(hours=2, minutes=1))
    await Scheduler(clock=both.clock).sweep_once()
    await both.flush()
    assert any("Why does it matter" in t for t in both.fake.texts_to(ANN_TG))
    sent = await OutboxMessage.filter(idempotency_key__startswith="sched:").values_list(
        "channel", flat=True
    )
    assert sent == ["telegram"]
    (unknown,) = await both.web("/channel whatsapp")
    assert "no whatsapp chat" in unknown


async def test_a_closed_whatsapp_window_sends_to_the_linked_telegram_chat(both: Both) -> None:
    pairs = [("5550001", "+15550001"), ("5550002", "+15550002")]
    for tg_chat, wa_user in pairs:
        await both.tg("hello", chat=tg_chat)
        (reply,) = await both.wa("/link", user=wa_user)
        found = CODE.search(reply)
        assert found is not None
        assert any("Linked" in r for r in await both.tg(f"link {found[1]}", chat=tg_chat))
        await both.wa("join mini", user=wa_user)
        await both.wa("Python", user=wa_user)  # r2 due in two hours; WhatsApp written last
    both.clock.advance(timedelta(hours=24, minutes=30))
    await both.wa("Hi again", user="+15550002")  # opens the second learner's window again
    both.clock.advance(timedelta(minutes=30))
    await Scheduler(clock=both.clock).sweep_once()
    await both.flush()
    step = "Why does it matter"
    assert any(step in t for t in both.fake.texts_to("5550001"))  # window closed: Telegram
    assert not any(step in t for t in both.twilio.bodies_to("whatsapp:+15550001"))
    assert any(step in t for t in both.twilio.bodies_to("whatsapp:+15550002"))  # open
    assert not any(step in t for t in both.fake.texts_to("5550002"))
