"""Creator scoping, secrets encrypted at rest, JSON fields and soft delete on both databases."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from tortoise import connections

from bot import accounts
from models import (
    Bot,
    BotStatus,
    Channel,
    ChannelType,
    Conversation,
    Document,
    DocumentChunk,
    EndUser,
    KnowledgeBase,
    Message,
    TenantModel,
    scoped,
)
from models.secrets import SecretUndecryptable, keyring
from tests import factories
from tests.conftest import TEST_SECRET

TOKEN = "123456:AAF-real-looking-telegram-token"


async def _raw(db: str, sql: str) -> list[dict[str, object]]:
    return [dict(r) for r in await connections.get("default").execute_query_dict(sql)]


async def test_tokens_are_encrypted_at_rest_and_read_back_plain(db: str) -> None:
    owner = await factories.creator()
    bot = await factories.bot(owner, llm_api_key="sk-secret-llm-key")
    await Channel.create(creator=owner, bot=bot, channel_type=ChannelType.TELEGRAM, secret=TOKEN)
    stored = (await _raw(db, "SELECT secret FROM channel"))[0]["secret"]
    assert isinstance(stored, str) and stored.startswith("enc:v1:")
    assert TOKEN not in stored and "AAF" not in stored
    assert (await Channel.get(bot=bot)).secret == TOKEN
    llm = (await _raw(db, "SELECT llm_api_key FROM bot"))[0]["llm_api_key"]
    assert "sk-secret" not in str(llm)
    assert (await Bot.get(id=bot.id)).llm_api_key == "sk-secret-llm-key"


async def test_old_keys_still_decrypt_after_rotation(db: str) -> None:
    owner = await factories.creator()
    bot = await factories.bot(owner)
    await Channel.create(creator=owner, bot=bot, channel_type=ChannelType.WHATSAPP, secret=TOKEN)
    keyring.configure(["brand-new-key", TEST_SECRET])
    assert (await Channel.get(bot=bot)).secret == TOKEN
    keyring.configure(["an-unrelated-key"])
    with pytest.raises(SecretUndecryptable, match="PARLEY_OLD_SECRET_KEYS"):
        await Channel.get(bot=bot)


async def test_for_creator_never_returns_another_creators_rows(db: str) -> None:
    alice, bob = await factories.creator(), await factories.creator()
    for owner in (alice, bob):
        bot = await factories.bot(owner)
        user = await factories.end_user(bot)
        conv = await factories.conversation(user)
        await factories.inbound(conv, bot, f"hello from {owner.email}", "m-1")
        kb = await KnowledgeBase.create(creator=owner, name=owner.email)
        doc = await Document.create(
            knowledge_base=kb, title="t", content="c", content_hash=owner.email.ljust(64, "x")
        )
        await DocumentChunk.create(document=doc, chunk_index=0, content=owner.email)
    for model in (Bot, EndUser, Conversation, Message, KnowledgeBase, Document, DocumentChunk):
        rows = await scoped(model, alice.id)
        assert len(rows) == 1, model.__name__
    messages = await Message.for_creator(alice.id)
    assert [m.content for m in messages] == [f"hello from {alice.email}"]
    assert [c.content for c in await DocumentChunk.for_creator(bob.id)] == [bob.email]


async def test_every_tenant_model_declares_a_path_to_its_creator(db: str) -> None:
    from tortoise import Tortoise

    tenant = [m for m in Tortoise.apps["models"].values() if issubclass(m, TenantModel)]
    assert len(tenant) >= 25
    for model in tenant:
        first = model.creator_path.split("__")[0].removesuffix("_id")
        assert first in model._meta.fields_map, f"{model.__name__}.creator_path is broken"


async def test_json_fields_round_trip_nested_values(db: str) -> None:
    owner = await factories.creator()
    settings = {"llm": {"provider": "offline"}, "quiet_hours": ["21:00", "08:00"], "n": 1.5}
    bot = await factories.bot(owner, settings=settings, traits=["kind", "ünïcode ✓"])
    fresh = await Bot.get(id=bot.id)
    assert fresh.settings == settings
    assert fresh.traits == ["kind", "ünïcode ✓"]


async def test_soft_deleted_bot_is_hidden_then_scheduled_for_removal(db: str) -> None:
    owner = await factories.creator()
    bot = await factories.bot(owner, "gone")
    now = datetime(2026, 11, 21, 12, tzinfo=UTC)
    await accounts.soft_delete_bot(bot, now=now)
    with pytest.raises(accounts.NotFound):
        await accounts.get_bot(owner.id, "gone")
    row = await Bot.get(id=bot.id)
    assert row.status == BotStatus.DELETED
    assert row.deleted_at == now
    assert row.hard_delete_at == now + timedelta(days=30)


async def test_publish_freezes_a_new_version_each_time(db: str) -> None:
    owner = await factories.creator()
    bot = await factories.bot(owner, system_prompt="v1 prompt")
    first = await accounts.publish_bot(bot)
    bot.system_prompt = "v2 prompt"
    await bot.save()
    second = await accounts.publish_bot(bot)
    assert (first.version, second.version) == (1, 2)
    versions = await bot.versions.all().order_by("version")
    assert [v.system_prompt for v in versions] == ["v1 prompt", "v2 prompt"]
    assert (await Bot.get(id=bot.id)).status == BotStatus.PUBLISHED
