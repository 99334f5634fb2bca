"""Prometheus metrics of one process (`parley_*`): turns, sends, queues, scheduler lag, errors.

Counters and histograms are counted where things happen (the engine's `handle`, each sender),
through wrappers the composition root puts around them. Queue depths and the scheduler's lag are
database facts shared by every process: `refresh()` reads them at scrape time. Each `Telemetry`
has its own registry, so two apps in one test process never share counts.
"""

from __future__ import annotations

import time
from datetime import datetime
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST
from tortoise.functions import Count

from bot.inbox import Handler
from bot.outbox import Delivery, Sender, SendFailed, SendResult
from models import InboxMessage, InboxStatus, OutboxMessage, OutboxStatus, ScheduledSend
from models.programs import SendStatus

CONTENT_TYPE = CONTENT_TYPE_LATEST
TURN_BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)
WAITING = (OutboxStatus.PENDING, OutboxStatus.SENDING, OutboxStatus.BLOCKED_BY_WINDOW)


class Telemetry:
    """The metric families of one Parley process."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        r = self.registry
        self.turns = Counter("parley_turns", "Turns handled", ["channel", "outcome"], registry=r)
        self.turn_seconds = Histogram(
            "parley_turn_duration_seconds",
            "Time to handle one inbound message",
            ["channel"],
            buckets=TURN_BUCKETS,
            registry=r,
        )
        self.sends = Counter(
            "parley_outbox_sends", "Send attempts by outcome", ["channel", "status"], registry=r
        )
        self.outbox_depth = Gauge(
            "parley_outbox_depth", "Outbox rows not finished", ["channel", "status"], registry=r
        )
        self.inbox_pending = Gauge(
            "parley_inbox_pending", "Accepted inbound messages not yet processed", registry=r
        )
        self.scheduler_lag = Gauge(
            "parley_scheduler_lag_seconds",
            "Age of the oldest scheduled send that is due and not yet queued",
            registry=r,
        )
        self.inbox_recoveries = Counter(
            "parley_inbox_recoveries", "Turns finished for a process that died", registry=r
        )
        self.errors = Counter(
            "parley_errors", "Errors by where they happened", ["where"], registry=r
        )

    async def refresh(self, now: datetime) -> None:
        """Read the shared queue figures (a few indexed aggregate queries)."""
        self.outbox_depth.clear()
        rows = await (
            OutboxMessage.filter(status__in=WAITING)
            .annotate(n=Count("id"))
            .group_by("channel", "status")
            .values("channel", "status", "n")
        )
        for row in rows:
            self.outbox_depth.labels(row["channel"], str(row["status"])).set(row["n"])
        self.inbox_pending.set(await InboxMessage.filter(status=InboxStatus.PENDING).count())
        oldest = await (
            ScheduledSend.filter(status=SendStatus.PENDING, due_at__lte=now)
            .order_by("due_at")
            .only("id", "due_at")
            .first()
        )
        lag = (now - oldest.due_at).total_seconds() if oldest is not None else 0.0
        self.scheduler_lag.set(max(0.0, lag))

    def render(self) -> bytes:
        return generate_latest(self.registry)


class TimedEngine:
    """`Engine.handle` with a count and a latency per channel (what the inbox and widget call)."""

    def __init__(self, handle: Handler, telemetry: Telemetry) -> None:
        self._handle = handle
        self.telemetry = telemetry

    async def handle(self, inbound: Any, **options: Any) -> Any:
        channel = str(getattr(inbound.channel, "value", inbound.channel))
        started = time.perf_counter()
        try:
            result = await self._handle(inbound, **options)
        except Exception:
            self.telemetry.turns.labels(channel, "error").inc()
            self.telemetry.errors.labels("turn").inc()
            raise
        self.telemetry.turn_seconds.labels(channel).observe(time.perf_counter() - started)
        outcome = "duplicate" if getattr(result, "duplicate", False) else "ok"
        if getattr(result, "failed", False):
            outcome = "failed"
            self.telemetry.errors.labels("turn").inc()
        self.telemetry.turns.labels(channel, outcome).inc()
        return result


class CountedSender:
    """A `Sender` whose outcomes are counted: sent, retry, failed, or the failure's code."""

    def __init__(self, channel: str, inner: Sender, telemetry: Telemetry) -> None:
        self.channel = channel
        self.inner = inner
        self.telemetry = telemetry

    @property
    def window(self) -> Any:
        return self.inner.window

    async def send(self, delivery: Delivery) -> SendResult:
        try:
            result = await self.inner.send(delivery)
        except SendFailed as exc:
            self.telemetry.sends.labels(self.channel, failure_status(exc)).inc()
            raise
        except Exception:
            self.telemetry.sends.labels(self.channel, "error").inc()
            self.telemetry.errors.labels("sender").inc()
            raise
        self.telemetry.sends.labels(self.channel, "sent").inc()
        return result


def failure_status(exc: SendFailed) -> str:
    if exc.retryable:
        return "retry"
    return "not_connected" if exc.code == "not_connected" else "failed"
