"""Pipeline step: after the programs step, a completed program that declares a certificate
gets one, and the learner a reply with the PDF link."""

from __future__ import annotations

from bot import certificates
from bot.clock import Clock
from bot.pipeline import Next, Turn
from bot.programs import service
from models import Program, ProgramEnrollment


class CertificatesStep:
    def __init__(self, clock: Clock, public_url: str) -> None:
        self._clock = clock
        self._base = public_url.rstrip("/")

    async def __call__(self, turn: Turn, call_next: Next) -> None:
        await call_next(turn)
        for code in turn.changes.completed_programs:
            await self.certify(turn, code)

    async def certify(self, turn: Turn, code: str) -> None:
        program = await Program.for_creator(turn.bot.creator_id).get_or_none(
            bot_id=turn.bot.id, code=code
        )
        if program is None:
            return
        enrollment = await ProgramEnrollment.get_or_none(
            program_id=program.id, user_id=turn.end_user.id
        ).prefetch_related("program_version")
        if enrollment is None:
            return
        definition = service.definition_of(enrollment.program_version)
        if not definition.certificate:
            return
        issued = await certificates.issue(turn.end_user, program, turn.bot, self._clock.now())
        if issued is not None:
            url = self._base + issued.pdf_path()
            turn.reply(turn.texts().get("certificate_ready", url=url))
