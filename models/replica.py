"""Read replicas for analytics: reads inside `analytics_reads()` go to the `replica` connection.

Tortoise asks each router where a query goes; ours answers "replica" only for reads made while
an analytics context is open (the metrics API, studio analytics) and only when a replica is
configured. Writes, and every read of a turn, stay on the primary: a turn must see its own
writes, and a replica lags.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

REPLICA = "replica"
ROUTER = "models.replica.ReplicaRouter"
_analytics: ContextVar[bool] = ContextVar("parley_analytics_reads", default=False)


@contextmanager
def analytics_reads() -> Iterator[None]:
    """Reads in this block may be served by the replica (slightly stale is fine here)."""
    token = _analytics.set(True)
    try:
        yield
    finally:
        _analytics.reset(token)


class ReplicaRouter:
    """Tortoise router: analytics reads -> replica; everything else -> the default connection."""

    def db_for_read(self, model: type[Any]) -> str | None:
        return REPLICA if _analytics.get() else None

    def db_for_write(self, model: type[Any]) -> str | None:
        return None
