"""Every unique constraint and cascade the data model promises, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest
from tortoise.exceptions import IntegrityError

from models import (
    ApiKey,
    Badge,
    Bot,
    BotVersion,
    Channel,
    ChannelAccount,
    ChannelType,
    Conversation,
    Document,
    DocumentChunk,
    EndUser,
    EngagementMetric,
    KnowledgeBase,
    Message,
    OutboxMessage,
    Program,
    ProgramEnrollment,
    ProgramVersion,
    ScheduledSend,
    StepProgress,
    UsageTracking,
    UserBadge,
    UserInteraction,
    UserProfile,
)
from models.analytics import dimensions_key
from tests import factories


async def test_creator_email_and_bot_slug_are_unique(db: str) -> None:
    owner = await factories.creator("same@example.com")
    with pytest.raises(IntegrityError):
        await owner.__class__.create(email="same@example.com", password_hash="x")
    await factories.bot(owner, "taken")
    other = await factories.creator()
    with pytest.raises(IntegrityError):
        await Bot.create(creator=other, slug="taken", name="Other")


async def test_bot_version_unique_per_bot(db: str) -> None:
    bot = await factories.bot(await factories.creator())
    await BotVersion.create(bot=bot, version=1)
    with pytest.raises(IntegrityError):
        await BotVersion.create(bot=bot, version=1)


async def test_channel_account_unique_per_bot_channel_external_id(db: str) -> None:
    owner = await factories.creator()
    bot_a, bot_b = await factories.bot(owner), await factories.bot(owner)
    user = await factories.end_user(bot_a, "tg-42")
    with pytest.raises(IntegrityError):
        await ChannelAccount.create(bot=bot_a, end_user=user, channel="web", external_id="tg-42")
    # the same person may talk to another bot, and to the same bot on another channel
    other = await factories.end_user(bot_b, "tg-42")
    await ChannelAccount.create(
        bot=bot_a, end_user=user, channel=ChannelType.TELEGRAM, external_id="tg-42"
    )
    assert await ChannelAccount.filter(external_id="tg-42").count() == 3
    assert other.bot_id == bot_b.id


async def test_inbound_external_message_id_unique_per_bot_and_channel(db: str) -> None:
    bot = await factories.bot(await factories.creator())
    conv = await factories.conversation(await factories.end_user(bot))
    await factories.inbound(conv, bot, "hi", "m-1")
    with pytest.raises(IntegrityError):
        await factories.inbound(conv, bot, "hi again", "m-1")
    # outbound rows without an external id never collide
    for _ in range(2):
        await Message.create(
            conversation=conv,
            bot=bot,
            channel="web",
            direction="out",
            sender_type="ai",
            content="x",
        )
    assert await Message.filter(conversation=conv).count() == 3


async def test_one_channel_of_each_type_per_bot(db: str) -> None:
    owner = await factories.creator()
    bot = await factories.bot(owner)
    await Channel.create(creator=owner, bot=bot, channel_type=ChannelType.TELEGRAM)
    with pytest.raises(IntegrityError):
        await Channel.create(creator=owner, bot=bot, channel_type=ChannelType.TELEGRAM)


async def test_knowledge_uniques(db: str) -> None:
    owner = await factories.creator()
    kb = await KnowledgeBase.create(creator=owner, name="kb")
    doc = await Document.create(knowledge_base=kb, title="t", content="c", content_hash="h" * 64)
    with pytest.raises(IntegrityError):
        await Document.create(knowledge_base=kb, title="t2", content="c", content_hash="h" * 64)
    await DocumentChunk.create(document=doc, chunk_index=0, content="a")
    with pytest.raises(IntegrityError):
        await DocumentChunk.create(document=doc, chunk_index=0, content="b")


async def _program_setup() -> tuple[Program, ProgramVersion, EndUser]:
    owner = await factories.creator()
    bot = await factories.bot(owner)
    program = await Program.create(
        creator=owner, bot=bot, code="habit", name="Habit", flow_definition={"steps": []}
    )
    version = await ProgramVersion.create(program=program, version=1, definition={"steps": []})
    return program, version, await factories.end_user(bot)


async def test_program_uniques_and_send_ledger(db: str) -> None:
    program, version, user = await _program_setup()
    with pytest.raises(IntegrityError):
        await Program.create(
            creator_id=program.creator_id,
            bot_id=program.bot_id,
            code="habit",
            name="x",
            flow_definition={},
        )
    enrollment = await ProgramEnrollment.create(program=program, program_version=version, user=user)
    with pytest.raises(IntegrityError):
        await ProgramEnrollment.create(program=program, program_version=version, user=user)
    await StepProgress.create(enrollment=enrollment, step_id="day-1")
    with pytest.raises(IntegrityError):
        await StepProgress.create(enrollment=enrollment, step_id="day-1")
    due = enrollment.enrolled_at
    await ScheduledSend.create(
        enrollment=enrollment, step_id="day-1", kind="nudge", attempt=1, due_at=due
    )
    with pytest.raises(IntegrityError):
        await ScheduledSend.create(
            enrollment=enrollment, step_id="day-1", kind="nudge", attempt=1, due_at=due
        )
    await ScheduledSend.create(
        enrollment=enrollment, step_id="day-1", kind="nudge", attempt=2, due_at=due
    )


async def test_gamification_and_metric_uniques(db: str) -> None:
    owner = await factories.creator()
    user = await factories.end_user(await factories.bot(owner))
    badge = await Badge.create(
        creator=owner, code="streak-7", name="Week", criteria={"streak_days": 7}
    )
    with pytest.raises(IntegrityError):
        await Badge.create(creator=owner, code="streak-7", name="Again", criteria={})
    await UserBadge.create(user=user, badge=badge)
    with pytest.raises(IntegrityError):
        await UserBadge.create(user=user, badge=badge)
    dims = {"bot": "x"}
    today = date(2026, 11, 21)
    await EngagementMetric.create(
        creator=owner,
        metric_type="active_users",
        metric_value=3,
        dimensions=dims,
        dimensions_key=dimensions_key(dims),
        date=today,
    )
    with pytest.raises(IntegrityError):
        await EngagementMetric.create(
            creator=owner,
            metric_type="active_users",
            metric_value=4,
            dimensions={"bot": "x"},
            dimensions_key=dimensions_key({"bot": "x"}),
            date=today,
        )
    await UsageTracking.create(
        creator=owner, usage_type="ai_interactions", usage_value=1, date=today
    )
    with pytest.raises(IntegrityError):
        await UsageTracking.create(
            creator=owner, usage_type="ai_interactions", usage_value=2, date=today
        )


async def test_profile_is_one_per_user_and_outbox_key_unique(db: str) -> None:
    bot = await factories.bot(await factories.creator())
    user = await factories.end_user(bot)
    await UserProfile.create(user=user)
    with pytest.raises(IntegrityError):
        await UserProfile.create(user=user)
    account = await ChannelAccount.get(end_user=user)
    fields = {"bot": bot, "channel_account": account, "channel": "web", "payload": {"text": "x"}}
    await OutboxMessage.create(idempotency_key="reply:1", next_attempt_at=user.created_at, **fields)
    with pytest.raises(IntegrityError):
        await OutboxMessage.create(
            idempotency_key="reply:1", next_attempt_at=user.created_at, **fields
        )


async def test_deleting_a_creator_cascades_to_everything_it_owns(db: str) -> None:
    program, version, user = await _program_setup()
    owner_id = program.creator_id
    conv = await factories.conversation(user)
    msg = await factories.inbound(conv, await Bot.get(id=program.bot_id), "hi", "m-1")
    await UserInteraction.create(
        user=user, bot_id=program.bot_id, interaction_type="message", channel="web", message=msg
    )
    await ProgramEnrollment.create(program=program, program_version=version, user=user)
    await ApiKey.create(creator_id=owner_id, prefix="prl_x", key_hash="0" * 64)
    await (await program.creator).delete()
    for model in (
        Bot,
        EndUser,
        Conversation,
        Message,
        Program,
        ProgramEnrollment,
        ApiKey,
        ChannelAccount,
        UserInteraction,
    ):
        assert await model.all().count() == 0, model.__name__
    assert owner_id is not None


async def test_deleting_a_message_keeps_the_interaction_log(db: str) -> None:
    bot = await factories.bot(await factories.creator())
    user = await factories.end_user(bot)
    msg = await factories.inbound(await factories.conversation(user), bot, "hi", "m-1")
    event = await UserInteraction.create(
        user=user, bot=bot, interaction_type="message", channel="web", message=msg
    )
    await msg.delete()
    await event.refresh_from_db()
    assert event.message_id is None  # SET NULL, not cascade


async def test_deleting_a_document_deletes_its_chunks_only(db: str) -> None:
    owner = await factories.creator()
    kb = await KnowledgeBase.create(creator=owner, name="kb")
    keep = await Document.create(knowledge_base=kb, title="a", content="a", content_hash="a" * 64)
    drop = await Document.create(knowledge_base=kb, title="b", content="b", content_hash="b" * 64)
    for doc in (keep, drop):
        await DocumentChunk.create(document=doc, chunk_index=0, content=doc.content)
    await drop.delete()
    assert [c.content for c in await DocumentChunk.all()] == ["a"]
