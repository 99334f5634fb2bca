"""The conversation engine: the default step list, the error boundary, `handle()`."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from uuid import UUID

from tortoise.exceptions import BaseORMException
from tortoise.transactions import in_transaction

from bot.answer import DEFAULT_DEADLINE_S, AnswerStep, LLMFactory
from bot.clock import Clock, SystemClock
from bot.commands import CommandsStep
from bot.handoff import HandoffStep
from bot.i18n.learner import LanguageStep
from bot.identity import BotUnavailable, IdentityStep
from bot.inbox_feed import InboxNotifyStep, InboxWatchers
from bot.messages import InboundMessage, OutboundMessage
from bot.pipeline import Next, Step, Turn, compose
from bot.rag import Retriever
from bot.transcript import TranscriptStep, write_turn
from models import Bot

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
    inbox_done: bool = False  # the durable inbox row was marked done in the turn's transaction


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
        """Store the fallback reply; a turn whose transaction rolled back writes its inbound
        message again first (nothing else it did was kept)."""
        turn.failed = True
        if turn.committed and turn.reply_ids:
            return  # its replies were stored; the failure came after
        fresh = not turn.committed
        if fresh:
            turn.reply_ids, turn.events, turn.recorded = [], [], False
        turn.replies = [OutboundMessage(text=turn.texts().get("fallback"))]
        if turn.inbound_row is None:
            return
        try:
            async with in_transaction():
                if fresh and not turn.inbound_saved:
                    await turn.inbound_row.save(force_create=True)
                turn.inbound_uncounted = fresh
                await write_turn(turn, self._clock.now())
            turn.committed = True
        except (BaseORMException, OSError):
            log.exception("could not store the fallback reply of a failed turn")


def default_steps(
    *,
    retriever: Retriever,
    llm_for: LLMFactory,
    clock: Clock,
    top_k: int = 5,
    before_answer: Sequence[Step] = (),
    deadline_s: float = DEFAULT_DEADLINE_S,
    inbox_watchers: InboxWatchers | None = None,
) -> list[Step]:
    """The engine's steps, outermost first; later features (gamification, programs) go in
    `before_answer`. `inbox_watchers`: open live inboxes hear of each committed turn."""
    return [
        ErrorBoundary(clock),
        IdentityStep(clock),
        *([InboxNotifyStep(inbox_watchers)] if inbox_watchers is not None else []),
        TranscriptStep(clock),
        LanguageStep(),
        HandoffStep(clock),
        CommandsStep(clock),
        *before_answer,
        AnswerStep(retriever=retriever, llm_for=llm_for, top_k=top_k, deadline_s=deadline_s),
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
        deadline_s: float = DEFAULT_DEADLINE_S,
        inbox_watchers: InboxWatchers | None = None,
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
                deadline_s=deadline_s,
                inbox_watchers=inbox_watchers,
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
        inbox_id: UUID | None = None,
    ) -> TurnResult:
        """`bot`: the live bot row the adapter already loaded for `inbound.bot` (saves a query);
        `inbox_id`: the durable inbox row of `inbound`, marked done with the turn's writes."""
        turn = Turn(
            inbound=inbound,
            deliver_inline=deliver_inline,
            resume=resume,
            bot_row=bot,
            inbox_id=inbox_id,
        )
        await self._handler(turn)
        return TurnResult(
            replies=tuple(turn.replies),
            duplicate=turn.duplicate,
            conversation_id=turn.conversation_row.id if turn.conversation_row else None,
            inbound_message_id=turn.inbound_row.id if turn.inbound_row else None,
            outbound_message_ids=tuple(turn.reply_ids),
            failed=turn.failed,
            inbox_done=turn.inbox_done,
        )
