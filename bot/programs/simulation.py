"""A program run by scripted learners on a fast-forwarded clock: the real engine, the real sweeps.

Each tick moves the `FakeClock`, runs one scheduler sweep, then lets every learner act: join
at the start, answer the step waiting for them once their reply delay has passed (quizzes wrong
first if the script says so), stay silent on their silent days (so nudges fire). The timeline
is read back from the event log, whose times come from the same clock.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

from bot.clock import FakeClock
from bot.engine import Engine
from bot.messages import ChannelName, InboundMessage
from bot.programs.schema import Checkpoint, Lesson, ProgramDefinition, Quiz, Step
from bot.rag import RetrievedChunk
from bot.schedule import zone
from bot.scheduler import Scheduler
from models import (
    Badge,
    Bot,
    ChannelAccount,
    ChannelType,
    EndUser,
    ScheduledSend,
    SendStatus,
    StepProgress,
    UserInteraction,
)

KINDS = {
    "step_delivered": "step",
    "nudge_sent": "nudge",
    "badge_awarded": "badge",
    "program_completed": "completion",
}


class NoKnowledge:
    """A `Retriever` for a bot simulated without its knowledge: nothing is ever found."""

    async def retrieve(
        self, knowledge_base_ids: list[UUID], query: str, *, k: int = 5
    ) -> list[RetrievedChunk]:
        return []


ORDER = {"reply": 0, "step": 1, "nudge": 2, "completion": 3, "badge": 4}


@dataclass(frozen=True)
class Script:
    """How one scripted learner behaves."""

    reply_after: timedelta = timedelta(minutes=20)
    quiz_wrong_first: bool = False
    silent_days: frozenset[int] = frozenset()  # local day numbers (0 = the first) they ignore
    question: str | None = None  # asked once, right after joining: it goes to the bot's answer


SCRIPTS = (
    Script(),
    Script(reply_after=timedelta(hours=2), quiz_wrong_first=True, question="How do habits form?"),
    Script(reply_after=timedelta(minutes=45), silent_days=frozenset({1, 3})),
)


@dataclass(frozen=True)
class TimelineEvent:
    at: datetime
    local: datetime
    user: str
    channel: str
    kind: str  # step | nudge | badge | reply | completion
    step: str
    text: str

    def to_json(self) -> dict[str, Any]:
        return {
            "at": self.at.isoformat(),
            "local": self.local.isoformat(),
            "user": self.user,
            "channel": self.channel,
            "kind": self.kind,
            "step": self.step,
            "text": self.text,
        }


@dataclass
class Learner:
    name: str
    user: EndUser
    script: Script
    tz: ZoneInfo
    joined: bool = False
    asked: bool = False


@dataclass
class Simulation:
    engine: Engine
    scheduler: Scheduler
    clock: FakeClock
    bot: Bot
    definition: ProgramDefinition
    channel: ChannelName = ChannelName.TELEGRAM
    tick: timedelta = timedelta(minutes=15)
    learners: list[Learner] = field(default_factory=list)
    replies: list[TimelineEvent] = field(default_factory=list)
    _sequence: int = 0

    async def add_learner(self, name: str, script: Script, tz: str) -> Learner:
        user = await EndUser.create(
            creator_id=self.bot.creator_id,
            bot=self.bot,
            external_id=name,
            channel=self.channel.value,
            display_name=name,
            timezone=tz,
        )
        await ChannelAccount.create(
            bot=self.bot, end_user=user, channel=ChannelType(self.channel.value), external_id=name
        )
        learner = Learner(name, user, script, zone(tz))
        self.learners.append(learner)
        return learner

    async def run(self, until: datetime) -> list[TimelineEvent]:
        """Tick until `until`, jumping over ticks in which nothing can happen."""
        start = self.clock.now()
        while self.clock.now() < until:
            now = self.clock.now()
            await self.scheduler.sweep_once(now)
            wakes = [await self.act(learner, now, start) for learner in self.learners]
            wakes.append(await self.next_due())
            following = min((t for t in wakes if t is not None), default=until)
            self.clock.set(min(until, max(now + self.tick, self.on_tick(following, start))))
        return await self.timeline()

    def on_tick(self, when: datetime, start: datetime) -> datetime:
        """`when` rounded up to the tick grid that starts at `start`."""
        ticks = -((start - when) // self.tick)  # ceiling division
        return start + ticks * self.tick

    async def next_due(self) -> datetime | None:
        row = (
            await ScheduledSend.filter(
                status=SendStatus.PENDING,
                enrollment__user_id__in=[learner.user.id for learner in self.learners],
            )
            .order_by("due_at")
            .first()
        )
        return row.due_at if row is not None else None

    async def act(self, learner: Learner, now: datetime, start: datetime) -> datetime | None:
        """Do what the script says now; returns when this learner next wants to act."""
        if not learner.joined:
            learner.joined = True
            await self.say(learner, f"/start {self.definition.code}", now)
            return now
        if learner.script.question and not learner.asked:
            learner.asked = True
            await self.say(learner, learner.script.question, now)
            return now
        waiting = await self.waiting(learner)
        if waiting is None:
            return None
        step, progress = waiting
        assert progress.delivered_at is not None
        reply_at = self.reply_time(learner, progress.delivered_at, start)
        if now < reply_at:
            return reply_at
        text, payload = answer_for(step, learner.script, progress.attempts)
        await self.say(learner, text, now, payload=payload, step=step.id)
        return now

    def reply_time(self, learner: Learner, delivered: datetime, start: datetime) -> datetime:
        """Reply delay after delivery; on a silent day, the next local morning at 08:05."""
        local = delivered.astimezone(learner.tz)
        day = (local.date() - start.astimezone(learner.tz).date()).days
        if day not in learner.script.silent_days:
            return delivered + learner.script.reply_after
        return datetime.combine(local.date() + timedelta(days=1), time(8, 5), learner.tz)

    async def waiting(self, learner: Learner) -> tuple[Step, StepProgress] | None:
        progress = await StepProgress.filter(
            enrollment__user_id=learner.user.id,
            delivered_at__isnull=False,
            completed_at__isnull=True,
        ).first()
        if progress is None:
            return None
        step = self.definition.step(progress.step_id)
        return (step, progress) if step is not None else None

    async def say(
        self,
        learner: Learner,
        text: str,
        now: datetime,
        *,
        payload: str | None = None,
        step: str = "",
    ) -> None:
        self._sequence += 1
        inbound = InboundMessage(
            channel=self.channel,
            bot=self.bot.slug,
            external_user_id=learner.name,
            external_message_id=f"sim-{self._sequence}",
            text=text,
            payload=payload,
            received_at=now,
        )
        await self.engine.handle(inbound, deliver_inline=True)
        local = now.astimezone(learner.tz)
        shown = text or payload or ""
        self.replies.append(
            TimelineEvent(now, local, learner.name, self.channel.value, "reply", step, shown)
        )

    async def timeline(self) -> list[TimelineEvent]:
        by_user = {learner.user.id: learner for learner in self.learners}
        rows = await UserInteraction.filter(
            user_id__in=list(by_user), interaction_type__in=list(KINDS)
        )
        badges = {b.code: b.name for b in await Badge.filter(creator_id=self.bot.creator_id)}
        events = [self.event(row, by_user[row.user_id], badges) for row in rows]
        return sorted([*events, *self.replies], key=lambda e: (e.at, e.user, ORDER[e.kind]))

    def event(
        self, row: UserInteraction, learner: Learner, badges: dict[str, str]
    ) -> TimelineEvent:
        data, kind = row.interaction_data, KINDS[row.interaction_type]
        step_id = str(data.get("step", ""))
        step = self.definition.step(step_id) if step_id else None
        text = self.definition.title if kind == "completion" else ""
        if kind == "step" and step is not None:
            text = step.title or step.text[:60]
        elif kind == "nudge" and step is not None:
            text = step.nudges[int(data["attempt"]) - 1].text
        elif kind == "badge":
            text = badges.get(str(data["badge"]), str(data["badge"]))
        local = row.created_at.astimezone(learner.tz)
        return TimelineEvent(row.created_at, local, learner.name, row.channel, kind, step_id, text)


def answer_for(step: Step, script: Script, attempts: int) -> tuple[str, str | None]:
    """What the script sends for a step: (text, button payload)."""
    if isinstance(step, Quiz):
        right = step.options.index(step.answer)
        choice = (
            (right + 1) % len(step.options) if script.quiz_wrong_first and not attempts else right
        )
        return "", f"quiz:{step.id}:{choice}"
    if isinstance(step, Checkpoint):
        return "", f"done:{step.id}"
    if isinstance(step, Lesson):
        return "", f"next:{step.id}"
    return f"My answer to {step.title or step.id}.", None
