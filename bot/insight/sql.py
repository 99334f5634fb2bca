"""Raw, parameterised SELECTs for the joins the ORM cannot group by local time (both dialects)."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any
from uuid import UUID

from tortoise import connections

from bot.insight.localtime import sql_instant

MARK = re.compile(r"\?")


def is_postgres() -> bool:
    return bool(connections.get("default").capabilities.dialect == "postgres")


def plus_one_day(column: str) -> str:
    """`column + 24 h`, comparable with stored timestamps."""
    if is_postgres():
        return f"({column} + INTERVAL '1 day')"
    return f"(datetime({column}, '+1 day') || '+00:00')"


def unindexed(column: str) -> str:
    """`column` as a term SQLite picks no index for (its documented unary `+`): for a filter
    that a better index of the query's other terms should serve. Without statistics SQLite
    prefers any equality index; PostgreSQL plans by its statistics."""
    return column if is_postgres() else f"+{column}"


def bind(value: Any, postgres: bool) -> Any:
    if postgres:
        return value
    if isinstance(value, datetime):
        return sql_instant(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, UUID):
        return str(value)
    return value


async def select(sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
    """Rows of `sql` written with `?` placeholders (numbered for PostgreSQL)."""
    postgres = is_postgres()
    if postgres:
        counter = iter(range(1, len(params) + 1))
        sql = MARK.sub(lambda _: f"${next(counter)}", sql)
    conn = connections.get("default")
    _, rows = await conn.execute_query(sql, [bind(p, postgres) for p in params])
    return [tuple(row) for row in rows]
