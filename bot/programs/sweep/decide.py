"""Deciding, row by row and in memory, what each due ledger row becomes."""

from __future__ import annotations

from datetime import timedelta

from bot.messages import OutboundMessage
from bot.programs import render
from bot.programs.journey import NUDGE
from bot.programs.schema import Step
from bot.programs.sweep.batch import Batch, Due, Learner, Send
from bot.schedule import outside_quiet_hours, zone
from models import EnrollmentStatus, SendStatus

HANDED_OVER_RECHECK = timedelta(minutes=10)
"""How soon a send held for a conversation a person took over is looked at again."""


def decide(batch: Batch, row: Due) -> None:
    learner = batch.learners[row.enrollment_id]
    account = batch.accounts.get(learner.user_id)
    if learner.status != EnrollmentStatus.ACTIVE:
        return close(batch, row, SendStatus.CANCELLED, f"enrollment {learner.status}")
    if account is None:
        return close(batch, row, SendStatus.CANCELLED, "no reachable channel account (blocked)")
    if learner.user_id in batch.handed_over:  # a person is talking to them: hold, look again
        row.due_at = batch.now + HANDED_OVER_RECHECK
        batch.counts.deferred += 1
        return None
    program = batch.programs[learner.program_id]
    tz, quiet = zone(learner.timezone), batch.quiet[program.bot_id]
    step, reason = step_to_send(batch, learner, row)
    if step is None:
        return close(batch, row, SendStatus.SKIPPED, reason)
    message = rendered(batch, learner, step, row)
    local = batch.now.astimezone(tz).time().replace(second=0, microsecond=0)
    if quiet.contains(local):
        row.due_at = outside_quiet_hours(batch.now, tz, quiet)
        batch.counts.deferred += 1
        return None
    batch.sends.append(Send(row, learner, program, account, step, message, tz, quiet))
    return None


def close(batch: Batch, row: Due, status: SendStatus, reason: str) -> None:
    row.status, row.reason = status, reason[:255]
    if status == SendStatus.CANCELLED:
        batch.counts.cancelled += 1
    else:
        batch.counts.skipped += 1


def step_to_send(batch: Batch, learner: Learner, row: Due) -> tuple[Step | None, str]:
    """The step a row sends (or nudges about), or None and why it no longer should."""
    step = batch.definitions[learner.version_id].step(row.step_id)
    if step is None:
        return None, "step not in the enrollment's program version"
    delivered, completed = batch.progress.get((learner.enrollment_id, row.step_id), (None, None))
    if learner.current_step != row.step_id:
        return None, "learner has moved past this step"
    if row.kind != NUDGE:
        if delivered is not None:
            return None, "step already delivered"
        return step, ""
    if delivered is None or completed is not None:
        return None, "step not waiting for the learner"
    if learner.last_activity_at > delivered:
        return None, "learner replied"
    if not 1 <= row.attempt <= len(step.nudges):
        return None, "no such nudge"
    return step, ""


def rendered(batch: Batch, learner: Learner, step: Step, row: Due) -> OutboundMessage:
    """The message of a row, built once per batch for each (version, step, kind, attempt)."""
    key = (learner.version_id, step.id, row.kind, row.attempt)
    if key not in batch.rendered:
        batch.rendered[key] = (
            render.nudge_message(step.nudges[row.attempt - 1])
            if row.kind == NUDGE
            else render.step_message(step)
        )
    return batch.rendered[key]
