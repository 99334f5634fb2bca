"""Handing a conversation to a person: takeover and release, a learner's `/human`, the quiet step.

A conversation is *quiet* (the bot does not answer, programs hold their scheduled sends for the
learner) while a creator has taken it over, or while a learner's request for a human is open
(until a creator releases it or `handoff_until` passes). Inbound messages are still stored and
counted as unread for the inbox; commands (/stop, /delete, /help) are still answered, so a
learner can always leave.

The phrases that ask for a human and the request's timeout are per bot, in
`Bot.settings["handoff"]` (`HandoffSettings`, validated when written).
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from tortoise.expressions import F

from bot import audit
from bot.clock import Clock
from bot.commands import parse_command
from bot.errors import InvalidInput, NotFound
from bot.live import invalidate_bot, parsed
from bot.outreach import OutreachResult, send_to_learner
from bot.pipeline import Next, Turn
from models import Bot, Conversation, Person, UserInteraction

COMMAND = "human"
DEFAULT_PHRASES = ("talk to a human", "speak to a human", "real person")
_NOT_WORD = re.compile(r"[^\w]+")


class HandoffSettings(BaseModel):
    """`Bot.settings["handoff"]`: what asks for a human, how long the bot then keeps quiet."""

    model_config = ConfigDict(extra="forbid")

    phrases: list[str] = Field(default_factory=lambda: list(DEFAULT_PHRASES), max_length=20)
    timeout_hours: int = Field(default=24, ge=1, le=24 * 30)

    @field_validator("phrases")
    @classmethod
    def _phrases(cls, value: list[str]) -> list[str]:
        cleaned = [normalised(p) for p in value]
        if any(not 2 <= len(p) <= 100 for p in cleaned):
            raise ValueError("each phrase: 2 to 100 characters of words")
        return cleaned

    @property
    def timeout(self) -> timedelta:
        return timedelta(hours=self.timeout_hours)


def normalised(text: str) -> str:
    return " ".join(_NOT_WORD.sub(" ", text.casefold()).split())


def settings_of(bot: Bot) -> HandoffSettings:
    """The bot's handoff settings (the defaults if it stored none or something invalid)."""
    raw = (bot.settings or {}).get("handoff") or {}
    try:
        return HandoffSettings.model_validate(raw)
    except ValidationError:
        return HandoffSettings()


def asks_for_human(text: str, settings: HandoffSettings) -> bool:
    command = parse_command(text.strip())
    if command is not None:
        return command.name == COMMAND
    said = f" {normalised(text)} "
    return any(f" {phrase} " in said for phrase in settings.phrases)


def is_quiet(conversation: Conversation, now: datetime) -> bool:
    """The bot keeps quiet: taken over, or a learner's request for a human still open."""
    if conversation.taken_over_at is not None:
        return True
    until = conversation.handoff_until
    return bool(conversation.escalated_to_human and until is not None and until > now)


class HandoffStep:
    """Pipeline step, before the commands: `/human` raises a request; a quiet conversation
    gets no answer (the inbound message is stored by the transcript step all the same)."""

    def __init__(self, clock: Clock) -> None:
        self._clock = clock

    async def __call__(self, turn: Turn, call_next: Next) -> None:
        now = self._clock.now()
        settings = parsed("handoff", turn.bot, settings_of)
        if turn.text and asks_for_human(turn.text, settings):
            await request_human(turn, now, settings)
            return
        if is_quiet(turn.conversation, now) and parse_command(turn.text) is None:
            await count_unread(turn.conversation)
            return
        await call_next(turn)


async def request_human(turn: Turn, now: datetime, settings: HandoffSettings) -> None:
    """Flag the conversation for the inbox, tell the learner, note the event."""
    turn.command = COMMAND
    conversation = turn.conversation
    conversation.escalated_to_human = True
    conversation.escalated_at = now
    conversation.handoff_until = now + settings.timeout
    await Conversation.filter(id=conversation.id).update(
        escalated_to_human=True,
        escalated_at=now,
        handoff_until=conversation.handoff_until,
        unread_count=F("unread_count") + 1,
    )
    turn.reply(turn.texts().get("handoff_requested"))
    turn.events.append(
        UserInteraction(
            user_id=turn.end_user.id,
            bot_id=turn.bot.id,
            channel=str(turn.account.channel),
            interaction_type="handoff_requested",
            interaction_data={},
            session_id=conversation.id,
            message_id=turn.inbound_message.id,
        )
    )


async def count_unread(conversation: Conversation) -> None:
    await Conversation.filter(id=conversation.id).update(unread_count=F("unread_count") + 1)


async def conversation_of(creator_id: UUID | str, conversation_id: UUID | str) -> Conversation:
    """One of the creator's conversations; `NotFound` for anyone else's or a malformed id."""
    try:
        UUID(str(conversation_id))
    except ValueError:
        raise NotFound("no such conversation") from None
    found = await Conversation.for_creator(creator_id).get_or_none(id=conversation_id)
    if found is None:
        raise NotFound("no such conversation")
    return found


async def take_over(
    creator_id: UUID | str,
    conversation_id: UUID | str,
    *,
    actor_user_id: UUID | str | None,
    now: datetime,
) -> Conversation:
    """The bot stops answering this learner until `release`."""
    conversation = await conversation_of(creator_id, conversation_id)
    conversation.taken_over_at = conversation.taken_over_at or now
    conversation.taken_over_by = UUID(str(actor_user_id)) if actor_user_id else None
    await conversation.save(update_fields=["taken_over_at", "taken_over_by"])
    await _audit(creator_id, conversation, "takeover", actor_user_id)
    return conversation


async def release(
    creator_id: UUID | str,
    conversation_id: UUID | str,
    *,
    actor_user_id: UUID | str | None,
) -> Conversation:
    """Hand the conversation back to the bot; an open request for a human is closed too."""
    conversation = await conversation_of(creator_id, conversation_id)
    conversation.taken_over_at = conversation.taken_over_by = None
    conversation.escalated_to_human, conversation.handoff_until = False, None
    conversation.unread_count = 0
    fields = ["taken_over_at", "taken_over_by", "escalated_to_human", "handoff_until"]
    await conversation.save(update_fields=[*fields, "unread_count"])
    await _audit(creator_id, conversation, "release", actor_user_id)
    return conversation


async def mark_read(conversation: Conversation) -> None:
    if conversation.unread_count:
        conversation.unread_count = 0
        await Conversation.filter(id=conversation.id).update(unread_count=0)


async def _audit(
    creator_id: UUID | str,
    conversation: Conversation,
    operation: str,
    actor_user_id: UUID | str | None,
) -> None:
    actor = await Person.get_or_none(id=actor_user_id) if actor_user_id else None
    await audit.record(
        UUID(str(creator_id)),
        table="conversation",
        operation=operation,
        record_id=conversation.id,
        new={"learner": str(conversation.user_id), "channel": conversation.channel},
        actor=actor,
    )


async def send_reply(
    creator_id: UUID | str,
    conversation_id: UUID | str,
    text: str,
    *,
    actor_user_id: UUID | str | None,
    now: datetime,
) -> OutreachResult:
    """The creator answers in this conversation (through the outbox); it counts as read."""
    conversation = await conversation_of(creator_id, conversation_id)
    result = await send_to_learner(
        creator_id,
        conversation.user_id,
        text,
        actor_user_id=actor_user_id,
        conversation_id=conversation.id,
        now=now,
    )
    await mark_read(conversation)
    return result


async def save_settings(creator_id: UUID | str, slug: str, data: object) -> HandoffSettings:
    """Validate and store a bot's handoff settings (live at once: no learner text changes)."""
    bot = await Bot.for_creator(creator_id).get_or_none(slug=slug)
    if bot is None:
        raise NotFound(f"no bot {slug!r}")
    try:
        chosen = HandoffSettings.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "body"
        raise InvalidInput(f"{where}: {str(first['msg']).removeprefix('Value error, ')}") from None
    before = settings_of(bot).model_dump()
    bot.settings = {**(bot.settings or {}), "handoff": chosen.model_dump()}
    await bot.save(update_fields=["settings", "updated_at"])
    invalidate_bot(bot)
    await audit.record_change(
        bot.creator_id, table="bot_handoff", record_id=bot.id, old=before, new=chosen.model_dump()
    )
    return chosen
