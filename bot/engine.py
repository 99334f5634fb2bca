"""The conversation engine: the default step list, the error boundary, turn metrics, `handle()`."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from tortoise.exceptions import BaseORMException

from bot.answer import AnswerStep, LLMFactory
from bot.clock import Clock, SystemClock
from bot.commands import CommandsStep
from bot.i18n.learner import LanguageStep
from bot.identity import BotUnavailable, IdentityStep
from bot.messages import InboundMessage, OutboundMessage
from bot.pipeline import Next, Step, Turn, compose
from bot.rag import Retriever
from bot.transcript import TranscriptStep, store_replies
from models import Bot, UserInteraction

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class TurnResult:
    """What `Engine.handle` did with one inbound message."""

    replies: tuple[OutboundMessage, ...]
    duplicate: bool
    conversation_id: UUID | None
    inbound_message_id: UUID | None
    outbound_message_ids: tuple[UUID, ...]
    failed: bool = False


class ErrorBoundary:
    """Pipeline step, outermost: the engine's only broad `except`.

    Logs the traceback (ids only, no message text), counts the failure, and replaces the
    replies with a polite fallback that is stored like any reply, so nobody is left unanswered.
    `BotUnavailable` passes through: adapters turn it into a 404.
    """

    def __init__(self, clock: Clock) -> None:
        self._clock = clock
        self.count = 0

    async def __call__(self, turn: Turn, call_next: Next) -> None:
        try:
            await call_next(turn)
        except BotUnavailable:
            raise
        except Exception:
            self.count += 1
            log.exception(
                "turn failed: bot=%s channel=%s external_message_id=%s",
                turn.inbound.bot,
                turn.inbound.channel,
                turn.inbound.external_message_id,
            )
            await self.recover(turn)

    async def recover(self, turn: Turn) -> None:
        turn.failed = True
        if not turn.reply_rows:  # replies already stored before the failure stand as they are
            turn.replies = [OutboundMessage(text=turn.texts().get("fallback"))]
        try:
            await store_replies(turn, self._clock.now())
            await record_interactions(turn, self._clock.now())
        except (BaseORMException, OSError):
            log.exception("could not store the fallback reply of a failed turn")


class MetricsStep:
    """Pipeline step: the turn's events (message_received, reply_sent) in UserInteraction."""

    def __init__(self, clock: Clock) -> None:
        self._clock = clock

    async def __call__(self, turn: Turn, call_next: Next) -> None:
        await call_next(turn)
        await record_interactions(turn, self._clock.now())


async def record_interactions(turn: Turn, now: datetime) -> None:
    """One message_received and one reply_sent (with response_time_ms) per stored reply."""
    if turn.recorded or turn.duplicate or turn.inbound_row is None:
        return
    turn.recorded = True
    common = {
        "user": turn.end_user,
        "bot": turn.bot,
        "channel": str(turn.account.channel),
        "session_id": turn.conversation.id,
        "created_at": now,
    }
    received = {"message_type": turn.inbound_row.message_type, "command": turn.command}
    rows = [
        UserInteraction(
            **common,
            interaction_type="message_received",
            interaction_data=received,
            message=turn.inbound_row,
        ),
        *(
            UserInteraction(
                **common,
                interaction_type="reply_sent",
                interaction_data={
                    "response_time_ms": row.response_time_ms,
                    "citations": len(row.metadata["outbound"]["citations"]),
                    "fallback": turn.failed,
                },
                message=row,
            )
            for row in turn.reply_rows
        ),
    ]
    await UserInteraction.bulk_create(rows)


def default_steps(
    *,
    retriever: Retriever,
    llm_for: LLMFactory,
    clock: Clock,
    top_k: int = 5,
    before_answer: Sequence[Step] = (),
) -> list[Step]:
    """The engine's steps, outermost first; later features (gamification, programs) go in
    `before_answer`."""
    return [
        ErrorBoundary(clock),
        MetricsStep(clock),
        IdentityStep(clock),
        TranscriptStep(clock),
        LanguageStep(),
        CommandsStep(clock),
        *before_answer,
        AnswerStep(retriever=retriever, llm_for=llm_for, top_k=top_k),
    ]


class Engine:
    """Handles one inbound message through the steps and reports what it did."""

    def __init__(
        self,
        *,
        retriever: Retriever,
        llm_for: LLMFactory,
        clock: Clock | None = None,
        top_k: int = 5,
        before_answer: Sequence[Step] = (),
        steps: Sequence[Step] | None = None,
    ) -> None:
        self.steps = list(
            steps
            if steps is not None
            else default_steps(
                retriever=retriever,
                llm_for=llm_for,
                clock=clock or SystemClock(),
                top_k=top_k,
                before_answer=before_answer,
            )
        )
        self._handler = compose(self.steps)

    @property
    def error_count(self) -> int:
        """Turns that hit the error boundary since this engine was built."""
        return sum(s.count for s in self.steps if isinstance(s, ErrorBoundary))

    async def handle(
        self,
        inbound: InboundMessage,
        *,
        deliver_inline: bool = False,
        resume: bool = False,
        bot: Bot | None = None,
    ) -> TurnResult:
        """`bot`: the live bot row the adapter already loaded for `inbound.bot` (saves a query)."""
        turn = Turn(inbound=inbound, deliver_inline=deliver_inline, resume=resume, bot_row=bot)
        await self._handler(turn)
        return TurnResult(
            replies=tuple(turn.replies),
            duplicate=turn.duplicate,
            conversation_id=turn.conversation_row.id if turn.conversation_row else None,
            inbound_message_id=turn.inbound_row.id if turn.inbound_row else None,
            outbound_message_ids=tuple(row.id for row in turn.reply_rows),
            failed=turn.failed,
        )
