"""The per-dialect aerich migrations: a fresh database reaches the models' schema and back.

Every migration step runs in a child process: aerich opens Tortoise itself and rebinds the model
classes to its dialect, which must not disturb the session-wide ORM of the other tests.
"""

from __future__ import annotations

import asyncio
import json
import re
import shutil
import sqlite3
import sys
import uuid
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import asyncpg
import pytest
from aerich.utils import decompress_dict, get_formatted_compressed_data, import_py_file

from models import migrate
from models.db import dialect
from tests.dbs import fresh_database

KINDS = ["sqlite", "postgres"]

STEPS = """
import asyncio, json, sys
from pathlib import Path
from models import migrate
from models.db import dialect

async def main(url, root, ops):
    out = {}
    for op in ops:
        if op == "generate":
            path = await migrate.generate(dialect(url), "check", root=root, stamp="1",
                                          database_url=url)
            out[op] = str(path or "")
        elif op.startswith("downgrade:"):
            out[op] = await migrate.downgrade(url, int(op.split(":")[1]), root=root)
        else:
            out[op] = await getattr(migrate, op)(url, root=root)
    return out

print(json.dumps(asyncio.run(main(sys.argv[1], Path(sys.argv[2]), sys.argv[3:]))))
"""

REFERENCE = """
import asyncio, json, sys
from tortoise import Tortoise, connections
from models import fts
from models.db import close_db, dialect, init_db

async def main(url):
    await init_db(url)
    await Tortoise.generate_schemas(safe=True)
    await fts.install(connections.get("default"), dialect(url))
    models = Tortoise.apps["models"].values()
    tables = {m._meta.db_table for m in models}
    tables |= {f.through for m in models for f in m._meta.fields_map.values()
               if getattr(f, "through", None)}
    await close_db()
    return sorted(tables)

print(json.dumps(asyncio.run(main(sys.argv[1]))))
"""


async def child(script: str, *args: str) -> Any:
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-c",
        script,
        *args,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(proc.communicate(), 120)
    assert proc.returncode == 0, err.decode()
    return json.loads(out.decode().splitlines()[-1])


async def steps(url: str, *ops: str, root: Path = migrate.MIGRATIONS_ROOT) -> dict[str, Any]:
    result: dict[str, Any] = await child(STEPS, url, str(root), *ops)
    return result


def sqlite_file(url: str) -> str:
    return url.removeprefix("sqlite://")


async def query(url: str, sql: str) -> list[tuple[Any, ...]]:
    if dialect(url) == "sqlite":
        with closing(sqlite3.connect(sqlite_file(url))) as conn:
            return [tuple(row) for row in conn.execute(sql)]
    conn = await asyncpg.connect(url)
    try:
        return [tuple(row) for row in await conn.fetch(sql)]
    finally:
        await conn.close()


# Relations that are not partitions: a partitioned table's monthly partitions are its storage.
PG_RELATIONS = (
    "SELECT oid, relname FROM pg_class WHERE relnamespace = 'public'::regnamespace "
    "AND NOT relispartition AND relkind IN ('r', 'p', 'i', 'I')"
)
# What partitioning `user_interaction` changes: its primary key includes the partition key.
PARTITIONED_PKEY = {
    ("user_interaction_pkey", "PRIMARY KEY (id, created_at)"),
    ("user_interaction_pkey", "created_at", None),  # the key index's second column
    (
        "user_interaction_pkey",
        "CREATE UNIQUE INDEX user_interaction_pkey ON public.user_interaction "
        "USING btree (id, created_at)",
    ),
}
PLAIN_PKEY = {
    ("user_interaction_pkey", "PRIMARY KEY (id)"),
    (
        "user_interaction_pkey",
        "CREATE UNIQUE INDEX user_interaction_pkey ON public.user_interaction USING btree (id)",
    ),
}


async def tables(url: str) -> set[str]:
    if dialect(url) == "sqlite":
        sql = "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
    else:
        sql = (
            "SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace "
            "AND relkind IN ('r', 'p') AND NOT relispartition"
        )
    return {row[0] for row in await query(url, sql)}


async def partitions(url: str, table: str) -> dict[str, str]:
    """PostgreSQL: partition name -> its bounds, for a partitioned table ({} for a plain one)."""
    rows = await query(
        url,
        "SELECT c.relname, pg_get_expr(c.relpartbound, c.oid) FROM pg_inherits i "
        f"JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = '{table}'::regclass",
    )
    return {name: bound for name, bound in rows}


def sqlite_schema(path: str) -> set[tuple[Any, ...]]:
    """Tables, columns (type, NOT NULL, key), foreign keys and indexes, read with PRAGMAs.

    Column order and defaults are left out: SQLite appends added columns and cannot drop the
    default that filled a NOT NULL column's existing rows, so a migrated table differs from a
    generated one only in those.
    """
    found: set[tuple[Any, ...]] = set()
    with closing(sqlite3.connect(path)) as conn:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for table in names:
            for _, name, kind, notnull, _default, pk in conn.execute(
                f'PRAGMA table_info("{table}")'
            ):
                found.add(("column", table, name, kind, notnull, pk))
            for row in conn.execute(f'PRAGMA foreign_key_list("{table}")'):
                found.add(("fk", table, *row[2:7]))
            for _, index, unique, origin, partial in conn.execute(f'PRAGMA index_list("{table}")'):
                cols = tuple(r[2] for r in conn.execute(f'PRAGMA index_info("{index}")'))
                found.add(
                    ("index", table, index if origin == "c" else origin, unique, cols, partial)
                )
    return found


async def schema(url: str) -> set[tuple[Any, ...]]:
    """Everything that makes a schema: tables, columns, types, nullability, indexes."""
    if dialect(url) == "sqlite":
        return sqlite_schema(sqlite_file(url))
    columns = await query(
        url,
        "SELECT table_name, column_name, data_type, is_nullable, column_default, "
        "character_maximum_length FROM information_schema.columns WHERE table_schema='public' "
        f"AND table_name IN (SELECT relname FROM ({PG_RELATIONS}) r)",
    )
    # A partitioned table's own indexes read "ON ONLY"; its partitions' indexes are left out.
    indexes = await query(
        url,
        "SELECT indexname, replace(indexdef, ' ON ONLY ', ' ON ') FROM pg_indexes "
        f"WHERE schemaname='public' AND tablename IN (SELECT relname FROM ({PG_RELATIONS}) r)",
    )
    constraints = await query(
        url,
        "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE connamespace = 'public'::regnamespace "
        f"AND conrelid IN (SELECT oid FROM ({PG_RELATIONS}) r)",
    )
    comments = await query(
        url,
        f"WITH r AS ({PG_RELATIONS}) "
        "SELECT r.relname, a.attname, col_description(r.oid, a.attnum) FROM r "
        "JOIN pg_attribute a ON a.attrelid = r.oid AND a.attnum >= 0 "
        "UNION SELECT relname, '', obj_description(oid, 'pg_class') FROM r",
    )
    return set(columns) | set(indexes) | set(constraints) | set(comments)


@pytest.mark.parametrize("kind", KINDS)
async def test_fresh_database_reaches_the_models_schema(kind: str, tmp_path: Path) -> None:
    async with fresh_database(kind, tmp_path) as url, fresh_database(kind, tmp_path) as ref:
        done = await steps(url, "upgrade", "pending")
        model_tables = set(await child(REFERENCE, ref))

        assert done == {"upgrade": migrate.history(url), "pending": []}
        assert {"creator", "bot", "message", "outbox_message", "bot_knowledge_base"} <= model_tables
        # the models' tables, and on SQLite the full-text index's own (`models.fts`)
        assert model_tables <= await tables(ref)
        assert await tables(url) == await tables(ref) | {"aerich"}
        migrated, generated = await schema(url), await schema(ref)
        if kind == "sqlite":
            # The same tables, columns, keys and indexes as Tortoise generates from the models.
            assert migrated == generated
            return
        # PostgreSQL: the same, except that the partitioned event log's key includes created_at.
        assert migrated - generated == PARTITIONED_PKEY
        assert generated - migrated == PLAIN_PKEY
        key = await query(url, "SELECT pg_get_partkeydef('user_interaction'::regclass)")
        assert key == [("RANGE (created_at)",)]
        months = await partitions(url, "user_interaction")
        assert months.pop("user_interaction_default") == "DEFAULT"
        assert len(months) == 4  # this month and three ahead


@pytest.mark.parametrize("kind", KINDS)
async def test_aerich_finds_no_model_change_after_upgrade(kind: str, tmp_path: Path) -> None:
    root = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS_ROOT / kind, root / kind)
    before = sorted(p.name for p in (root / kind).rglob("*.py"))
    async with fresh_database(kind, tmp_path) as url:
        done = await steps(url, "upgrade", "generate", root=root)

    assert done["upgrade"] == before
    assert done["generate"] == ""
    assert sorted(p.name for p in (root / kind).rglob("*.py")) == before


@pytest.mark.parametrize("kind", KINDS)
async def test_downgrade_to_nothing_then_upgrade_again(kind: str, tmp_path: Path) -> None:
    async with fresh_database(kind, tmp_path) as url:
        every = migrate.history(url)
        undo_all = f"downgrade:{len(every)}"
        first = await steps(url, "upgrade", undo_all, "pending", "applied")
        after_downgrade = await tables(url)
        history_rows = await query(url, "SELECT version FROM aerich")
        again = await steps(url, "upgrade", "downgrade", "upgrade")
        after_upgrade = await tables(url)

    assert first == {"upgrade": every, undo_all: every[::-1], "pending": every, "applied": []}
    assert after_downgrade == {"aerich"}
    assert history_rows == []
    assert again == {"upgrade": every[-1:], "downgrade": every[-1:]}
    assert {"creator", "message", "aerich", "user_interaction"} <= after_upgrade


async def insert_row(url: str, table: str, **given: Any) -> None:
    """One row with every NOT NULL column filled by type (given values win): schema-level data."""
    columns = await query(
        url,
        "SELECT column_name, data_type FROM information_schema.columns "
        f"WHERE table_name = '{table}' AND is_nullable = 'NO'",
    )
    filler = {"uuid": uuid.uuid4, "jsonb": lambda: "{}", "boolean": lambda: False}
    filler |= {"integer": lambda: 0, "bigint": lambda: 0, "timestamp with time zone": now}
    values = {name: given.get(name) or filler.get(kind, uuid_text)() for name, kind in columns}
    values |= given
    names = ", ".join(f'"{name}"' for name in values)
    marks = ", ".join(f"${i}" for i in range(1, len(values) + 1))
    conn = await asyncpg.connect(url)
    try:
        await conn.execute(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', *values.values())
    finally:
        await conn.close()


def now() -> datetime:
    return datetime.now(UTC)


def uuid_text() -> str:
    return uuid.uuid4().hex[:8]


async def test_partitioning_keeps_existing_events_both_ways(tmp_path: Path) -> None:
    root = tmp_path / "migrations"
    first, *later = migrate.history_files(migrate.migration_dir("postgres"))
    migrate.migration_dir("postgres", root).mkdir(parents=True)
    shutil.copy(migrate.migration_dir("postgres") / first, migrate.migration_dir("postgres", root))
    old = datetime(2025, 3, 14, 9, 30, tzinfo=UTC)
    async with fresh_database("postgres", tmp_path) as url:
        await steps(url, "upgrade", root=root)
        creator, bot, user = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
        await insert_row(url, "creator", id=creator)
        await insert_row(url, "bot", id=bot, creator_id=creator)
        await insert_row(url, "end_user", id=user, bot_id=bot, creator_id=creator)
        for when in (old, now()):
            await insert_row(url, "user_interaction", bot_id=bot, user_id=user, created_at=when)
        before = await query(url, "SELECT id, created_at FROM user_interaction ORDER BY 2")
        for name in later:
            shutil.copy(
                migrate.migration_dir("postgres") / name, migrate.migration_dir("postgres", root)
            )

        up = await steps(url, "upgrade", root=root)
        after_up = await query(url, "SELECT id, created_at FROM user_interaction ORDER BY 2")
        homes = await query(
            url, "SELECT tableoid::regclass::text FROM user_interaction ORDER BY created_at"
        )
        months = await partitions(url, "user_interaction")
        undo = f"downgrade:{len(later)}"
        down = await steps(url, undo, root=root)
        after_down = await query(url, "SELECT id, created_at FROM user_interaction ORDER BY 2")
        plain = await partitions(url, "user_interaction")

    assert up == {"upgrade": later}
    assert after_up == before and after_down == before
    # Every month from the oldest row on gets a partition, so no row lands in the default one.
    assert homes[0] == ("user_interaction_p2025_03",)
    assert homes[1] == (f"user_interaction_p{now():%Y_%m}",)
    assert "user_interaction_p2025_04" in months and "user_interaction_default" in months
    assert down == {undo: later[::-1]}
    assert plain == {}


def forget_model(migration: Path, model: str) -> None:
    """Rewrite a migration's recorded models state as if `model` did not exist yet."""
    state = decompress_dict(import_py_file(migration).MODELS_STATE)
    del state[model]
    text = re.sub(
        r"MODELS_STATE = \(\n.*?\n\)",
        lambda _: f"MODELS_STATE = (\n    {get_formatted_compressed_data(state)}\n)",
        migration.read_text(),
        flags=re.DOTALL,
    )
    migration.write_text(text)


async def test_make_migration_writes_both_dialects(tmp_path: Path) -> None:
    root = tmp_path / "migrations"
    for kind in KINDS:
        shutil.copytree(migrate.migration_dir(kind), migrate.migration_dir(kind, root))
        last = migrate.history_files(migrate.migration_dir(kind, root))[-1]
        forget_model(migrate.migration_dir(kind, root) / last, "models.AuditLog")

    made = await migrate.make_migration("add_audit_log", root=root)
    unchanged = await migrate.make_migration("nothing", root=root)

    assert [p.parent.parent.name for p in made] == KINDS
    assert made[0].name == made[1].name
    number = len(migrate.history_files(migrate.migration_dir("sqlite")))
    assert re.fullmatch(rf"{number}_\d{{14}}_add_audit_log\.py", made[0].name)
    sqlite_sql, postgres_sql = (p.read_text() for p in made)
    for sql in (sqlite_sql, postgres_sql):
        assert 'CREATE TABLE IF NOT EXISTS "audit_log"' in sql
        assert 'DROP TABLE IF EXISTS "audit_log"' in sql
    assert "TIMESTAMPTZ" in postgres_sql and "TIMESTAMPTZ" not in sqlite_sql
    assert "JSONB" in postgres_sql and "JSONB" not in sqlite_sql
    assert unchanged == []


async def test_make_initial_refuses_to_rewrite_history(tmp_path: Path) -> None:
    root = tmp_path / "migrations"
    for kind in KINDS:
        shutil.copytree(migrate.migration_dir(kind), migrate.migration_dir(kind, root))
    before = migrate.history_files(migrate.migration_dir("sqlite", root))

    with pytest.raises(migrate.MigrationError, match="would rewrite applied history"):
        await migrate.make_initial(root=root)
    assert len(before) > 1
    assert migrate.history_files(migrate.migration_dir("sqlite", root)) == before


async def test_make_migration_rejects_a_bad_name_and_uneven_sets(tmp_path: Path) -> None:
    root = tmp_path / "migrations"
    shutil.copytree(migrate.migration_dir("sqlite"), migrate.migration_dir("sqlite", root))

    with pytest.raises(migrate.MigrationError, match="lowercase letters"):
        await migrate.make_migration("Add Field", root=root)
    with pytest.raises(migrate.MigrationError, match="sets differ in length"):
        await migrate.make_migration("add_field", root=root)
