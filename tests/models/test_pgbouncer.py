"""Through a real PgBouncer in transaction mode: migrations refuse to run and say where to point
them; the app's asyncpg pool works with `statement_cache_size=0` taken from the URL."""

from __future__ import annotations

import asyncio

import asyncpg
import pytest
from tortoise.backends.asyncpg import AsyncpgDBClient
from tortoise.backends.base.config_generator import expand_db_url

from models import migrate
from models.pgbouncer import is_pgbouncer
from tests.dbs import PG_SERVER, fresh_postgres_database, require_postgres
from tests.pgbouncer import running_pgbouncer


def through(bouncer: str, url: str) -> str:
    """The same database URL, reached through PgBouncer instead of the server."""
    return url.replace(f"postgres://{PG_SERVER}/", f"postgres://{bouncer}/")


@pytest.mark.parametrize("admin_users", ["", "postgres"], ids=["not-allowed", "console-user"])
async def test_migrations_refuse_pgbouncer_and_name_the_fix(admin_users: str) -> None:
    async with (
        fresh_postgres_database() as url,
        running_pgbouncer(admin_users=admin_users) as bouncer,
    ):
        pooled = through(bouncer, url)
        with pytest.raises(migrate.MigrationError) as refused:
            await migrate.upgrade(pooled)
        with pytest.raises(migrate.MigrationError, match="run migrations against PostgreSQL"):
            await migrate.downgrade(pooled)
        conn = await asyncpg.connect(url)
        tables = await conn.fetchval("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
        await conn.close()
        direct = await is_pgbouncer(url)

    assert str(refused.value) == (
        f"{pooled} is PgBouncer, not PostgreSQL: run migrations against PostgreSQL directly "
        "(its own host and port), and keep PgBouncer for the app"
    )
    assert tables == 0  # nothing ran through the pooler
    assert direct is False


async def test_postgresql_itself_is_not_taken_for_pgbouncer() -> None:
    await require_postgres()
    async with fresh_postgres_database() as url:
        assert await is_pgbouncer(url) is False
        assert await migrate.upgrade(url) == migrate.history(url)


async def test_unreachable_url_is_left_to_the_migration_to_report() -> None:
    assert await is_pgbouncer("postgres://nobody@127.0.0.1:9/none") is False


async def queries_through(url: str) -> list[int]:
    """Many concurrent statements over Tortoise's asyncpg pool, configured from the URL alone."""
    credentials = expand_db_url(url)["credentials"] | {"minsize": 4, "maxsize": 4}
    client = AsyncpgDBClient(connection_name="pgbouncer-test", **credentials)
    await client.create_connection(with_db=True)
    try:

        async def one(i: int) -> int:
            _, rows = await client.execute_query("SELECT $1::int * 2 AS doubled", [i])
            return int(rows[0]["doubled"])

        return list(await asyncio.gather(*(one(i) for i in range(200))))
    finally:
        await client.close()


async def test_the_app_pool_works_through_pgbouncer_with_the_url_option() -> None:
    async with (
        fresh_postgres_database() as url,
        running_pgbouncer(pool_size=2) as bouncer,
    ):
        pooled = through(bouncer, url) + "?statement_cache_size=0"
        results = await queries_through(pooled)

    assert expand_db_url(pooled)["credentials"]["statement_cache_size"] == 0
    assert results == [2 * i for i in range(200)]
