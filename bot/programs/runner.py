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
from bot.i18n.catalogue import Texts
from bot.pipeline import Next, Turn
from bot.programs import journey, render, service
from bot.programs.enrollments import enrolled
from bot.programs.journey import Place
from bot.programs.render import Answer
from bot.programs.schema import Quiz, Step
from bot.programs.timing import pause_end
from models import EnrollmentStatus, ProgramEnrollment, StepProgress

ACK = {"question": "ack_question", "reflection": "ack_reflection", "checkpoint": "ack_checkpoint"}
"""Text keys of the acknowledgement after each kind of answered step."""
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
                turn.reply(turn.texts().get("program_not_found", code=code))
            return
        except Conflict:
            turn.reply(turn.texts().get("program_not_open", code=code))
            return
        place = await self._place(turn, enrollment)
        title = place.definition.title
        if enrollment.status == EnrollmentStatus.COMPLETED:
            turn.reply(turn.texts().get("program_already_completed", title=title))
            return
        if prior is None or prior.status in service.ENDED:
            data = {"code": code, "version": place.version, "source": source}
            await place.record("program_enrolled", data, now)
            key = "program_joined" if prior is None else "program_welcome_back"
            turn.reply(turn.texts().get(key, title=title))
        elif prior.status == EnrollmentStatus.PAUSED:
            await journey.resume(place, now)
            turn.reply(turn.texts().get("program_welcome_back", title=title))
        else:
            turn.reply(turn.texts().get("program_already_in", title=title))
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
            turn.reply(turn.texts().get("stale_button"))
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
                turn.reply(turn.texts().get(ACK[step.kind]))
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
        outcome = render.grade(quiz, answer.option or 0, progress.attempts, turn.texts())
        data = {
            "step": quiz.id,
            "correct": outcome.correct,
            "score": outcome.score,
            "attempt": outcome.attempt,
        }
        await place.record("quiz_answered", data, now)
        if not outcome.finished:
            await progress.save(update_fields=["attempts", "updated_at"])
            turn.replies.append(render.retry_message(quiz, outcome, turn.texts()))
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
            turn.reply(turn.texts().get("no_program"))
            return
        texts = turn.texts()
        turn.reply("\n\n".join([await progress_report(place, now, texts) for place in places]))

    async def _pause(self, turn: Turn, now: datetime) -> None:
        places = await self._places(turn, EnrollmentStatus.ACTIVE)
        if not places:
            turn.reply(turn.texts().get("no_program"))
            return
        try:
            until = pause_end(argument(turn), now, places[0].tz)
        except InvalidInput as exc:
            turn.reply(turn.texts().get("pause_invalid", error=exc))
            return
        for place in places:
            await service.pause(place.enrollment, until=until, now=now)
            data = {"code": place.program.code, "until": until.isoformat() if until else None}
            await place.record("program_paused", data, now)
            title, texts = place.definition.title, turn.texts()
            if until:
                when = render.local_label(until, place.tz)
                turn.reply(texts.get("paused_until", title=title, when=when))
            else:
                turn.reply(texts.get("paused", title=title))

    async def _resume(self, turn: Turn, now: datetime) -> None:
        places = await self._places(turn, EnrollmentStatus.PAUSED)
        if not places:
            turn.reply(turn.texts().get("nothing_paused"))
            return
        for place in places:
            await journey.resume(place, now)
            turn.reply(turn.texts().get("program_welcome_back", title=place.definition.title))
            turn.replies.extend(await journey.deliver_current(place, now))

    async def _stop(self, turn: Turn, now: datetime) -> None:
        places = await self._places(turn, *LIVE)
        if not places:
            turn.reply(turn.texts().get("no_program"))
            return
        for place in places:
            await service.stop(place.enrollment, now=now)
            await journey.cancel_pending(place.enrollment, now, reason="stopped by learner")
            await place.record("program_stopped", {"code": place.program.code}, now)
            title, code = place.definition.title, place.program.code
            turn.reply(turn.texts().get("stopped", title=title, code=code))

    # --- loading ------------------------------------------------------------------------------

    def _enrollments(self, turn: Turn):  # type: ignore[no-untyped-def]
        return (
            ProgramEnrollment.for_creator(turn.bot.creator_id)
            .filter(user_id=turn.end_user.id, program__bot_id=turn.bot.id)
            .select_related("program")
        )

    async def _places(self, turn: Turn, *statuses: EnrollmentStatus) -> list[Place]:
        """The learner's enrollments in these states, newest first, each with its current
        step's progress (one statement)."""
        rows = await enrolled(
            creator_id=turn.bot.creator_id,
            bot_id=turn.bot.id,
            user_id=turn.end_user.id,
            statuses=statuses,
        )
        places = []
        for row in rows:
            place = await self._place(turn, row.enrollment)
            if row.enrollment.current_step:
                place.preloaded = (row.enrollment.current_step, row.current_progress)
            places.append(place)
        return places

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


async def progress_report(place: Place, now: datetime, texts: Texts | None = None) -> str:
    """A few lines about one enrollment: status, step n of N, what happens next, points."""
    texts = texts or place.texts
    enrollment, steps = place.enrollment, place.definition.steps
    head = f"{place.definition.title} ({enrollment.status.value})"
    points = texts.get("progress_points", points=enrollment.points)
    if enrollment.status == EnrollmentStatus.COMPLETED:
        done = render.local_label(enrollment.completed_at or now, place.tz)
        return f"{head}\n{texts.get('progress_all_done', total=len(steps), date=done)}\n{points}"
    step = place.current
    if step is None:
        return f"{head}\n{points}"
    number = [s.id for s in steps].index(step.id) + 1
    title = step.title or step.id
    line = texts.get("progress_step", number=number, total=len(steps), title=title)
    return f"{head}\n{line} - {await _state(place, step, texts)}\n{points}"


async def _state(place: Place, step: Step, texts: Texts) -> str:
    if journey.waiting(await journey.progress_of(place, step.id)):
        return texts.get("state_waiting")
    pending = await journey.pending_step(place, step.id)
    if pending is None:
        return texts.get("state_on_its_way")
    return texts.get("state_arrives", when=render.local_label(pending.due_at, place.tz))
