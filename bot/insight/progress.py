"""The funnel's per-step counts (how many enrolments of a range reached each step, how many
completed it), read from a stored snapshot plus what happened since.

Unlike the other tallies these counts never close: a learner enrolled in January can reach a
step today. So the rollup stores the whole program's counts as of a cutoff C (a local midnight
at least `SETTLE` ago), per local enrolment day and step, and a page adds, live, only the
progress rows created or completed since C (a day's worth, read through the `created_at` and
`completed_at` indexes). Each row counts on one side of C: reached by `created_at`, completed
by `completed_at`, both set once and never moved; so stored + live equals a count from scratch.

The snapshot is replaced whole when its cutoff moves (once a local day) and ignored when it was
taken in another time zone; merging two learners drops it (`tallies.forget`), as rows then
change enrolment.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from uuid import UUID
from zoneinfo import ZoneInfo

from tortoise.transactions import in_transaction

from bot.insight.localtime import as_date, midnight
from bot.insight.scope import Scope
from bot.insight.sql import select
from bot.insight.tallies import DONE, SNAPSHOT, local_time
from models import InsightTally, Program

SETTLE = timedelta(hours=1)  # a row written before C commits within this long after C
REACHED, COMPLETED = "reached", "completed"
StepCounts = dict[str, tuple[int, int]]  # step -> (reached, completed)


def marker(tz: ZoneInfo) -> str:
    """The key of the row holding the snapshot's cutoff (its `n`: the cutoff's Unix time)."""
    return f"{DONE} {tz.key}"


def cutoff_day(now: datetime, tz: ZoneInfo) -> date:
    """The local day whose midnight is the last at least SETTLE before `now`."""
    return (now - SETTLE).astimezone(tz).date()


def live_sql() -> str:
    """Per step, among the range's enrolments: rows created since ?, rows completed since ?."""
    return (
        "SELECT p.step_id, SUM(CASE WHEN p.created_at >= ? THEN 1 ELSE 0 END),"
        " SUM(CASE WHEN p.completed_at >= ? THEN 1 ELSE 0 END) FROM step_progress p"
        # CROSS JOIN: SQLite starts from the recent rows (two indexes), PostgreSQL plans freely
        " CROSS JOIN program_enrollment e WHERE e.id = p.enrollment_id"
        " AND (p.created_at >= ? OR p.completed_at >= ?)"
        " AND e.program_id = ? AND e.enrolled_at >= ? AND e.enrolled_at < ? GROUP BY 1"
    )


async def counted_since(scope: Scope, program: Program, since: datetime) -> StepCounts:
    rows = await select(
        live_sql(), [since, since, since, since, program.id, scope.start, scope.end]
    )
    return {str(step): (int(got or 0), int(done or 0)) for step, got, done in rows}


async def stored(scope: Scope, program: Program) -> tuple[StepCounts, datetime | None]:
    """The snapshot's counts for the scope's enrolment days, and its cutoff (None: no snapshot
    in the scope's zone). One statement, so a rollup replacing the snapshot is never half seen."""
    rows = await select(
        'SELECT "key", SUM(n) FROM insight_tally WHERE subject_id = ? AND kind = ?'
        ' AND ((period >= ? AND period <= ?) OR "key" = ?) GROUP BY 1',
        [program.id, SNAPSHOT, scope.span.first, scope.span.last, marker(scope.tz)],
    )
    sums = {str(key): int(n) for key, n in rows}
    cut = sums.pop(marker(scope.tz), None)
    counts: StepCounts = {}
    for key, n in sums.items():
        if key.startswith(DONE):
            continue  # a snapshot of another zone (the next rollup replaces it)
        what, step = key.split(" ", 1)
        add(counts, step, (n, 0) if what == REACHED else (0, n))
    when = None if cut is None else datetime.fromtimestamp(cut, tz=scope.tz)
    return counts, when


def add(counts: StepCounts, step: str, more: tuple[int, int]) -> None:
    before = counts.get(step, (0, 0))
    counts[step] = (before[0] + more[0], before[1] + more[1])


async def step_counts(scope: Scope, program: Program) -> StepCounts:
    """Per step: (reached, completed) of the enrolments made in the range."""
    counts, cut = await stored(scope, program)
    if cut is None:
        return await from_scratch(scope, program)
    for step, more in (await counted_since(scope, program, cut)).items():
        add(counts, step, more)
    return counts


async def from_scratch(scope: Scope, program: Program) -> StepCounts:
    rows = await select(
        "SELECT p.step_id, COUNT(*), COUNT(p.completed_at) FROM program_enrollment e"
        " JOIN step_progress p ON p.enrollment_id = e.id"
        " WHERE e.program_id = ? AND e.enrolled_at >= ? AND e.enrolled_at < ? GROUP BY 1",
        [program.id, scope.start, scope.end],
    )
    return {str(step): (int(got), int(done)) for step, got, done in rows}


async def counted_before(program: Program, cut: datetime, tz: ZoneInfo) -> dict[date, StepCounts]:
    """Per local enrolment day and step: rows created before `cut`, rows completed before it."""
    local = local_time(tz, min(program.created_at, cut), cut)
    rows = await select(
        f"SELECT {local.day('e.enrolled_at')}, p.step_id,"
        " SUM(CASE WHEN p.created_at < ? THEN 1 ELSE 0 END),"
        " SUM(CASE WHEN p.completed_at < ? THEN 1 ELSE 0 END) FROM program_enrollment e"
        " JOIN step_progress p ON p.enrollment_id = e.id WHERE e.program_id = ?"
        " AND (p.created_at < ? OR p.completed_at < ?) GROUP BY 1, 2",
        [cut, cut, program.id, cut, cut],
    )
    out: dict[date, StepCounts] = {}
    for day, step, got, done in rows:
        out.setdefault(as_date(day), {})[str(step)] = (int(got or 0), int(done or 0))
    return out


async def snapshot(program: Program, creator_id: UUID, *, now: datetime, tz: ZoneInfo) -> int:
    """Replace the program's snapshot when its cutoff moved (or its zone changed); 1 if it did."""
    day = cutoff_day(now, tz)
    cut = midnight(day, tz)
    taken = await InsightTally.filter(
        subject_id=program.id, kind=SNAPSHOT, key=marker(tz)
    ).values_list("n", flat=True)
    if list(taken) == [int(cut.timestamp())]:
        return 0
    rows = [tally(program, creator_id, day, marker(tz), int(cut.timestamp()))]
    for day, steps in (await counted_before(program, cut, tz)).items():
        for step, (got, done) in steps.items():
            rows += [tally(program, creator_id, day, f"{REACHED} {step}", got)] if got else []
            rows += [tally(program, creator_id, day, f"{COMPLETED} {step}", done)] if done else []
    async with in_transaction():
        await InsightTally.filter(subject_id=program.id, kind=SNAPSHOT).delete()
        await InsightTally.bulk_create(rows, batch_size=1000)
    return 1


def tally(program: Program, creator_id: UUID, day: date, key: str, n: int) -> InsightTally:
    return InsightTally(
        creator_id=creator_id, subject_id=program.id, kind=SNAPSHOT, period=day, key=key, n=n
    )
