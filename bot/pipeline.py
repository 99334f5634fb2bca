"""The engine's shape: `Turn` (state of one inbound message), the `Step` protocol, `compose()`."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar
from uuid import UUID

from bot.i18n.catalogue import Texts
from bot.messages import InboundMessage, OutboundMessage
from models import (
    Bot,
    ChannelAccount,
    Conversation,
    EndUser,
    LearnerStats,
    Message,
    UserInteraction,
)

if TYPE_CHECKING:
    from bot.delivery.bulk import Batch

T = TypeVar("T")


@dataclass
class TurnChanges:
    """What the turn did that learner stats and badges depend on (filled by the inner steps)."""

    points: int = 0
    steps_completed: int = 0
    quiz_scores: list[tuple[float, bool]] = field(default_factory=list)  # (score, passed)
    completed_programs: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Grounding:
    """How the answer step's `reply` was grounded: its best retrieval score (None: nothing
    was retrieved) and whether it refused (answered without a source)."""

    reply: OutboundMessage
    score: float | None
    refused: bool

    def grounds(self, reply: OutboundMessage) -> bool:
        """Whether `reply` is the answer (later steps may copy it, e.g. to set its language)."""
        mine = self.reply
        return (reply.text, reply.citations, reply.kind) == (mine.text, mine.citations, mine.kind)


@dataclass
class Turn:
    """One inbound message on its way through the steps; each step fills in what it owns.

    The `*_row` fields are set by `identity` and `transcript`; the properties of the same name
    without the suffix read them and fail loudly when a step runs before its prerequisites.
    """

    inbound: InboundMessage
    deliver_inline: bool = False
    resume: bool = False  # finish a turn a crashed process began (set by the durable inbox)
    inbox_id: UUID | None = None  # the durable inbox row of this message, if any
    inbox_done: bool = False  # that row was marked done in a transaction that committed
    bot_row: Bot | None = None
    end_user_row: EndUser | None = None
    account_row: ChannelAccount | None = None
    conversation_row: Conversation | None = None
    inbound_row: Message | None = None
    stats_row: LearnerStats | None = None  # joined with the account; None: not created yet
    active_programs: int | None = None  # read with the account; None: unknown
    recent_inbound: int | None = None  # the sender's inbound messages in the rate window, before
    # this one (read with the account); None: unknown
    replies: list[OutboundMessage] = field(default_factory=list)
    reply_ids: list[UUID] = field(default_factory=list)  # stored replies, in order
    duplicate: bool = False
    failed: bool = False
    recorded: bool = False
    command: str | None = None
    inbound_uncounted: bool = False  # stored, not yet in its conversation's message_count
    points_unchanged: bool = False  # set by a step that knows no points were awarded in the turn
    start_payload: str | None = None
    inbound_saved: bool = False  # the inbound row exists outside this turn's transaction
    deferred: Callable[[], Awaitable[OutboundMessage]] | None = None  # an answer that waits
    deferred_at: int = 0  # on a remote model: computed after the transaction, inserted here
    timed_out: bool = False  # the answer missed the turn's deadline: the fallback was sent
    committed: bool = False  # the turn's transaction committed (inbound, replies, events)
    events: list[UserInteraction] = field(default_factory=list)  # written with the replies
    changes: TurnChanges = field(default_factory=lambda: TurnChanges())
    flushes: list[Callable[[], Awaitable[None]]] = field(default_factory=list)  # deferred saves
    writes: Batch | None = None  # statements sent with the turn's final writes (transcript)
    language: str = ""  # the learner's language (set by the language step; "" unknown)
    started: float = field(default_factory=time.perf_counter)
    timings: dict[str, float] = field(default_factory=dict)
    grounding: Grounding | None = None  # set by the answer step, stored on its reply

    @property
    def bot(self) -> Bot:
        return _required(self.bot_row, "bot")

    @property
    def end_user(self) -> EndUser:
        return _required(self.end_user_row, "end_user")

    @property
    def account(self) -> ChannelAccount:
        return _required(self.account_row, "account")

    @property
    def conversation(self) -> Conversation:
        return _required(self.conversation_row, "conversation")

    @property
    def inbound_message(self) -> Message:
        return _required(self.inbound_row, "inbound_message")

    @property
    def text(self) -> str:
        return self.inbound.text.strip()

    def elapsed_ms(self) -> int:
        """Milliseconds since the turn started (monotonic clock, immune to clock changes)."""
        return int((time.perf_counter() - self.started) * 1000)

    def reply(self, text: str) -> None:
        self.replies.append(OutboundMessage(text=text))

    def texts(self) -> Texts:
        """Built-in texts in the learner's language, with the bot's overrides."""
        return Texts.for_bot(self.language, self.bot_row)


def _required(value: T | None, name: str) -> T:
    if value is None:
        raise RuntimeError(f"turn.{name} is not set yet: a step runs before the one that sets it")
    return value


Next = Callable[[Turn], Awaitable[None]]
Step = Callable[[Turn, Next], Awaitable[None]]


async def finish(turn: Turn) -> None:
    """The terminal handler: the end of the line after the last step."""


def compose(steps: Sequence[Step], terminal: Next = finish) -> Next:
    """Fold steps into one handler, outermost first (as aiogram folds its middlewares)."""
    handler = terminal
    for step in reversed(steps):
        handler = _bind(step, handler)
    return handler


def _bind(step: Step, call_next: Next) -> Next:
    async def run(turn: Turn) -> None:
        await step(turn, call_next)

    return run
