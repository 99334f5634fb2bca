"""Fixtures shared by the whole suite: the parametrized database, settings, the keyring."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from tortoise import Tortoise, connections
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.backends.base.executor import EXECUTOR_CACHE
from tortoise.exceptions import IntegrityError, OperationalError

from bot import auth
from bot.live import invalidate_bot
from models import fts
from models.db import close_db, dialect, init_db
from models.secrets import keyring
from tests.dbs import fresh_database

TEST_SECRET = "test-secret-key-for-parley"
SHARED = Path(__file__).resolve().parents[2] / "shared"

# tmp_path (and so every test's SQLite file, Chroma directory and server logs) in RAM when the
# machine has a tmpfs: the same files, without an fsync per commit on a disk other jobs share.
if os.access("/dev/shm", os.W_OK):
    os.environ.setdefault("PYTEST_DEBUG_TEMPROOT", "/dev/shm")


@pytest.fixture(scope="session", autouse=True)
def cheap_password_hashing() -> Iterator[None]:
    """argon2id at its lowest cost for hashes made in tests: still argon2id, still verified by
    `PasswordHasher().verify` (parameters live in each hash), ~0.1 ms instead of ~0.3 s of CPU
    for each of the thousands of creators and people the suite creates."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(auth, "_hasher", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
        yield


@pytest.fixture(scope="session", params=["sqlite", "postgres"])
async def orm(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[str]:
    """The ORM opened on a fresh database of each dialect with the schema generated."""
    async with fresh_database(request.param, tmp_path_factory.mktemp("db")) as url:
        await init_db(url, secret_keys=[TEST_SECRET])
        await Tortoise.generate_schemas()
        await fts.install(connections.get("default"), dialect(url))
        try:
            yield url
        finally:
            await close_db()
            # Tortoise caches insert SQL per connection *name*; the next dialect needs its own.
            EXECUTOR_CACHE.clear()


@pytest.fixture
async def db(orm: str) -> AsyncIterator[str]:
    """An empty schema for each test; yields the database URL."""
    await truncate_all(orm)
    invalidate_bot()  # the process caches of the previous test's bots
    keyring.configure([TEST_SECRET])
    yield orm


async def truncate_all(url: str) -> None:
    conn = connections.get("default")
    tables = [m._meta.db_table for m in Tortoise.apps["models"].values()]
    if dialect(url) == "postgres":
        if not await _delete_all_postgres(conn, tables):
            await conn.execute_script(
                "TRUNCATE " + ", ".join(f'"{t}"' for t in tables) + " RESTART IDENTITY CASCADE"
            )
        return
    statements = "".join(f'DELETE FROM "{t}";' for t in tables)
    await conn.execute_script(f"PRAGMA foreign_keys=OFF;{statements}PRAGMA foreign_keys=ON;")


# Sequences owned by a column of the given tables (serial or identity), as TRUNCATE's RESTART
# IDENTITY finds them, set back to their start.
_RESTART_SEQUENCES = """
SELECT setval(q.seqrelid, q.seqstart, false) FROM pg_sequence q
JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = q.seqrelid
 AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
WHERE d.refobjid = ANY($1::text[]::regclass[])
"""


async def _delete_all_postgres(conn: BaseDBAsyncClient, tables: list[str]) -> bool:
    """Leave what `TRUNCATE ... RESTART IDENTITY CASCADE` leaves (every table empty, owned
    sequences restarted) with DELETE, which costs milliseconds where TRUNCATE swaps the files of
    every table and index (~0.5-2 s per test). False if a row survived (a foreign key that
    restricts, a policy, a trigger): the caller then truncates."""
    quoted = [f'"{t}"' for t in tables]
    try:
        await conn.execute_script("".join(f"DELETE FROM {t};" for t in quoted))
    except (IntegrityError, OperationalError):  # a restricting key, a refusing trigger
        return False
    probe = " OR ".join(f"EXISTS (SELECT 1 FROM {t})" for t in quoted)
    _, rows = await conn.execute_query(f"SELECT {probe} AS left_over")
    if rows[0]["left_over"]:
        return False
    await conn.execute_query(_RESTART_SEQUENCES, [quoted])
    return True


@pytest.fixture
def shared_dir() -> Path:
    """`../shared` beside the checkout (always there in CI; a user's clone may lack it)."""
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} not present: shared evaluation data is not part of a clone")
    return SHARED


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Path]:
    """No PARLEY_* from the developer's shell leaks into a test; cwd is a temp dir."""
    import os

    for name in list(os.environ):
        if name.startswith("PARLEY_"):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    yield tmp_path


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):  # type: ignore[no-untyped-def]
    """Expose each phase's report on the item (browser tests screenshot failures)."""
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report
