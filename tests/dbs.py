"""Test databases: a throwaway PostgreSQL database per session, a temp SQLite file otherwise."""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import asyncpg
import pytest

PG_SERVER = os.environ.get("PARLEY_TEST_PG_SERVER", "postgres@127.0.0.1:5432")
PG_ADMIN_DB = os.environ.get("PARLEY_TEST_PG_ADMIN_DB", "test")
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


async def postgres_available() -> str | None:
    """None when the server answers, else the reason it does not."""
    try:
        conn = await asyncpg.connect(f"postgres://{PG_SERVER}/{PG_ADMIN_DB}", timeout=3)
    except (OSError, asyncpg.PostgresError) as exc:
        return f"PostgreSQL at {PG_SERVER} unavailable: {exc}"
    await conn.close()
    return None


async def require_postgres() -> None:
    """Skip locally, fail under CI=true: CI must never silently drop the PostgreSQL run."""
    reason = await postgres_available()
    if reason is None:
        return
    if IN_CI:
        pytest.fail(f"{reason} (CI=true requires it)", pytrace=False)
    pytest.skip(reason)


@asynccontextmanager
async def fresh_postgres_database(template: str | None = None) -> AsyncIterator[str]:
    """Create an empty database (or a copy of `template`), yield its Tortoise URL, drop it
    afterwards."""
    await require_postgres()
    name = f"parley_test_{uuid.uuid4().hex[:12]}"
    admin = await asyncpg.connect(f"postgres://{PG_SERVER}/{PG_ADMIN_DB}")
    try:
        copy = f' TEMPLATE "{template}"' if template else ""
        await admin.execute(f'CREATE DATABASE "{name}"{copy}')
        try:
            yield f"postgres://{PG_SERVER}/{name}"
        finally:
            await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await admin.close()


@asynccontextmanager
async def fresh_database(kind: str, tmp: Path) -> AsyncIterator[str]:
    """An empty database of the given kind ('sqlite' or 'postgres')."""
    if kind == "postgres":
        async with fresh_postgres_database() as url:
            yield url
    else:
        yield f"sqlite://{tmp / f'parley-{uuid.uuid4().hex[:8]}.sqlite3'}"
