"""Fixtures shared by the whole suite: the parametrized database, settings, the keyring."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from tortoise import Tortoise, connections
from tortoise.backends.base.executor import EXECUTOR_CACHE

from bot.live import invalidate_bot
from models import fts
from models.db import close_db, dialect, init_db
from models.secrets import keyring
from tests.dbs import fresh_database

TEST_SECRET = "test-secret-key-for-parley"
SHARED = Path(__file__).resolve().parents[2] / "shared"


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
        await conn.execute_script(
            "TRUNCATE " + ", ".join(f'"{t}"' for t in tables) + " RESTART IDENTITY CASCADE"
        )
        return
    statements = "".join(f'DELETE FROM "{t}";' for t in tables)
    await conn.execute_script(f"PRAGMA foreign_keys=OFF;{statements}PRAGMA foreign_keys=ON;")


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
