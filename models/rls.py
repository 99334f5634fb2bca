"""PostgreSQL row-level security on tenant tables: defence in depth behind `for_creator`.

Policies apply to the role `parley_tenant` and admit a row only when it belongs to the creator
named by the per-transaction setting `parley.creator_id`; without the setting a query as that
role sees no tenant row at all. The table owner (workers, webhooks, migrations) is not subject to
them. A request acting for one creator runs inside `tenant_scope(creator_id)`: one transaction,
`SET LOCAL ROLE parley_tenant`, the setting made with `set_config(..., true)`.

Cost (bench/rls.py): none measurable with one client; an API request now holds a pooled
connection for its whole duration, so give the pool room for the concurrent API requests
(`?maxsize=` on the database URL): 8 clients on the default pool of 5 ran at 0.33x, on 20 at
0.97x (p50 1.18x).

`install(conn, dialect)` is idempotent DDL; the migration that enables the feature calls it
(and the app calls it at start-up when `row_level_security` is on). SQLite: nothing to do.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any
from uuid import UUID

from tortoise import Tortoise
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.transactions import in_transaction

from models.base import TenantModel

ROLE = "parley_tenant"
SETTING = "parley.creator_id"
POLICY = "parley_tenant_rows"
CURRENT = f"NULLIF(current_setting('{SETTING}', true), '')::uuid"


def tenant_models() -> list[type[TenantModel]]:
    models = Tortoise.apps["models"].values()
    return sorted((m for m in models if issubclass(m, TenantModel)), key=lambda m: m._meta.db_table)


def predicate(model: type[Any], path: str) -> str:
    """SQL true for rows of the current creator, following `creator_path` through foreign keys
    (`bot__creator_id` -> `bot_id IN (SELECT id FROM bot WHERE creator_id = ...)`)."""
    head, _, rest = path.partition("__")
    if not rest:
        return f'"{head}" = {CURRENT}'
    field = model._meta.fields_map[head]
    related = field.related_model
    inner = predicate(related, rest)
    return f'"{field.source_field}" IN (SELECT "id" FROM "{related._meta.db_table}" WHERE {inner})'


def policy_sql(model: type[TenantModel]) -> str:
    table, rule = model._meta.db_table, predicate(model, model.creator_path)
    return (
        f'ALTER TABLE "{table}" ENABLE ROW LEVEL SECURITY;'
        f'DROP POLICY IF EXISTS {POLICY} ON "{table}";'
        f'CREATE POLICY {POLICY} ON "{table}" TO {ROLE} USING ({rule}) WITH CHECK ({rule});'
    )


ROLE_SQL = f"""
DO $$ BEGIN
  CREATE ROLE {ROLE} NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;
DO $$ BEGIN
  EXECUTE format('GRANT USAGE ON SCHEMA %I TO {ROLE}', current_schema());
  EXECUTE format(
    'GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO {ROLE}', current_schema()
  );
  EXECUTE format('GRANT {ROLE} TO %I', current_user);
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;
"""


async def install(conn: BaseDBAsyncClient, dialect: str) -> None:
    """Create the role, grant it the tables and (re)create every tenant table's policy."""
    if dialect != "postgres":
        return
    await conn.execute_script(ROLE_SQL + "".join(policy_sql(m) for m in tenant_models()))


@asynccontextmanager
async def tenant_scope(creator_id: UUID, *, dialect: str) -> AsyncIterator[None]:
    """Run the block in one transaction that the database limits to `creator_id`'s rows."""
    if dialect != "postgres":
        yield
        return
    async with in_transaction() as conn:
        await conn.execute_query(f"SET LOCAL ROLE {ROLE}")
        await conn.execute_query("SELECT set_config($1, $2, true)", [SETTING, str(creator_id)])
        yield
