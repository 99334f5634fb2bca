"""A creator's message to a learner: through the outbox to the fake vendor, the window, scoping."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from bot.errors import InvalidInput, NotFound
from bot.outreach import send_to_learner
from models import (
    AuditLog,
    ChannelAccount,
    DeliveryStatus,
    Message,
    OutboxMessage,
    Person,
    SenderType,
)
from tests import factories
from tests.channels.harness import Harness, running
from tests.fakes.twilio_api import FakeTwilioAPI

TG_USER, WA_USER = "5550001", "+15550001"
SID = "HX" + "ab" * 16


async def learner_of(harness: Harness, user: str) -> ChannelAccount:
    await harness.post_text(user, "How should I warm up?", harness.new_id())
    await harness.settle()
    return await ChannelAccount.get(external_id=user.removeprefix("whatsapp:"))


async def test_creator_words_reach_telegram_through_the_outbox(db: str) -> None:
    async with running("telegram") as tg:
        account = await learner_of(tg, TG_USER)
        person = await Person.create(email="sam@example.test", password_hash="x")
        result = await send_to_learner(
            tg.bot.creator_id,
            account.end_user_id,
            "  Hi Ann, it's Coach Sam here.  ",
            actor_user_id=person.id,
            now=tg.clock.now(),
        )
        assert (result.status, result.reason, result.channel) == ("queued", None, "telegram")
        assert "Hi Ann, it's Coach Sam here." not in tg.replies(TG_USER)  # only via the outbox
        await tg.settle()
        assert tg.replies(TG_USER)[-1] == "Hi Ann, it's Coach Sam here."
        stored = await Message.get(id=result.message_id)
        assert stored.sender_type == SenderType.CREATOR
        assert stored.delivery_status == DeliveryStatus.SENT
        assert stored.conversation_id == result.conversation_id
        assert stored.sender_id == person.id
        audit = await AuditLog.get(table_name="message", operation="outreach")
        assert audit.new_values["status"] == "queued"
        assert audit.actor_id == str(person.id)
        assert "Coach Sam" not in json.dumps(audit.new_values)  # ids, never the text


async def test_whatsapp_outside_the_window_is_blocked_and_nothing_is_sent(db: str) -> None:
    async with running("whatsapp") as wa:
        account = await learner_of(wa, WA_USER)
        wa.clock.advance(timedelta(hours=30))
        rows_before = await OutboxMessage.all().count()
        sent_before = len(wa.replies(WA_USER))
        result = await send_to_learner(
            wa.bot.creator_id, account.end_user_id, "Still there?", actor_user_id=None,
            now=wa.clock.now(),
        )  # fmt: skip
        assert result.status == "blocked" and result.message_id is None
        assert "24-hour window" in (result.reason or "")
        assert await OutboxMessage.all().count() == rows_before
        await wa.settle()
        assert len(wa.replies(WA_USER)) == sent_before
        assert not await Message.filter(sender_type=SenderType.CREATOR).exists()
        audit = await AuditLog.get(table_name="message", operation="outreach")
        assert audit.new_values["status"] == "blocked"


async def test_whatsapp_outside_the_window_uses_the_bots_template(db: str) -> None:
    async with running("whatsapp") as wa:
        wa.bot.settings = {**(wa.bot.settings or {}), "outreach_template": {"content_sid": SID}}
        await wa.bot.save(update_fields=["settings"])
        account = await learner_of(wa, WA_USER)
        wa.clock.advance(timedelta(hours=30))
        result = await send_to_learner(
            wa.bot.creator_id, account.end_user_id, "Still there?", actor_user_id=None,
            now=wa.clock.now(),
        )  # fmt: skip
        assert result.status == "queued"
        await wa.settle()
        fake: FakeTwilioAPI = wa.vendor
        last = fake.sent[-1]
        assert (last.content_sid, json.loads(last.content_variables)) == (
            SID,
            {"1": "Still there?"},
        )


async def test_whatsapp_inside_the_window_sends_free_form(db: str) -> None:
    async with running("whatsapp") as wa:
        account = await learner_of(wa, WA_USER)
        result = await send_to_learner(
            wa.bot.creator_id, account.end_user_id, "Great question!", actor_user_id=None,
            now=wa.clock.now(),
        )  # fmt: skip
        assert result.status == "queued"
        await wa.settle()
        assert wa.replies(WA_USER)[-1] == "Great question!"


async def test_another_creators_learner_is_not_found_and_empty_text_refused(db: str) -> None:
    async with running("telegram") as tg:
        account = await learner_of(tg, TG_USER)
        stranger = await factories.creator()
        with pytest.raises(NotFound):
            await send_to_learner(stranger.id, account.end_user_id, "Hi", actor_user_id=None)
        with pytest.raises(InvalidInput):
            await send_to_learner(tg.bot.creator_id, account.end_user_id, "  ", actor_user_id=None)
        assert not await Message.filter(sender_type=SenderType.CREATOR).exists()
