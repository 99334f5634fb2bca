"""A program's funnel per step, its retention cohorts and its quiz correctness.

- funnel: of the enrolments made in the range, per step (in program order) how many reached it
  (a `StepProgress` row) and how many completed it; drop-off is the share of those who reached
  the previous step but not this one. "Now here" counts active or paused enrolments (any
  enrolment date) whose current step it is; "stuck" those of them without activity for
  `STUCK_DAYS` days. Both link to the learners behind them.
- cohorts: enrolments in the range grouped by local enrolment week; week n is the share of the
  cohort with a `message_received` on the bot in the n-th local week after it (0 = the same).
- quiz: per quiz step, answers finished (graded) in the range and the share correct.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from typing import Any

from tortoise.expressions import Subquery
from tortoise.functions import Count

from bot.insight.charts import Chart, ratio
from bot.insight.localtime import as_date
from bot.insight.scope import Scope
from bot.insight.sql import select
from bot.metrics.programs import defined_steps
from models import EnrollmentStatus, Program, ProgramEnrollment, StepProgress

STUCK_DAYS = 3
COHORT_WEEKS = 8
OPEN = (EnrollmentStatus.ACTIVE, EnrollmentStatus.PAUSED)


def enrolled_in_range(scope: Scope, program: Program) -> Any:
    return ProgramEnrollment.for_creator(scope.creator_id).filter(
        program_id=program.id, enrolled_at__gte=scope.start, enrolled_at__lt=scope.end
    )


async def step_counts(scope: Scope, program: Program, **extra: Any) -> dict[str, int]:
    enrolled = Subquery(enrolled_in_range(scope, program).values("id"))
    rows = await (
        StepProgress.filter(enrollment_id__in=enrolled, **extra)
        .annotate(n=Count("id"))
        .group_by("step_id")
        .values_list("step_id", "n")
    )
    return {str(step): int(n) for step, n in rows}


async def now_here(scope: Scope, program: Program, **extra: Any) -> dict[str, int]:
    rows = await (
        ProgramEnrollment.for_creator(scope.creator_id)
        .filter(program_id=program.id, status__in=OPEN, current_step__isnull=False, **extra)
        .annotate(n=Count("id"))
        .group_by("current_step")
        .values_list("current_step", "n")
    )
    return {str(step): int(n) for step, n in rows}


async def funnel(scope: Scope, program: Program) -> Chart:
    reached = await step_counts(scope, program)
    completed = await step_counts(scope, program, completed_at__isnull=False)
    here = await now_here(scope, program)
    quiet_since = scope.now - timedelta(days=STUCK_DAYS)
    stuck = await now_here(scope, program, last_activity_at__lt=quiet_since)
    rows: list[list[Any]] = []
    links: list[str | None] = []
    cells: dict[tuple[int, int], str] = {}
    previous: int | None = None
    for i, step in enumerate(defined_steps(program)):
        got = reached.get(step, 0)
        drop = None if previous is None else ratio(previous - got, previous)
        rows.append(
            [step, got, completed.get(step, 0), drop, here.get(step, 0), stuck.get(step, 0)]
        )
        link = f"program={program.code}&step={step}"
        links.append(link)
        cells[(i, 4)] = link
        cells[(i, 5)] = f"{link}&stuck={STUCK_DAYS}"
        previous = got
    columns = ["step", "reached", "completed", "drop_off_pct", "now_here", "stuck"]
    note = f"stuck: now on the step, no activity for {STUCK_DAYS} days"
    return Chart("funnel", "Program funnel", "bar", columns, rows, links, cells, note=note)


def cohort_sql(scope: Scope) -> str:
    local = scope.local()
    return (
        f"SELECT {local.week('e.enrolled_at')} AS cohort, {local.week('i.created_at')} AS wk,"
        " COUNT(DISTINCT e.user_id) FROM program_enrollment e"
        " JOIN user_interaction i ON i.user_id = e.user_id"
        " WHERE e.program_id = ? AND e.enrolled_at >= ? AND e.enrolled_at < ?"
        " AND i.bot_id = ? AND i.interaction_type = 'message_received'"
        " AND i.created_at >= ? AND i.created_at < ?"
        " GROUP BY 1, 2"
    )


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
    horizon = scope.end + timedelta(weeks=COHORT_WEEKS)
    params = [program.id, scope.start, scope.end, program.bot_id, scope.start, horizon]
    active: dict[date, dict[int, int]] = defaultdict(dict)
    for cohort, week, n in await select(cohort_sql(scope), params):
        offset = (as_date(week) - as_date(cohort)).days // 7
        if 0 <= offset < COHORT_WEEKS:
            active[as_date(cohort)][offset] = int(n)
    columns = ["cohort_week", "enrolled", *[f"week_{n}_pct" for n in range(COHORT_WEEKS)]]
    rows: list[list[Any]] = []
    cell_links: dict[tuple[int, int], str] = {}
    for i, cohort in enumerate(sorted(sizes)):
        seen = active.get(cohort, {})
        rows.append([cohort.isoformat(), sizes[cohort]])
        for n in range(COHORT_WEEKS):
            rows[-1].append(ratio(seen.get(n, 0), sizes[cohort]))
            cell_links[(i, n + 2)] = f"program={program.code}&cohort={cohort}&week={n}"
    return Chart(
        "cohorts", "Retention by enrolment week", "grid", columns, rows, cell_links=cell_links
    )


async def quiz(scope: Scope, program: Program) -> Chart:
    rows = await (
        StepProgress.filter(
            enrollment__program_id=program.id,
            enrollment__program__creator_id=scope.creator_id,
            correct__isnull=False,
            completed_at__gte=scope.start,
            completed_at__lt=scope.end,
        )
        .annotate(n=Count("id"))
        .group_by("step_id", "correct")
        .values_list("step_id", "correct", "n")
    )
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for step, correct, n in rows:
        tally[str(step)][0] += int(n)
        tally[str(step)][1] += int(n) if correct else 0
    order = [s for s in defined_steps(program) if s in tally]
    table: list[list[Any]] = [
        [s, tally[s][0], tally[s][1], ratio(tally[s][1], tally[s][0])] for s in order
    ]
    columns = ["question", "answers", "correct", "correct_pct"]
    return Chart("quiz", "Quiz correctness per question", "bar", columns, table)
