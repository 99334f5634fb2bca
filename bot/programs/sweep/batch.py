"""What one sweep batch holds: the due ledger rows, what was loaded about them, the decisions."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.messages import OutboundMessage
from bot.programs.schema import ProgramDefinition, Step
from bot.schedule import QuietHours
from models import EnrollmentStatus

SWEPT_STATUSES = [s for s in EnrollmentStatus if s != EnrollmentStatus.PAUSED]
"""Paused enrollments keep their rows pending until they resume."""


@dataclass
class Counts:
    steps: int = 0
    nudges: int = 0
    deferred: int = 0
    skipped: int = 0
    cancelled: int = 0


@dataclass(slots=True)
class Due:
    """A due ledger row as the sweep reads and settles it."""

    id: str
    enrollment_id: str
    step_id: str
    kind: str
    attempt: int
    due_at: datetime
    status: str
    reason: str
    outbox_id: str | None
    queued_at: datetime | None

    @property
    def key(self) -> str:
        """The outbox idempotency key of this ledger row."""
        return f"sched:{self.id}"


@dataclass(frozen=True, slots=True)
class Learner:
    """An enrollment with what sending to its user needs."""

    enrollment_id: str
    status: str
    program_id: str
    version_id: str
    current_step: str | None
    last_activity_at: datetime
    user_id: str
    bot_id: str  # the user's bot: messages, outbox rows and events carry it
    timezone: str


@dataclass(frozen=True, slots=True)
class Account:
    id: str
    user_id: str
    channel: str
    blocked: bool
    last_seen: datetime  # the last inbound message, else when the account was created
    open: bool = True  # a free-form message may go now (False: WhatsApp outside its window)
    chosen: bool = False  # the learner chose this channel (`/channel telegram`)


@dataclass(frozen=True, slots=True)
class ProgramInfo:
    code: str
    bot_id: str  # whose settings hold the quiet hours


@dataclass(slots=True)
class Send:
    row: Due
    learner: Learner
    program: ProgramInfo
    account: Account
    step: Step
    message: OutboundMessage
    tz: ZoneInfo
    quiet: QuietHours


@dataclass
class Batch:
    """What one batch loaded about its rows, then what it decided for each."""

    now: datetime
    learners: dict[str, Learner]
    programs: dict[str, ProgramInfo]
    definitions: dict[str, ProgramDefinition]
    quiet: dict[str, QuietHours]  # by bot id
    accounts: dict[str, Account]  # by user id: the reachable one
    progress: dict[tuple[str, str], tuple[datetime | None, datetime | None]]  # delivered, done
    # one message per (version, step, kind, attempt), shared by every send of the batch
    rendered: dict[tuple[str, str, str, int], OutboundMessage] = field(default_factory=dict)
    sends: list[Send] = field(default_factory=list)
    counts: Counts = field(default_factory=Counts)
    # users a person is talking to (bot/handoff.py): their sends wait until released
    handed_over: frozenset[str] = field(default_factory=frozenset)
