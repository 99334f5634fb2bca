"""The program scheduler: periodic sweeps turn due ledger rows into outbox rows, exactly once.

Everything it needs is in the database: `ScheduledSend` rows (steps and nudges, written by the
runner and the enrollment service) are taken in batches of at most `batch_size`, each batch in
one transaction (see bot/programs/sweep.py). Only one process sweeps at a time: on PostgreSQL
each batch first takes a transaction-level advisory lock (a second sweeper gives up and leaves
the work to the holder) and locks its rows with SKIP LOCKED; SQLite serves one process.
`sweep_once(now)` is what tests and `parley simulate` drive; `start()`/`shutdown()` run it on
an APScheduler interval inside the app, together with the monthly-partition upkeep of the
PostgreSQL event log (bot/partitions.py) every `partitions_every`, and the daily metrics
rollup (`rollup`, e.g. bot.metrics.DailyRollup) every `rollup_every`.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, fields
from datetime import UTC, datetime, timedelta

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.transactions import in_transaction

from bot.clock import Clock
from bot.partitions import maintain_partitions
from bot.programs import journey, sweep
from models import EnrollmentStatus, ProgramEnrollment

log = logging.getLogger(__name__)
SWEEP_LOCK_KEY = 0x5061726C6579  # "Parley": the advisory lock every sweeper contends for
Cleanup = Callable[[datetime], Awaitable[int]]
MAX_BATCHES = 10_000  # a backstop: every batch settles its rows, so sweeps end long before


@dataclass
class SweepReport:
    """What one sweep did; `locked_out` means another process held the sweep lock."""

    steps: int = 0
    nudges: int = 0
    deferred: int = 0
    skipped: int = 0
    cancelled: int = 0
    resumed: int = 0
    cleaned: int = 0
    batches: int = 0
    locked_out: bool = False

    @property
    def queued(self) -> int:
        return self.steps + self.nudges

    def add(self, counts: sweep.Counts) -> None:
        for name in (f.name for f in fields(counts)):
            setattr(self, name, getattr(self, name) + getattr(counts, name))


class Scheduler:
    """Sweeps due program work into the outbox; one instance per process."""

    def __init__(
        self,
        *,
        clock: Clock,
        batch_size: int = 500,
        interval_s: float = 30.0,
        cleanup: Cleanup | None = None,
        cleanup_every: timedelta = timedelta(hours=1),
        on_queued: Callable[[], None] | None = None,
        partitions_ahead: int = 3,
        partitions_every: timedelta = timedelta(hours=6),
        interaction_retention_months: int | None = None,
        rollup: Cleanup | None = None,
        rollup_every: timedelta = timedelta(hours=1),
    ) -> None:
        if not 1 <= batch_size <= 500:
            raise ValueError("batch_size must be between 1 and 500")
        self.clock = clock
        self.batch_size = batch_size
        self.interval_s = interval_s
        self.cleanup = cleanup
        self.cleanup_every = cleanup_every
        self.on_queued = on_queued
        self.partitions_ahead = partitions_ahead
        self.partitions_every = partitions_every
        self.interaction_retention_months = interaction_retention_months
        self.rollup = rollup
        self.rollup_every = rollup_every
        self._last_cleanup: datetime | None = None
        self._aps: AsyncIOScheduler | None = None

    async def sweep_once(self, now: datetime | None = None) -> SweepReport:
        """Resume expired pauses, send everything due by `now`, run the cleanup hook if due."""
        now = now or self.clock.now()
        report = SweepReport(resumed=await resume_expired(now, self.batch_size))
        while report.batches < MAX_BATCHES:
            taken = await self._batch(now, report)
            if taken is None:
                report.locked_out = True
                break
            if taken < self.batch_size:
                break
        report.cleaned = await self._cleanup(now)
        if report.queued and self.on_queued is not None:
            self.on_queued()
        return report

    async def _batch(self, now: datetime, report: SweepReport) -> int | None:
        """One transaction: lock, take up to batch_size due rows, settle each. None: locked out."""
        async with in_transaction() as conn:
            postgres = is_postgres(conn)
            if postgres and not await try_sweep_lock(conn):
                return None
            rows = await sweep.due_rows(now, self.batch_size, lock_rows=postgres)
            if rows:
                report.add(await sweep.run_batch(rows, now))
                report.batches += 1
            return len(rows)

    async def _cleanup(self, now: datetime) -> int:
        if self.cleanup is None:
            return 0
        if self._last_cleanup is not None and now - self._last_cleanup < self.cleanup_every:
            return 0
        self._last_cleanup = now
        return await self.cleanup(now)

    # --- running inside the app ---------------------------------------------------------------

    def start(self) -> None:
        """Sweep every `interval_s` seconds; call from the running event loop, after init_db."""
        if self._aps is not None:
            return
        self._aps = AsyncIOScheduler(timezone=UTC)
        self._aps.add_job(
            self._tick,
            "interval",
            seconds=self.interval_s,
            id="parley-program-sweep",
            max_instances=1,
            coalesce=True,
            next_run_time=datetime.now(UTC),
        )
        self._aps.add_job(
            self._maintain_partitions,
            "interval",
            seconds=self.partitions_every.total_seconds(),
            id="parley-partition-upkeep",
            max_instances=1,
            coalesce=True,
            next_run_time=datetime.now(UTC),
        )
        if self.rollup is not None:
            self._aps.add_job(
                self.rollup_once,
                "interval",
                seconds=self.rollup_every.total_seconds(),
                id="parley-metrics-rollup",
                max_instances=1,
                coalesce=True,
                # not at start-up: a process that starts and stops (tests, deploys) never
                # leaves a half-run rollup behind; the next hour is soon enough
                next_run_time=datetime.now(UTC) + self.rollup_every,
            )
        self._aps.start()

    def shutdown(self) -> None:
        if self._aps is not None:
            self._aps.shutdown(wait=False)
            self._aps = None

    @property
    def running(self) -> bool:
        return self._aps is not None and bool(self._aps.running)

    async def _tick(self) -> None:
        report = await self.sweep_once(self.clock.now())
        if report.queued or report.cancelled:
            log.info(
                "sweep: %d steps, %d nudges queued, %d deferred, %d skipped, %d cancelled",
                report.steps,
                report.nudges,
                report.deferred,
                report.skipped,
                report.cancelled,
            )

    async def rollup_once(self, now: datetime | None = None) -> int:
        """Run the metrics rollup hook; how many creators it rolled up."""
        if self.rollup is None:
            return 0
        done = await self.rollup(now or self.clock.now())
        if done:
            log.info("metrics rollup: %d creator(s)", done)
        return done

    async def _maintain_partitions(self) -> None:
        await maintain_partitions(
            self.clock.now(),
            ahead=self.partitions_ahead,
            retain_months=self.interaction_retention_months,
        )


def is_postgres(conn: BaseDBAsyncClient) -> bool:
    return bool(conn.capabilities.dialect == "postgres")


async def try_sweep_lock(conn: BaseDBAsyncClient) -> bool:
    """PostgreSQL: the sweep lock for this transaction, or False when another sweeper holds it."""
    _, rows = await conn.execute_query(
        "SELECT pg_try_advisory_xact_lock($1) AS locked", [SWEEP_LOCK_KEY]
    )
    return bool(rows[0]["locked"])


async def resume_expired(now: datetime, limit: int) -> int:
    """Pauses with an end date that has passed become active again."""
    expired = await (
        ProgramEnrollment.filter(status=EnrollmentStatus.PAUSED, paused_until__lte=now)
        .select_related("user")
        .limit(limit)
    )
    for enrollment in expired:
        user = enrollment.user
        place = await journey.load_place(enrollment, user, user.channel)
        await journey.resume(place, now)
    return len(expired)
