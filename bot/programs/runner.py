"""The programs step: join from chat, answers to the current step, /progress /pause /resume /stop.

Enrollment arrives as `/start CODE` (deep link), `join CODE` typed on any channel, or a
`join:CODE` button. A message that answers the learner's current step completes it (quizzes are
graded, with retries and feedback); anything else (a question about something else, a message
while the next step is still scheduled) goes on to the answer step.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime

from bot.clock import Clock
from bot.commands import parse_command
from bot.errors import Conflict, InvalidInput, NotFound
from bot.pipeline import Next, Turn
from bot.programs import journey, render, service
from bot.programs.journey import Place
from bot.programs.render import Answer
from bot.programs.schema import Quiz, Step
from bot.programs.timing import pause_end
from models import EnrollmentStatus, ProgramEnrollment, StepProgress

ACK = {
    "question": "Thanks, I've noted your answer.",
    "reflection": "Thank you for sharing that.",
    "checkpoint": "Nice work!",
}
NO_PROGRAM = "You're not in a program yet. Send join CODE (the code your coach gave you)."
STALE_BUTTON = "That step is already done. Send /progress to see where you are."
LIVE = (EnrollmentStatus.ACTIVE, EnrollmentStatus.PAUSED)


class ProgramsStep:
    """Pipeline step (inside commands and gamification, before the answer step)."""

    def __init__(self, clock: Clock) -> None:
        self._clock = clock
        self._commands: dict[str, Callable[[Turn, datetime], Awaitable[None]]] = {
            "progress": self._progress,
            "pause": self._pause,
            "resume": self._resume,
            "stop": self._stop,
        }

    async def __call__(self, turn: Turn, call_next: Next) -> None:
        await self._handle(turn, call_next)
        for flush in turn.flushes:  # the enrollments' changed columns, one UPDATE each
            await flush()
        turn.flushes.clear()

    async def _handle(self, turn: Turn, call_next: Next) -> None:
        now = self._clock.now()
        command = self._commands.get(turn.command or "")
        if command is not None:
            await command(turn, now)
            return
        request = join_request(turn)
        if request is not None:
            await self._join(turn, *request, now)
        elif turn.command is not None or not await self._answer(turn, now):
            await call_next(turn)

    # --- enrollment ---------------------------------------------------------------------------

    async def _join(self, turn: Turn, code: str, source: str, now: datetime) -> None:
        prior = await self._enrollments(turn).filter(program__code=code).first()
        try:
            enrollment = await service.enroll(turn.end_user, code, source=source, now=now)
        except NotFound:
            if source != "deep_link":  # other /start payloads (referrals) are not programs
                turn.reply(f"I couldn't find a program called {code!r}. Check the code?")
            return
        except Conflict:
            turn.reply(f"The program {code!r} is not open yet. Try again later.")
            return
        place = await self._place(turn, enrollment)
        title = place.definition.title
        if enrollment.status == EnrollmentStatus.COMPLETED:
            turn.reply(f"You already completed {title}. Send /badges to see what you earned.")
            return
        if prior is None or prior.status in service.ENDED:
            data = {"code": code, "version": place.version, "source": source}
            await place.record("program_enrolled", data, now)
            turn.reply(f"You're in: {title}." if prior is None else f"Welcome back to {title}!")
        elif prior.status == EnrollmentStatus.PAUSED:
            await journey.resume(place, now)
            turn.reply(f"Welcome back to {title}!")
        else:
            turn.reply(f"You're already in {title}. Here is where you are:")
        turn.replies.extend(await journey.deliver_current(place, now))

    # --- answers ------------------------------------------------------------------------------

    async def _answer(self, turn: Turn, now: datetime) -> bool:
        """True when the message was about a program step (answered, retried or stale)."""
        enrolled = turn.active_programs != 0  # 0: known, from the identity read, to be none
        places = await self._places(turn, EnrollmentStatus.ACTIVE) if enrolled else []
        turn.points_unchanged = not places  # no step can be completed, so no points awarded
        for place in places:
            await journey.touch(place, now)
        for place in places:
            step = place.current
            progress = await journey.progress_of(place, step.id) if step else None
            if step is None or progress is None or not journey.waiting(progress):
                continue
            answer = render.read_answer(step, turn.text, turn.inbound.payload)
            if answer is not None:
                await self._take(turn, place, step, progress, answer, now)
                return True
        if render.parse_payload(turn.inbound.payload) is not None:
            turn.reply(STALE_BUTTON)
            return True
        return False

    async def _take(
        self,
        turn: Turn,
        place: Place,
        step: Step,
        progress: StepProgress,
        answer: Answer,
        now: datetime,
    ) -> None:
        if isinstance(step, Quiz):
            if not await self._grade(turn, place, step, progress, answer, now):
                return
        else:
            await journey.complete_step(
                place, step, progress, now, answer=answer.text, points=step.points
            )
            if step.kind in ACK:
                turn.reply(ACK[step.kind])
        turn.replies.extend(await journey.advance(place, step, now))

    async def _grade(
        self,
        turn: Turn,
        place: Place,
        quiz: Quiz,
        progress: StepProgress,
        answer: Answer,
        now: datetime,
    ) -> bool:
        """Grade one try; True once the quiz is finished (right, or out of tries)."""
        progress.attempts += 1
        outcome = render.grade(quiz, answer.option or 0, progress.attempts)
        data = {
            "step": quiz.id,
            "correct": outcome.correct,
            "score": outcome.score,
            "attempt": outcome.attempt,
        }
        await place.record("quiz_answered", data, now)
        if not outcome.finished:
            await progress.save(update_fields=["attempts", "updated_at"])
            turn.replies.append(render.retry_message(quiz, outcome))
            return False
        if outcome.feedback:
            turn.reply(outcome.feedback)
        points = quiz.points if outcome.correct else 0
        await journey.complete_step(
            place,
            quiz,
            progress,
            now,
            answer=answer.text,
            points=points,
            correct=outcome.correct,
            score=outcome.score,
        )
        return True

    # --- commands -----------------------------------------------------------------------------

    async def _progress(self, turn: Turn, now: datetime) -> None:
        places = await self._places(turn, *EnrollmentStatus)
        if not places:
            turn.reply(NO_PROGRAM)
            return
        turn.reply("\n\n".join([await progress_report(place, now) for place in places]))

    async def _pause(self, turn: Turn, now: datetime) -> None:
        places = await self._places(turn, EnrollmentStatus.ACTIVE)
        if not places:
            turn.reply(NO_PROGRAM)
            return
        try:
            until = pause_end(argument(turn), now, places[0].tz)
        except InvalidInput as exc:
            turn.reply(f"{exc}. Try /pause 3d.")
            return
        for place in places:
            await service.pause(place.enrollment, until=until, now=now)
            data = {"code": place.program.code, "until": until.isoformat() if until else None}
            await place.record("program_paused", data, now)
            when = f" until {render.local_label(until, place.tz)}" if until else ""
            turn.reply(f"Paused {place.definition.title}{when}. Send /resume to continue.")

    async def _resume(self, turn: Turn, now: datetime) -> None:
        places = await self._places(turn, EnrollmentStatus.PAUSED)
        if not places:
            turn.reply("Nothing is paused. Send /progress to see where you are.")
            return
        for place in places:
            await journey.resume(place, now)
            turn.reply(f"Welcome back to {place.definition.title}!")
            turn.replies.extend(await journey.deliver_current(place, now))

    async def _stop(self, turn: Turn, now: datetime) -> None:
        places = await self._places(turn, *LIVE)
        if not places:
            turn.reply(NO_PROGRAM)
            return
        for place in places:
            await service.stop(place.enrollment, now=now)
            await journey.cancel_pending(place.enrollment, now, reason="stopped by learner")
            await place.record("program_stopped", {"code": place.program.code}, now)
            turn.reply(
                f"Stopped {place.definition.title}: no more steps or reminders. Your progress "
                f"is kept; send join {place.program.code} to pick up where you left off."
            )

    # --- loading ------------------------------------------------------------------------------

    def _enrollments(self, turn: Turn):  # type: ignore[no-untyped-def]
        return (
            ProgramEnrollment.for_creator(turn.bot.creator_id)
            .filter(user_id=turn.end_user.id, program__bot_id=turn.bot.id)
            .select_related("program")
        )

    async def _places(self, turn: Turn, *statuses: EnrollmentStatus) -> list[Place]:
        rows = await self._enrollments(turn).filter(status__in=statuses).order_by("-enrolled_at")
        return [await self._place(turn, row) for row in rows]

    async def _place(self, turn: Turn, enrollment: ProgramEnrollment) -> Place:
        place = await journey.load_place(
            enrollment,
            turn.end_user,
            str(turn.account.channel),
            bot=turn.bot,
            session_id=turn.conversation.id,
        )
        place.sink, place.changes = turn.events, turn.changes
        turn.flushes.append(place.flush)
        return place


def join_request(turn: Turn) -> tuple[str, str] | None:
    """(code, source) when the message asks to join a program."""
    if turn.start_payload:
        return turn.start_payload.lower(), "deep_link"
    if turn.command is not None:
        return None
    return render.join_code(turn.text, turn.inbound.payload)


def argument(turn: Turn) -> str:
    command = parse_command(turn.text) or parse_command((turn.inbound.payload or "").strip())
    return command.argument if command else ""


async def progress_report(place: Place, now: datetime) -> str:
    """A few lines about one enrollment: status, step n of N, what happens next, points."""
    enrollment, steps = place.enrollment, place.definition.steps
    head = f"{place.definition.title} ({enrollment.status.value})"
    points = f"Points: {enrollment.points}"
    if enrollment.status == EnrollmentStatus.COMPLETED:
        done = render.local_label(enrollment.completed_at or now, place.tz)
        return f"{head}\nAll {len(steps)} steps done on {done}.\n{points}"
    step = place.current
    if step is None:
        return f"{head}\n{points}"
    number = [s.id for s in steps].index(step.id) + 1
    line = f"Step {number} of {len(steps)}: {step.title or step.id}"
    return f"{head}\n{line} - {await _state(place, step)}\n{points}"


async def _state(place: Place, step: Step) -> str:
    if journey.waiting(await journey.progress_of(place, step.id)):
        return "waiting for your reply"
    pending = await journey.pending_step(place, step.id)
    return f"arrives {render.local_label(pending.due_at, place.tz)}" if pending else "on its way"
