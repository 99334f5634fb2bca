"""Row-level security (PostgreSQL): without the per-transaction creator setting the tenant role
sees no tenant row; with it, only that creator's; the API works with the setting switched on."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer
from tortoise import connections
from tortoise.exceptions import OperationalError
from tortoise.transactions import in_transaction

from bot.auth import issue_api_key
from bot.rag.service import KnowledgeService
from channels.app import Services, create_app
from models import Bot, Creator, EndUser, Message
from models.db import dialect
from models.rls import ROLE, install, tenant_models, tenant_scope
from tests import factories
from tests.channels.conftest import app_settings


@pytest.fixture
async def two(db: str) -> AsyncIterator[tuple[Creator, Creator]]:
    creators = []
    for name in ("a", "b"):
        creator = await factories.creator(f"{name}@example.com")
        bot = await factories.bot(creator, f"{name}-bot")
        user = await factories.end_user(bot, f"{name}-learner")
        await factories.inbound(await factories.conversation(user), bot, "hi", f"{name}-1")
        creators.append(creator)
    await install(connections.get("default"), dialect(db))
    yield creators[0], creators[1]


async def test_without_the_setting_the_tenant_role_sees_no_tenant_row(
    db: str, two: tuple[Creator, Creator]
) -> None:
    if dialect(db) != "postgres":
        assert await Bot.all().count() == 2  # SQLite: nothing installed, nothing hidden
        return
    async with in_transaction() as conn:
        await conn.execute_query(f"SET LOCAL ROLE {ROLE}")
        for model in tenant_models():
            table = model._meta.db_table
            _, rows = await conn.execute_query(f'SELECT count(*) AS n FROM "{table}"')
            assert rows[0]["n"] == 0, table
    assert await Bot.all().count() == 2  # the owner (workers, webhooks) is not limited


async def test_with_the_setting_only_that_creators_rows(
    db: str, two: tuple[Creator, Creator]
) -> None:
    a, b = two
    async with tenant_scope(a.id, dialect=dialect(db)):
        if dialect(db) == "postgres":  # even a query that forgets (or defeats) the tenant filter
            assert [x.slug for x in await Bot.all()] == ["a-bot"]
            assert await Bot.filter(creator_id=b.id).count() == 0
            assert [u.external_id for u in await EndUser.all()] == ["a-learner"]
            assert [m.external_message_id for m in await Message.all()] == ["a-1"]
        assert await Bot.filter(creator_id=a.id).count() == 1
    if dialect(db) == "postgres":
        with pytest.raises(OperationalError, match="row-level security"):
            async with tenant_scope(a.id, dialect="postgres"):
                await Bot.create(creator_id=b.id, slug="planted", name="Planted")
    assert not await Bot.exists(slug="planted")


async def test_the_api_works_with_row_level_security_on(
    db: str, two: tuple[Creator, Creator], tmp_path: Path
) -> None:
    a, _ = two
    settings = app_settings(db, tmp_path).model_copy(update={"row_level_security": True})
    services = Services.build(settings, knowledge=KnowledgeService(settings))
    app = create_app(settings, manage_db=False, services=services, run_background=False)
    token = (await issue_api_key(a, ["read", "write"])).token
    headers = {"Authorization": f"Bearer {token}"}
    async with TestClient(TestServer(app)) as http:
        listed = await (await http.get("/api/v1/bots", headers=headers)).json()
        assert [x["slug"] for x in listed["bots"]] == ["a-bot"]
        assert (await http.get("/api/v1/bots/b-bot", headers=headers)).status == 404
        made = await http.post(
            "/api/v1/bots", json={"slug": "a-two", "name": "Two"}, headers=headers
        )
        assert made.status == 201, await made.text()
        edited = await http.patch("/api/v1/bots/a-two", json={"greeting": "Hey"}, headers=headers)
        assert (await edited.json())["draft"]["greeting"] == "Hey"
    assert await Bot.filter(creator_id=a.id).count() == 2
