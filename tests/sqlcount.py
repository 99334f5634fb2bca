"""Counting SQL statements at the connection level, on every dialect.

Tortoise's database clients (SQLite and asyncpg alike) log each statement they send on
`tortoise.db_client` just before executing it; a handler there sees every query, insert,
update and batch the ORM sends, and nothing else (transaction control, BEGIN/COMMIT/SAVEPOINT,
is not a statement here).
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from typing import Any

import aiosqlite
import pytest


class Statements(logging.Handler):
    """The statements sent while installed, as text (first 200 characters each)."""

    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.sent: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        args = record.args if isinstance(record.args, tuple) else ()
        self.sent.append(str(args[0] if args else record.msg)[:200])

    def __len__(self) -> int:
        return len(self.sent)

    def report(self) -> str:
        return "\n".join(f"{i}. {text}" for i, text in enumerate(self.sent, start=1))


@contextlib.contextmanager
def counting() -> Iterator[Statements]:
    logger = logging.getLogger("tortoise.db_client")
    level, propagate = logger.level, logger.propagate
    handler = Statements()
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    logger.propagate = False
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
        logger.propagate = propagate


@contextlib.contextmanager
def round_trips(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The calls the event loop sends to an aiosqlite connection's worker thread (SQLite: each
    is a round trip), by the name of the function run there."""
    calls: list[str] = []
    original = aiosqlite.Connection._execute

    async def counted(self: aiosqlite.Connection, fn: Any, *args: Any, **kwargs: Any) -> Any:
        calls.append(getattr(fn, "__name__", repr(fn)))
        return await original(self, fn, *args, **kwargs)

    monkeypatch.setattr(aiosqlite.Connection, "_execute", counted)
    yield calls
