"""Read replica: analytics reads (the metrics API) go to PARLEY_DATABASE_REPLICA_URL, turns and
writes never do. A second database on the same PostgreSQL server stands in for the replica."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from tortoise import Tortoise, connections

from bot.auth import issue_api_key
from models import Creator, Message
from models.analytics import EngagementMetric, dimensions_key
from models.db import close_db, dialect, init_db
from models.replica import REPLICA
from tests.channels.conftest import start
from tests.conftest import TEST_SECRET
from tests.dbs import fresh_postgres_database

DAY = date(2026, 3, 2)


@pytest.fixture
async def replica(db: str) -> AsyncIterator[str]:
    """The ORM reopened with a replica connection; the session's ORM is restored afterwards."""
    if dialect(db) != "postgres":
        pytest.skip("read replicas are a PostgreSQL deployment")
    async with fresh_postgres_database() as replica_url:
        await close_db()
        await init_db(replica_url, secret_keys=[TEST_SECRET])
        await Tortoise.generate_schemas()
        await close_db()
        await init_db(db, secret_keys=[TEST_SECRET], replica_url=replica_url)
        try:
            yield replica_url
        finally:
            await close_db()
            await init_db(db, secret_keys=[TEST_SECRET])


async def test_metrics_read_the_replica_and_turns_the_primary(
    db: str, replica: str, tmp_path: Path
) -> None:
    async for running in start(db, tmp_path):
        creator = await Creator.get(id=running.creator.id)
        standby = connections.get(REPLICA)
        await creator.save(using_db=standby, force_create=True)  # the row replication would copy
        await EngagementMetric(
            creator_id=creator.id,
            metric_type="active_users",
            metric_value=Decimal(42),
            dimensions={},
            dimensions_key=dimensions_key({}),
            date=DAY,
        ).save(using_db=standby)
        key = await issue_api_key(creator, ["read"])  # on the primary only
        response = await running.client.get(
            f"/api/v1/metrics?from={DAY}&to={DAY}&metric=active_users",
            headers={"Authorization": f"Bearer {key.token}"},
        )
        assert response.status == 200, await response.text()
        series = (await response.json())["series"]["active_users"]
        assert series == [{"date": str(DAY), "value": 42}]  # only the replica has this row
        assert await EngagementMetric.all().count() == 0  # ... the primary has none
        turn = await running.client.post(
            f"/widget/{running.bot.slug}/messages",
            json={"session": "replica-check", "id": "m-1", "text": "When are the quiet hours?"},
            headers={"X-Parley-Key": running.bot.public_key},
        )
        assert turn.status == 200  # the bot exists on the primary only: the turn read there
        assert await Message.filter(bot_id=running.bot.id).count() == 2
        assert await Message.all().using_db(standby).count() == 0
