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
from contextlib import closing
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
        else:
            out[op] = await getattr(migrate, op)(url, root=root)
    return out

print(json.dumps(asyncio.run(main(sys.argv[1], Path(sys.argv[2]), sys.argv[3:]))))
"""

REFERENCE = """
import asyncio, json, sys
from tortoise import Tortoise
from models.db import close_db, init_db

async def main(url):
    await init_db(url)
    await Tortoise.generate_schemas(safe=True)
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


async def tables(url: str) -> set[str]:
    if dialect(url) == "sqlite":
        sql = "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
    else:
        sql = "SELECT table_name FROM information_schema.tables WHERE table_schema='public'"
    return {row[0] for row in await query(url, sql)}


async def schema(url: str) -> set[tuple[Any, ...]]:
    """Everything that makes a schema: tables, columns, types, nullability, indexes."""
    if dialect(url) == "sqlite":
        return set(await query(url, "SELECT type, name, tbl_name, sql FROM sqlite_master"))
    columns = await query(
        url,
        "SELECT table_name, column_name, data_type, is_nullable, column_default, "
        "character_maximum_length FROM information_schema.columns WHERE table_schema='public'",
    )
    indexes = await query(
        url, "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname='public'"
    )
    constraints = await query(
        url,
        "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE connamespace = 'public'::regnamespace",
    )
    comments = await query(
        url,
        "SELECT c.relname, a.attname, col_description(c.oid, a.attnum) FROM pg_class c "
        "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum >= 0 "
        "WHERE c.relnamespace = 'public'::regnamespace "
        "UNION SELECT relname, '', obj_description(oid, 'pg_class') FROM pg_class "
        "WHERE relnamespace = 'public'::regnamespace",
    )
    return set(columns) | set(indexes) | set(constraints) | set(comments)


@pytest.mark.parametrize("kind", KINDS)
async def test_fresh_database_reaches_the_models_schema(kind: str, tmp_path: Path) -> None:
    async with fresh_database(kind, tmp_path) as url, fresh_database(kind, tmp_path) as ref:
        done = await steps(url, "upgrade", "pending")
        model_tables = set(await child(REFERENCE, ref))

        assert done == {"upgrade": migrate.history(url), "pending": []}
        assert {"creator", "bot", "message", "outbox_message", "bot_knowledge_base"} <= model_tables
        assert await tables(url) == model_tables | {"aerich"}
        # The migrated schema is exactly what Tortoise generates from the models.
        assert await schema(url) == await schema(ref)


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
async def test_downgrade_initial_then_upgrade_again(kind: str, tmp_path: Path) -> None:
    async with fresh_database(kind, tmp_path) as url:
        first = await steps(url, "upgrade", "downgrade", "pending", "applied")
        after_downgrade = await tables(url)
        history_rows = await query(url, "SELECT version FROM aerich")
        again = await steps(url, "upgrade", "downgrade", "upgrade")
        after_upgrade = await tables(url)

    initial = migrate.history(url)[:1]
    assert first == {"upgrade": initial, "downgrade": initial, "pending": initial, "applied": []}
    assert after_downgrade == {"aerich"}
    assert history_rows == []
    assert again == {"upgrade": initial, "downgrade": initial}
    assert {"creator", "message", "aerich"} <= after_upgrade


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
        forget_model(next(migrate.migration_dir(kind, root).glob("0_*.py")), "models.AuditLog")

    made = await migrate.make_migration("add_audit_log", root=root)
    unchanged = await migrate.make_migration("nothing", root=root)

    assert [p.parent.parent.name for p in made] == KINDS
    assert made[0].name == made[1].name
    assert re.fullmatch(r"1_\d{14}_add_audit_log\.py", made[0].name)
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
        (migrate.migration_dir(kind, root) / "1_20260101000000_later.py").write_text("")

    with pytest.raises(migrate.MigrationError, match="would rewrite applied history"):
        await migrate.make_initial(root=root)
    assert len(migrate.history_files(migrate.migration_dir("sqlite", root))) == 2


async def test_make_migration_rejects_a_bad_name_and_uneven_sets(tmp_path: Path) -> None:
    root = tmp_path / "migrations"
    shutil.copytree(migrate.migration_dir("sqlite"), migrate.migration_dir("sqlite", root))

    with pytest.raises(migrate.MigrationError, match="lowercase letters"):
        await migrate.make_migration("Add Field", root=root)
    with pytest.raises(migrate.MigrationError, match="sets differ in length"):
        await migrate.make_migration("add_field", root=root)


async def test_make_initial_regenerates_the_committed_migrations(tmp_path: Path) -> None:
    root = tmp_path / "migrations"
    made = await migrate.make_initial(root=root)

    for path in made:
        committed = next(migrate.migration_dir(path.parent.parent.name).glob("0_*_init.py"))
        assert path.read_text() == committed.read_text()
