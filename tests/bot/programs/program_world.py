"""A bot with a published program, learners, the real engine with the program steps, a scheduler."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from bot.clock import FakeClock
from bot.engine import Engine, TurnResult
from bot.gamification import GamificationStep
from bot.llm import LLMChooser
from bot.messages import ChannelName, InboundMessage
from bot.programs import service
from bot.programs.loader import load_file
from bot.programs.runner import ProgramsStep
from bot.programs.schema import validate_definition
from bot.scheduler import Scheduler
from bot.settings import LLMSettings
from models import (
    Bot,
    BotStatus,
    ChannelAccount,
    ChannelType,
    Creator,
    EndUser,
    OutboxMessage,
    ProgramEnrollment,
    UserInteraction,
)
from tests.fakes.retriever import FakeRetriever

EXAMPLES = Path(__file__).resolve().parents[3] / "examples" / "programs"
HABIT = EXAMPLES / "habit-7.yaml"
_ids = itertools.count(1)


@dataclass
class World:
    bot: Bot
    clock: FakeClock
    retriever: FakeRetriever = field(default_factory=FakeRetriever)

    def __post_init__(self) -> None:
        self.engine = Engine(
            retriever=self.retriever,
            llm_for=LLMChooser(LLMSettings()),
            clock=self.clock,
            before_answer=[GamificationStep(self.clock), ProgramsStep(self.clock)],
        )
        self.scheduler = Scheduler(clock=self.clock)

    async def say(
        self,
        user: str,
        text: str = "",
        *,
        payload: str | None = None,
        channel: ChannelName = ChannelName.TELEGRAM,
    ) -> TurnResult:
        return await self.engine.handle(
            InboundMessage(
                channel=channel,
                bot=self.bot.slug,
                external_user_id=user,
                external_message_id=f"m{next(_ids)}",
                text=text,
                payload=payload,
                received_at=self.clock.now(),
            )
        )

    async def texts(self, user: str, text: str = "", **kw: Any) -> list[str]:
        return [r.text for r in (await self.say(user, text, **kw)).replies]

    async def learner(
        self, name: str, tz: str = "UTC", channel: ChannelType = ChannelType.TELEGRAM
    ) -> EndUser:
        user = await EndUser.create(
            creator_id=self.bot.creator_id,
            bot=self.bot,
            external_id=name,
            channel=channel.value,
            timezone=tz,
        )
        await ChannelAccount.create(bot=self.bot, end_user=user, channel=channel, external_id=name)
        return user


async def make_world(start: datetime, *, settings: dict[str, Any] | None = None) -> World:
    creator = await Creator.create(email=f"coach{next(_ids)}@example.com", password_hash="x")
    bot = await Bot.create(
        creator=creator,
        slug=f"coach-{next(_ids)}",
        name="Coach",
        status=BotStatus.PUBLISHED,
        greeting="Hello from Coach!",
        settings=settings or {},
    )
    return World(bot=bot, clock=FakeClock(start))


async def publish(world: World, data: dict[str, Any] | None = None) -> str:
    """Import and publish habit-7 (or the given definition); returns the code."""
    definition = validate_definition(data) if data else load_file(HABIT)
    await service.import_program(world.bot, definition)
    await service.publish_program(world.bot, definition.code, now=world.clock.now())
    return definition.code


async def events(user: EndUser, kind: str) -> list[dict[str, Any]]:
    rows = await UserInteraction.filter(user_id=user.id, interaction_type=kind).order_by(
        "created_at"
    )
    return [row.interaction_data for row in rows]


async def enrollment_of(user: EndUser) -> ProgramEnrollment:
    return await ProgramEnrollment.get(user_id=user.id)


async def scheduled_texts(user: EndUser) -> list[tuple[datetime, str]]:
    """(created, text) of the outbox rows the scheduler wrote for this learner."""
    rows = await OutboxMessage.filter(
        channel_account__end_user_id=user.id, idempotency_key__startswith="sched:"
    ).order_by("created_at")
    return [(row.next_attempt_at, row.payload["text"]) for row in rows]


def quiz_program(code: str = "mini", *, retries: int = 1, **extra: Any) -> dict[str, Any]:
    """A three-step program: a lesson, a quiz (on_complete), a question the next day."""
    return {
        "code": code,
        "title": "Mini Course",
        "steps": [
            {
                "id": "intro",
                "kind": "lesson",
                "title": "Intro",
                "text": "Hello.",
                "buttons": ["Ok"],
            },
            {
                "id": "check",
                "kind": "quiz",
                "text": "Two plus two?",
                "retries": retries,
                "points": 20,
                "options": [
                    {"text": "Three", "feedback": "Too small."},
                    {"text": "Four", "correct": True, "feedback": "Right."},
                    {"text": "Five", "feedback": "Too big."},
                ],
            },
            {
                "id": "why",
                "kind": "question",
                "title": "Why",
                "text": "Why are you here?",
                "schedule": {"after": "1d at 09:00", "from": "enrollment"},
                "nudges": [
                    {"after_hours": 2, "text": "Still there?"},
                    {"after_hours": 4, "text": "One more reminder."},
                    {"after_hours": 6, "text": "Last reminder."},
                ],
            },
        ],
        **extra,
    }
