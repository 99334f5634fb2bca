"""Retention run by the scheduler's cleanup hook, fast-forwarding the clock: per-creator ages,
grace periods with Chroma vectors, idempotent runs, one audit row per run that removed data."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.clock import FakeClock
from bot.rag.service import KnowledgeService
from bot.retention import Retention, RetentionPolicy
from bot.scheduler import Scheduler
from models import AuditLog, Bot, Conversation, Document, KnowledgeBase, Message, UserInteraction
from tests import factories
from tests.bot.rag.conftest import rag_settings

T0 = datetime(2026, 1, 1, 9, tzinfo=UTC)
POLICY = {
    "interaction_events_days": 30,
    "message_text_days": 90,
    "test_conversations_days": 7,
    "deleted_grace_days": 14,
}


async def seeded(tmp_path: Path, clock: FakeClock) -> tuple[KnowledgeService, Bot, Bot]:
    """Creator A (with a policy) and creator B (defaults), each with a learner's history."""
    service = KnowledgeService(rag_settings(tmp_path), clock=clock)
    strict = await factories.creator()
    strict.settings = {"retention": POLICY}
    await strict.save()
    bots = (await factories.bot(strict, "strict"), await factories.bot(await factories.creator()))
    for bot in bots:
        user = await factories.end_user(bot)
        chat = await factories.conversation(user)
        message = await factories.inbound(chat, bot, "I struggle with mornings", f"m-{bot.slug}")
        await Message.filter(id=message.id).update(created_at=T0)
        await UserInteraction.bulk_create([factories.interaction(user, "message_received", T0)])
        await Conversation.create(user=user, channel="web", is_test=True, created_at=T0)
        (tmp_path / f"{bot.slug}.md").write_text("# Mornings\n\nWake at seven, then walk.")
        await service.add(bot.creator_id, bot.slug, tmp_path / f"{bot.slug}.md")
    return service, *bots


async def test_policies_apply_per_creator_as_time_passes(db: str, tmp_path: Path) -> None:
    clock = FakeClock(T0)
    service, strict, relaxed = await seeded(tmp_path, clock)
    scheduler = Scheduler(clock=clock, cleanup=Retention(service.store).cleanup)

    clock.advance(timedelta(days=10))  # test conversations (7 days) go, for both creators
    await scheduler.sweep_once(clock.now())
    assert await Conversation.filter(is_test=True).count() == 0
    assert await UserInteraction.all().count() == 2

    clock.advance(timedelta(days=25))  # 35 days: strict's events (30 days) go
    await scheduler.sweep_once(clock.now())
    assert await UserInteraction.filter(bot_id=strict.id).count() == 0
    assert await UserInteraction.filter(bot_id=relaxed.id).count() == 1

    clock.advance(timedelta(days=60))  # 95 days: strict's message text (90 days) goes
    await scheduler.sweep_once(clock.now())
    texts = dict(await Message.all().values_list("bot_id", "content"))
    assert texts == {strict.id: "", relaxed.id: "I struggle with mornings"}
    assert await Message.all().count() == 2  # rows (and so counts) stay


async def test_soft_deleted_things_are_hard_deleted_after_the_grace_period(
    db: str, tmp_path: Path
) -> None:
    clock = FakeClock(T0)
    service, strict, relaxed = await seeded(tmp_path, clock)
    retention = Retention(service.store)
    (doc,) = await service.list(strict.creator_id, strict.slug)
    await service.remove(strict.creator_id, doc.id)
    kb = await KnowledgeBase.get(id=doc.knowledge_base_id)
    await Bot.filter(id=relaxed.id).update(deleted_at=clock.now())
    relaxed_kb = await KnowledgeBase.get(creator_id=relaxed.creator_id)
    assert service.store.count(relaxed_kb.collection_name) == 1

    clock.advance(timedelta(days=13))
    assert (await retention.run(clock.now())).documents == 0  # strict's grace: 14 days
    clock.advance(timedelta(days=2))
    report = await retention.run(clock.now())
    assert (report.documents, report.bots) == (1, 0)  # relaxed's default grace is 30 days
    assert not await Document.filter(id=doc.id).exists() and await KnowledgeBase.exists(id=kb.id)

    clock.advance(timedelta(days=20))
    assert (await retention.run(clock.now())).bots == 1
    assert not await Bot.filter(id=relaxed.id).exists()
    assert not await KnowledgeBase.filter(id=relaxed_kb.id).exists()
    names = {c.name for c in service.store.client.list_collections()}
    assert relaxed_kb.collection_name not in names


async def test_runs_are_idempotent_and_audited(db: str, tmp_path: Path) -> None:
    clock = FakeClock(T0)
    service, strict, _ = await seeded(tmp_path, clock)
    retention = Retention(service.store)
    clock.advance(timedelta(days=100))
    first = await retention.run(clock.now())
    assert first.total > 0
    (row,) = await AuditLog.filter(table_name="retention", creator_id=strict.creator_id)
    assert (row.operation, row.actor_type, row.new_values["message_texts"]) == (
        "purge",
        "system",
        1,
    )
    rows = await AuditLog.filter(table_name="retention").count()
    assert (await retention.run(clock.now())).total == 0
    assert await AuditLog.filter(table_name="retention").count() == rows


def test_policy_defaults_and_validation() -> None:
    assert RetentionPolicy().model_dump() == {
        "interaction_events_days": None,
        "message_text_days": None,
        "test_conversations_days": 7,
        "deleted_grace_days": 30,
    }
