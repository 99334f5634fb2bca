"""Raw statements portable across SQLite and PostgreSQL: placeholders, reads, bulk INSERTs.

Batches of hundreds of rows (the scheduler's sweep) and of one to three (a turn) are written
with one raw INSERT per table, no ORM object per row. `Insert` fills the columns a batch does
not give from the model's own field defaults and encoders, so a row written here reads back
through the ORM exactly as a `bulk_create` row would. Ids travel as text (what SQLite stores;
asyncpg encodes it to uuid).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, cast

from tortoise import timezone
from tortoise.backends.base.client import BaseDBAsyncClient, TransactionalDBClient
from tortoise.exceptions import IntegrityError, OperationalError
from tortoise.fields import Field
from tortoise.models import Model

from bot.rawsql import Params


async def fetch(db: BaseDBAsyncClient, sql: str, params: Params) -> list[Sequence[Any]]:
    _, rows = await db.execute_query(sql, params.values)
    return cast(list[Sequence[Any]], list(rows))  # sqlite3.Row / asyncpg Record: by position


def moment(value: datetime | str) -> datetime:
    """A stored timestamp as the ORM reads it: tz-aware UTC (SQLite hands back text)."""
    parsed = datetime.fromisoformat(value) if isinstance(value, str) else value
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def maybe_moment(value: datetime | str | None) -> datetime | None:
    return None if value is None else moment(value)


def text_id(value: Any) -> str | None:
    return None if value is None else str(value)


def db_value(model: type[Model], name: str, value: Any) -> Any:
    """`value` as the ORM would write it to the column of `model.name` (JSON encoded, ...)."""
    return model._meta.fields_map[name].to_db_value(value, model)


@dataclass(frozen=True)
class Insert:
    """A raw bulk INSERT into one model's table: each row gives `columns` (by field name, in
    order); every other column gets the model's default, exactly as `bulk_create` writes it.

    SQLite: one `executemany` (one row: a plain execute, which outside a transaction commits
    by itself instead of costing BEGIN and COMMIT round trips). PostgreSQL: one INSERT over
    `unnest` of a typed array per column (one statement for the batch, not one per row as
    `executemany` runs).
    """

    model: type[Model]
    columns: tuple[str, ...]
    ignore_conflicts: bool = False
    _sql: dict[str, str] = field(default_factory=dict, compare=False, repr=False)  # by dialect
    _static: dict[str, tuple[Any] | None] = field(default_factory=dict, compare=False, repr=False)

    async def run(self, db: BaseDBAsyncClient, rows: Sequence[tuple[Any, ...]]) -> None:
        batch = Batch(db)
        self.queue(batch, rows)
        await batch.run()

    def queue(self, batch: Batch, rows: Sequence[tuple[Any, ...]]) -> None:
        """Add the INSERT of `rows` to `batch` (nothing when there are none)."""
        if not rows:
            return
        defaults = self.defaults()
        if batch.postgres:
            arrays = [list(column) for column in zip(*rows, strict=True)]
            batch.add(self.sql("postgres", defaults), [*arrays, *defaults.values()])
        elif len(rows) == 1:
            batch.add(self.sql("sqlite", defaults), [*rows[0], *defaults.values()])
        else:
            tail = list(defaults.values())
            batch.add_many(self.sql("sqlite", defaults), [[*row, *tail] for row in rows])

    def sql(self, dialect: str, defaults: dict[str, Any]) -> str:
        """The statement, built once per dialect (the defaulted columns never change)."""
        if dialect not in self._sql:
            build = self.unnest_sql if dialect == "postgres" else self.values_sql
            self._sql[dialect] = build(defaults)
        return self._sql[dialect]

    def defaults(self) -> dict[str, Any]:
        """Field name -> database value for every field the rows do not give (a fixed default
        is encoded once; the moment and default factories are asked on every call)."""
        meta = self.model._meta
        if not self._static:  # name -> value once for a fixed default, None for the others
            for name in meta.fields_db_projection:
                if name not in self.columns:
                    column = meta.fields_map[name]
                    fixed = static_default(column)
                    self._static[name] = (
                        (default_of(self.model, column, NO_TIME),) if fixed else None
                    )
        now = timezone.localtime()  # what auto_now(_add) fields get
        return {
            name: fixed[0] if fixed else default_of(self.model, meta.fields_map[name], now)
            for name, fixed in self._static.items()
        }

    def values_sql(self, defaults: dict[str, Any]) -> str:
        marks = ", ".join("?" for _ in range(len(self.columns) + len(defaults)))
        return f"{self.into(defaults)} VALUES ({marks}){self.conflict}"

    def unnest_sql(self, defaults: dict[str, Any]) -> str:
        given = len(self.columns)
        arrays = ", ".join(f"${n}::{self.pg_type(c)}[]" for n, c in enumerate(self.columns, 1))
        fixed = "".join(f", ${n}::{self.pg_type(c)}" for n, c in enumerate(defaults, given + 1))
        return f"{self.into(defaults)} SELECT u.*{fixed} FROM unnest({arrays}) AS u{self.conflict}"

    def into(self, defaults: dict[str, Any]) -> str:
        projection = self.model._meta.fields_db_projection
        names = ", ".join(f'"{projection[n]}"' for n in (*self.columns, *defaults))
        return f'INSERT INTO "{self.model._meta.db_table}" ({names})'

    @property
    def conflict(self) -> str:
        return " ON CONFLICT DO NOTHING" if self.ignore_conflicts else ""

    def pg_type(self, name: str) -> str:
        return str(self.model._meta.fields_map[name].get_for_dialect("postgres", "SQL_TYPE"))


NO_TIME = datetime.min.replace(tzinfo=UTC)  # never used: a fixed default ignores the moment


def static_default(column: Field[Any]) -> bool:
    """The field's default is the same value every time (no clock, no factory)."""
    moment = getattr(column, "auto_now", False) or getattr(column, "auto_now_add", False)
    return not moment and not callable(column.default)


def default_of(model: type[Model], column: Field[Any], now: datetime) -> Any:
    if column.pk:
        raise ValueError(f"{model.__name__}: every row must give its primary key")
    if getattr(column, "auto_now", False) or getattr(column, "auto_now_add", False):
        return column.to_db_value(now, model)
    value = column.default() if callable(column.default) else column.default
    return column.to_db_value(value, model)


@dataclass(frozen=True)
class Statement:
    """A raw statement for a hot path, written once with `{}` for each placeholder and rendered
    once per dialect (`?` on SQLite, `$n` on PostgreSQL): no query builder per call."""

    template: str
    _sql: dict[str, str] = field(default_factory=dict, compare=False, repr=False)  # by dialect

    def sql(self, dialect: str) -> str:
        if dialect not in self._sql:
            count = self.template.count("{}")
            marks = [f"${n}" if dialect == "postgres" else "?" for n in range(1, count + 1)]
            self._sql[dialect] = self.template.format(*marks)
        return self._sql[dialect]

    async def run(self, db: BaseDBAsyncClient, *values: Any) -> list[Sequence[Any]]:
        """Execute with `values` (ids as text, as SQLite stores them); the rows it returned."""
        _, rows = await db.execute_query(self.sql(db.capabilities.dialect), list(values))
        return cast(list[Sequence[Any]], list(rows))

    def queue(self, batch: Batch, *values: Any) -> None:
        """Add this statement with `values` to `batch` (its rows are not returned)."""
        batch.add(self.sql("postgres" if batch.postgres else "sqlite"), list(values))


@dataclass
class Batch:
    """Write statements sent together, in order, by `run()`.

    Inside a transaction on SQLite the batch is one call on the connection's worker thread (one
    round trip from the event loop, ~0.1 ms of CPU each, instead of one per statement); each
    statement is still logged on `tortoise.db_client` as the client would log it, and its
    errors are Tortoise's. Elsewhere (PostgreSQL, SQLite outside a transaction) each statement
    runs through the client as before: same statements, same order, same results.
    """

    db: BaseDBAsyncClient
    queued: list[tuple[str, list[Any], bool]] = field(default_factory=list)  # sql, values, many

    @property
    def postgres(self) -> bool:
        return self.db.capabilities.dialect == "postgres"

    def add(self, sql: str, values: list[Any]) -> None:
        self.queued.append((sql, values, False))

    def add_many(self, sql: str, rows: list[list[Any]]) -> None:
        self.queued.append((sql, rows, True))

    async def run(self, *, commit: bool = False) -> None:
        """Send the statements; `commit` (SQLite, in a transaction: see
        `bot.delivery.transaction.finish`): and COMMIT, in the same call."""
        queued, self.queued = self.queued, []
        one_trip = len(queued) > 1 and isinstance(self.db, TransactionalDBClient)
        begin_pending = getattr(self.db, "begin_pending", False)  # see bot.delivery.transaction
        if commit or begin_pending or (one_trip and not self.postgres):
            await self._one_trip(queued, commit=commit)
            return
        for sql, values, many in queued:
            if many:
                await self.db.execute_many(sql, values)
            else:
                await self.db.execute_query(sql, values)

    async def _one_trip(self, queued: list[tuple[str, list[Any], bool]], *, commit: bool) -> None:
        for sql, values, _ in queued:
            self.db.log.debug("%s: %s", sql, values)
        take_begin = getattr(self.db, "take_begin", None)
        begin = bool(take_begin()) if take_begin is not None else False
        async with self.db.acquire_connection() as connection:
            try:
                await connection._execute(_execute_all, connection._conn, queued, begin, commit)
            except sqlite3.OperationalError as exc:
                raise OperationalError(exc) from exc
            except sqlite3.IntegrityError as exc:
                raise IntegrityError(exc) from exc


def _execute_all(
    conn: sqlite3.Connection, queued: list[tuple[str, list[Any], bool]], begin: bool, commit: bool
) -> None:
    """On the SQLite connection's own thread: if asked, what the transaction's begin sends;
    each statement, in order, as the client would; then, if asked, the COMMIT the transaction's
    exit would send."""
    if begin:
        begin_on(conn)
    for sql, values, many in queued:
        if many:
            conn.executemany(sql, values)
        else:
            conn.execute(sql, values).close()
    if commit:
        conn.commit()


def begin_on(conn: sqlite3.Connection) -> None:
    """On the connection's thread: what Tortoise's begin of a SQLite transaction sends."""
    conn.commit()  # ends a transaction left open; a no-op otherwise
    conn.execute("BEGIN").close()
