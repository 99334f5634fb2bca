"""A creator's own words to one learner: `send_to_learner`, through the one outbound write path.

The message goes to the learner's most recently used reachable channel (or the channel of the
conversation the creator is looking at), is stored in that conversation as said by the creator
(`SenderType.CREATOR`), and leaves through the persisted outbox like any reply. WhatsApp's
24-hour window is decided here, before anything is written: outside it the bot's approved
outreach template carries the text (`Bot.settings["outreach_template"]`), or the send is
refused with a visible reason and nothing is stored or sent. Every attempt is audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal
from uuid import UUID, uuid4

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from tortoise.transactions import in_transaction

from bot import audit, window
from bot.delivery import OutboundMeta, OutboundRecord, write_outbound
from bot.errors import InvalidInput, NotFound
from bot.identity import active_conversation
from bot.messages import ChannelName, OutboundMessage, Template
from models import (
    Bot,
    ChannelAccount,
    Conversation,
    ConversationStatus,
    EndUser,
    Lane,
    Message,
    Person,
    SenderType,
)

MAX_TEXT = 4000
WINDOWED = frozenset({ChannelName.WHATSAPP.value})  # channels with a customer-care window
Status = Literal["queued", "blocked"]


@dataclass(frozen=True)
class OutreachResult:
    """What became of one creator message: queued in the outbox, or blocked and why."""

    status: Status
    reason: str | None
    message_id: UUID | None  # the stored Message; None when blocked (nothing was stored)
    channel: str | None = None
    conversation_id: UUID | None = None


class OutreachTemplate(BaseModel):
    """`Bot.settings["outreach_template"]`: an approved WhatsApp template whose variable
    `text_variable` carries the creator's words outside the 24-hour window."""

    model_config = ConfigDict(extra="forbid")

    content_sid: str = Field(pattern=r"^HX[0-9a-fA-F]{32}$")
    text_variable: str = Field(default="1", min_length=1, max_length=16)

    def template_for(self, text: str) -> Template:
        return Template(self.content_sid, {self.text_variable: text})


def outreach_template(bot: Bot) -> OutreachTemplate | None:
    """The bot's approved outreach template, if it has a valid one."""
    raw = (bot.settings or {}).get("outreach_template")
    if not raw:
        return None
    try:
        return OutreachTemplate.model_validate(raw)
    except ValidationError:
        return None


async def send_to_learner(
    creator_id: UUID | str,
    end_user_id: UUID | str,
    text: str,
    *,
    actor_user_id: UUID | str | None,
    conversation_id: UUID | str | None = None,
    now: datetime | None = None,
) -> OutreachResult:
    """Queue `text` from the creator to the learner; `NotFound` outside the creator's data."""
    text = clean_text(text)
    now = now or datetime.now(UTC)
    learner = await EndUser.for_creator(creator_id).get_or_none(id=end_user_id)
    if learner is None:
        raise NotFound("no such learner")
    bot = await Bot.get(id=learner.bot_id)
    account = await target_account(learner, conversation_id)
    result = await deliver(bot, learner, account, text, actor_user_id=actor_user_id, now=now)
    await record(creator_id, learner, result, actor_user_id)
    return result


def clean_text(text: str) -> str:
    text = (text or "").replace("\x00", "").strip()
    if not text:
        raise InvalidInput("text: write a message")
    if len(text) > MAX_TEXT:
        raise InvalidInput(f"text: at most {MAX_TEXT} characters")
    return text


async def target_account(
    learner: EndUser, conversation_id: UUID | str | None
) -> ChannelAccount | None:
    """The conversation's channel account, else the one the learner wrote from last."""
    accounts = ChannelAccount.filter(end_user_id=learner.id)
    if conversation_id is not None:
        conversation = await Conversation.get_or_none(id=conversation_id, user_id=learner.id)
        if conversation is None:
            raise NotFound("no such conversation")
        accounts = accounts.filter(channel=conversation.channel)
    found = await accounts.order_by("-last_inbound_at", "-created_at")
    return next((a for a in found if not a.blocked), found[0] if found else None)


async def deliver(
    bot: Bot,
    learner: EndUser,
    account: ChannelAccount | None,
    text: str,
    *,
    actor_user_id: UUID | str | None,
    now: datetime,
) -> OutreachResult:
    if account is None:
        return OutreachResult("blocked", "the learner has no channel the bot can reach", None)
    if account.blocked:
        return OutreachResult("blocked", "the learner blocked the bot", None, account.channel)
    outbound, reason = compose(bot, account, text, now)
    if outbound is None:
        return OutreachResult("blocked", reason, None, account.channel)
    conversation = await conversation_of(bot, learner, account, now)
    message_id = await store(bot, learner, account, conversation, outbound, actor_user_id, now)
    return OutreachResult("queued", None, message_id, account.channel, conversation.id)


def compose(
    bot: Bot, account: ChannelAccount, text: str, now: datetime
) -> tuple[OutboundMessage | None, str | None]:
    """The message to queue, or None and why the window forbids it."""
    if account.channel not in WINDOWED:
        return OutboundMessage(text=text), None
    template = outreach_template(bot)
    mode = window.decide(
        last_inbound_at=account.last_inbound_at,
        window_closed_at=account.window_closed_at,
        now=now,
        has_template=template is not None,
    )
    if mode is window.WindowMode.HOLD:
        return None, window.hold_reason(last_inbound_at=account.last_inbound_at, now=now)
    if mode is window.WindowMode.TEMPLATE and template is not None:
        return OutboundMessage(text=text, template=template.template_for(text)), None
    return OutboundMessage(text=text), None


async def conversation_of(
    bot: Bot, learner: EndUser, account: ChannelAccount, now: datetime
) -> Conversation:
    await account.fetch_related("conversation")
    current = account.conversation
    if isinstance(current, Conversation) and current.status == ConversationStatus.ACTIVE:
        return current
    return await active_conversation(bot, learner, account, now)


async def store(
    bot: Bot,
    learner: EndUser,
    account: ChannelAccount,
    conversation: Conversation,
    outbound: OutboundMessage,
    actor_user_id: UUID | str | None,
    now: datetime,
) -> UUID:
    """The Message (marked as the creator's), its outbox row and its event, in one commit."""
    message_id = uuid4()
    record = OutboundRecord(
        bot_id=bot.id,
        user_id=learner.id,
        conversation_id=conversation.id,
        channel_account_id=account.id,
        channel=str(account.channel),
        meta=OutboundMeta(outbound=outbound),
        idempotency_key=f"outreach:{message_id}",
        lane=Lane.INTERACTIVE,
        event_kind="creator_message_sent",
        event_data={"template": outbound.template is not None},
        message_id=message_id,
    )
    async with in_transaction():
        await write_outbound([record], now=now)
        await Message.filter(id=message_id).update(
            sender_type=SenderType.CREATOR, sender_id=actor_user_id
        )
    return message_id


async def record(
    creator_id: UUID | str,
    learner: EndUser,
    result: OutreachResult,
    actor_user_id: UUID | str | None,
) -> None:
    actor = await Person.get_or_none(id=actor_user_id) if actor_user_id else None
    new: dict[str, Any] = {
        "end_user": str(learner.id),
        "status": result.status,
        "channel": result.channel,
        "reason": result.reason,
    }
    await audit.record(
        UUID(str(creator_id)),
        table="message",
        operation="outreach",
        record_id=result.message_id or learner.id,
        new=new,
        actor=actor,
    )
