"""Dedicated PostgreSQL sessions: the connections LISTEN and session advisory locks need.

A Tortoise (asyncpg) pool resets each connection it takes back (`pg_advisory_unlock_all()`,
`UNLISTEN *`), so anything that must outlive one query holds its own `asyncpg.connect()`.
Such a session must reach PostgreSQL directly: PgBouncer in transaction mode breaks both.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import asyncpg

# Query options Tortoise understands and asyncpg.connect() would send as server settings.
TORTOISE_OPTIONS = frozenset(
    {"minsize", "maxsize", "max_queries", "max_inactive_connection_lifetime", "schema"}
)
CONNECT_TIMEOUT_S = 5.0


def asyncpg_dsn(database_url: str) -> str:
    """A Tortoise PostgreSQL URL as a DSN asyncpg.connect() accepts."""
    parts = urlsplit(database_url)
    query = [(k, v) for k, v in parse_qsl(parts.query) if k not in TORTOISE_OPTIONS]
    return urlunsplit(("postgresql", parts.netloc, parts.path, urlencode(query), ""))


async def connect_session(database_url: str, *, application_name: str) -> asyncpg.Connection:
    """A connection of our own, named so `pg_stat_activity` shows which process holds it."""
    conn: asyncpg.Connection = await asyncpg.connect(
        asyncpg_dsn(database_url),
        timeout=CONNECT_TIMEOUT_S,
        server_settings={"application_name": application_name[:63]},
    )
    return conn


async def close_quietly(conn: asyncpg.Connection | None) -> None:
    """Close a session that may already be broken; the server drops its locks either way."""
    if conn is None or conn.is_closed():
        return
    try:
        await conn.close(timeout=2)
    except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError, TimeoutError):
        conn.terminate()
    except asyncpg.InternalClientError:  # a query was cut short (cancelled) mid-flight
        conn.terminate()


async def alive(conn: asyncpg.Connection | None) -> bool:
    """A round trip on the session: False if it is closed, broken or does not answer in 5 s."""
    if conn is None or conn.is_closed():
        return False
    try:
        await conn.fetchval("SELECT 1", timeout=5)
    except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError, TimeoutError):
        return False
    except asyncpg.InternalClientError:  # a session the server ended can be left mid-operation
        return False
    return True
