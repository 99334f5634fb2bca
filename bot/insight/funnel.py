"""A program's funnel per step, its retention cohorts and its quiz correctness.

- funnel: of the enrolments made in the range, per step (in program order) how many reached it
  (a `StepProgress` row) and how many completed it; drop-off is the share of those who reached
  the previous step but not this one (read from the rollup's snapshot plus the rows since:
  `bot.insight.progress`). "Now here" counts active or paused enrolments (any
  enrolment date) whose current step it is; "stuck" those of them without activity for
  `STUCK_DAYS` days. Both link to the learners behind them.
- cohorts: enrolments in the range grouped by local enrolment week; week n is the share of the
  cohort with a `message_received` on the bot, after enrolling, in the n-th local week after
  it (0 = the same).
- quiz: per quiz step, answers finished (graded) in the range and the share correct.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from datetime import date, datetime, timedelta
from functools import partial
from typing import Any

from bot.insight import progress
from bot.insight.charts import TITLES, Chart, ratio
from bot.insight.localtime import LocalTime, as_date, midnight, monday
from bot.insight.scope import Scope
from bot.insight.sql import select
from bot.insight.tallies import Counts, Kind, counted, totals
from bot.metrics.programs import defined_steps
from models import EnrollmentStatus, Program

STUCK_DAYS = 3
COHORT_WEEKS = 8
OPEN = (EnrollmentStatus.ACTIVE, EnrollmentStatus.PAUSED)


async def now_here(scope: Scope, program: Program) -> dict[str, tuple[int, int]]:
    """Per step: (open enrolments now on it, those of them quiet for STUCK_DAYS)."""
    marks = ", ".join("?" for _ in OPEN)
    rows = await select(
        "SELECT current_step, COUNT(*),"
        " SUM(CASE WHEN last_activity_at < ? THEN 1 ELSE 0 END) FROM program_enrollment"
        f" WHERE program_id = ? AND status IN ({marks}) AND current_step IS NOT NULL GROUP BY 1",
        [scope.now - timedelta(days=STUCK_DAYS), program.id, *[s.value for s in OPEN]],
    )
    return {str(step): (int(n), int(stuck or 0)) for step, n, stuck in rows}


async def funnel(scope: Scope, program: Program) -> Chart:
    reached = await progress.step_counts(scope, program)
    here = await now_here(scope, program)
    rows: list[list[Any]] = []
    links: list[str | None] = []
    cells: dict[tuple[int, int], str] = {}
    previous: int | None = None
    for i, step in enumerate(defined_steps(program)):
        got, completed = reached.get(step, (0, 0))
        drop = None if previous is None else ratio(previous - got, previous)
        rows.append([step, got, completed, drop, *here.get(step, (0, 0))])
        link = f"program={program.code}&step={step}"
        links.append(link)
        cells[(i, 4)] = link
        cells[(i, 5)] = f"{link}&stuck={STUCK_DAYS}"
        previous = got
    columns = ["step", "reached", "completed", "drop_off_pct", "now_here", "stuck"]
    note = f"stuck: now on the step, no activity for {STUCK_DAYS} days"
    return Chart("funnel", TITLES["funnel"], "bar", columns, rows, links, cells, note=note)


def cohort_sql(local: LocalTime) -> str:
    """Per local enrolment day: enrolments with a message in [week start, week end) after
    they enrolled (the learner is counted once: one enrolment per program and learner), i.e.
    whose last message of that week is not before their enrolment. The week's messages of the
    bot are read once, from the (bot, type, time, learner) index, not probed per enrolment."""
    return (
        f"SELECT {local.day('e.enrolled_at')}, COUNT(*) FROM program_enrollment e"
        " JOIN (SELECT i.user_id, MAX(i.created_at) AS last FROM user_interaction i"
        " WHERE i.bot_id = ? AND i.interaction_type = 'message_received'"
        " AND i.created_at >= ? AND i.created_at < ? GROUP BY i.user_id) a"
        " ON a.user_id = e.user_id"
        " WHERE e.program_id = ? AND e.enrolled_at >= ? AND e.enrolled_at < ?"
        " AND a.last >= e.enrolled_at GROUP BY 1"
    )


async def count_cohorts(
    program: Program,
    start: datetime,
    end: datetime,
    local: LocalTime,
    since: datetime | None = None,
) -> Counts:
    """Per local week of [start, end) (whole weeks) and local enrolment day: the enrolments of
    the COHORT_WEEKS weeks up to it active that week; with `since` (a local midnight) only
    those enrolled from then on (the other days' counts are left out, the others unchanged)."""
    counts: Counts = {}
    week = start
    while week < end:
        first = week.astimezone(local.tz).date()
        nxt = min(end, midnight(first + timedelta(weeks=1), local.tz))
        earliest = midnight(first - timedelta(weeks=COHORT_WEEKS - 1), local.tz)
        if since is not None:
            earliest = max(earliest, since)
        params = [program.bot_id, week, nxt, program.id, earliest, nxt]
        for day, n in await select(cohort_sql(local), params):
            counts[(first, as_date(day).isoformat())] = int(n)
        week = nxt
    return counts


COHORTS = Kind("cohorts", count_cohorts, weekly=True)


async def cohort_sizes(scope: Scope, program: Program) -> dict[date, int]:
    local = scope.local()
    rows = await select(
        f"SELECT {local.week('e.enrolled_at')}, COUNT(*) FROM program_enrollment e"
        " WHERE e.program_id = ? AND e.enrolled_at >= ? AND e.enrolled_at < ? GROUP BY 1",
        [program.id, scope.start, scope.end],
    )
    return {as_date(w): int(n) for w, n in rows}


async def cohorts(scope: Scope, program: Program) -> Chart:
    sizes = await cohort_sizes(scope, program)
    active: dict[date, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for (week, day), n in (await activity_weeks(scope, program)).items():
        enrolled = date.fromisoformat(day)
        offset = (week - monday(enrolled)).days // 7
        if scope.span.first <= enrolled <= scope.span.last and 0 <= offset < COHORT_WEEKS:
            active[monday(enrolled)][offset] += n
    columns = ["cohort_week", "enrolled", *[f"week_{n}_pct" for n in range(COHORT_WEEKS)]]
    rows: list[list[Any]] = []
    cell_links: dict[tuple[int, int], str] = {}
    for i, cohort in enumerate(sorted(sizes)):
        seen = active.get(cohort, {})
        rows.append([cohort.isoformat(), sizes[cohort]])
        for n in range(COHORT_WEEKS):
            rows[-1].append(ratio(seen.get(n, 0), sizes[cohort]))
            cell_links[(i, n + 2)] = f"program={program.code}&cohort={cohort}&week={n}"
    return Chart("cohorts", TITLES["cohorts"], "grid", columns, rows, cell_links=cell_links)


async def activity_weeks(scope: Scope, program: Program) -> Counts:
    """The cohort counts of every local week a cohort of the range can be active in, up to
    this week (later weeks have nothing yet). Weeks counted live (not rolled up) count only
    the range's enrolments, all the chart reads: a 28-day range's week reads four weeks of
    enrolments, not eight."""
    last = min(scope.span.last + timedelta(weeks=COHORT_WEEKS), scope.today)
    ranged = replace(COHORTS, count=partial(count_cohorts, since=scope.start))
    return await counted(ranged, program, COHORTS.periods(scope.span.first, last), tz=scope.tz)


async def count_quiz(program: Program, start: datetime, end: datetime, local: LocalTime) -> Counts:
    """Per local day of grading and quiz step: answers ("answers STEP") and correct ones."""
    rows = await select(
        f"SELECT {local.day('p.completed_at')}, p.step_id, COUNT(*),"
        " SUM(CASE WHEN p.correct THEN 1 ELSE 0 END) FROM step_progress p"
        # CROSS JOIN: SQLite keeps this order (answers by time first), PostgreSQL plans freely
        " CROSS JOIN program_enrollment e WHERE e.id = p.enrollment_id"
        " AND e.program_id = ? AND p.correct IS NOT NULL"
        " AND p.completed_at >= ? AND p.completed_at < ? GROUP BY 1, 2",
        [program.id, start, end],
    )
    counts: Counts = {}
    for day, step, n, right in rows:
        counts[(as_date(day), f"answers {step}")] = int(n)
        counts[(as_date(day), f"correct {step}")] = int(right or 0)
    return counts


QUIZ = Kind("quiz", count_quiz)


async def quiz(scope: Scope, program: Program) -> Chart:
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for key, n in (await totals(QUIZ, program, scope.span.days(), tz=scope.tz)).items():
        what, step = key.split(" ", 1)
        tally[step][0 if what == "answers" else 1] += n
    order = [s for s in defined_steps(program) if s in tally]
    table: list[list[Any]] = [
        [s, tally[s][0], tally[s][1], ratio(tally[s][1], tally[s][0])] for s in order
    ]
    columns = ["question", "answers", "correct", "correct_pct"]
    return Chart("quiz", TITLES["quiz"], "bar", columns, table)
