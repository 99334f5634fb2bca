"""Learners' data rights: export one learner's data, erase it (text, profile, answers, channel
identifiers), and the `/delete` → `yes` conversation that lets a learner do it themselves.

Erasure keeps rows that aggregates count (messages, interactions, enrollments, badges) but
empties every field that holds what the learner said or who they are. Channel identifiers are
replaced by random tokens (irreversible); an account whose confirmation is still waiting in the
outbox keeps its identifier until `finish_erasures` runs after that send.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from tortoise.transactions import in_transaction

from bot.errors import NotFound
from bot.pipeline import Turn
from models import (
    Certificate,
    ChannelAccount,
    Conversation,
    EndUser,
    InboxMessage,
    Message,
    OutboxMessage,
    OutboxStatus,
    ProgramEnrollment,
    ScheduledSend,
    StepProgress,
    UserBadge,
    UserProfile,
)
from models.programs import EnrollmentStatus, SendStatus

log = logging.getLogger(__name__)
PENDING_KEY = "delete_requested_at"
ERASE_PENDING = "erase_identifier_after_send"
ERASED = {"erased": True}
CONFIRM_WORDS = frozenset({"yes", "y", "yes."})
ASK_REPLY = (
    "This erases what you've told me: your messages, your profile, your answers and the link "
    "between this chat and you. It cannot be undone. Reply yes to confirm; anything else cancels."
)
DONE_REPLY = (
    "Done: your messages, profile and answers are erased, and this chat is no longer linked to "
    "you. If you write again, we start from scratch."
)
CANCELLED_REPLY = "Okay, nothing was deleted."
LIVE_SENDS = (OutboxStatus.PENDING, OutboxStatus.SENDING, OutboxStatus.BLOCKED_BY_WINDOW)


@dataclass(frozen=True)
class ErasureReport:
    """How many rows an erasure emptied, for the audit log and the API answer."""

    messages: int
    conversations: int
    answers: int
    accounts: int

    def to_json(self) -> dict[str, int]:
        return dict(vars(self))


def pseudonym(value: str) -> str:
    """An irreversible stand-in for an identifier (salted, the salt thrown away)."""
    return "erased:" + hashlib.sha256(secrets.token_bytes(16) + value.encode()).hexdigest()[:40]


async def learner(creator_id: UUID, end_user_id: UUID | str) -> EndUser:
    """One of this creator's learners, or NotFound (another creator's learner included)."""
    try:
        wanted = UUID(str(end_user_id))
    except ValueError:
        raise NotFound(f"no learner {end_user_id!r} for this creator") from None
    user = await EndUser.for_creator(creator_id).get_or_none(id=wanted)
    if user is None:
        raise NotFound(f"no learner {wanted} for this creator")
    return user


# --- erasure -------------------------------------------------------------------------------


async def _erase_messages(conversation_ids: list[UUID], bot_id: UUID) -> int:
    inbound_ids = await Message.filter(
        conversation_id__in=conversation_ids, external_message_id__not_isnull=True
    ).values_list("external_message_id", flat=True)
    inbox = await InboxMessage.filter(bot_id=bot_id, external_message_id__in=inbound_ids)
    for row in inbox:  # the stored webhook payload holds the text and the sender's id
        row.payload, row.external_message_id = ERASED, pseudonym(row.external_message_id)
        await row.save(update_fields=["payload", "external_message_id"])
    messages = Message.filter(conversation_id__in=conversation_ids)
    erased = await messages.count()  # SQLite's change count would include the search index's
    await messages.update(content="", metadata=ERASED, external_message_id=None, error_message=None)
    return erased


async def _erase_answers(user: EndUser, now: datetime) -> int:
    enrollments = await ProgramEnrollment.filter(user_id=user.id).values_list("id", flat=True)
    answers = await StepProgress.filter(enrollment_id__in=enrollments).update(answer=None)
    await ScheduledSend.filter(
        enrollment_id__in=enrollments, status__in=[SendStatus.PENDING, SendStatus.QUEUED]
    ).update(status=SendStatus.CANCELLED, reason="learner erased their data")
    await (
        ProgramEnrollment.filter(id__in=enrollments)
        .exclude(status=EnrollmentStatus.COMPLETED)
        .update(status=EnrollmentStatus.STOPPED, progress={})
    )
    await UserBadge.filter(user_id=user.id).update(criteria_met={})
    return answers


async def _erase_accounts(user: EndUser, now: datetime, *, keep_for_reply: bool) -> int:
    accounts = await ChannelAccount.filter(end_user_id=user.id)
    account_ids = [a.id for a in accounts]
    await OutboxMessage.filter(channel_account_id__in=account_ids, status__in=LIVE_SENDS).update(
        status=OutboxStatus.CANCELLED, payload={"text": ""}, last_error="learner erased"
    )
    await (
        OutboxMessage.filter(channel_account_id__in=account_ids)
        .exclude(status__in=LIVE_SENDS)
        .update(payload={"text": ""})
    )
    for account in accounts:
        account.display_name, account.metadata = "", {"erased_at": now.isoformat()}
        if keep_for_reply:
            account.metadata[ERASE_PENDING] = True
        else:
            account.external_id = pseudonym(account.external_id)
        await account.save(update_fields=["display_name", "metadata", "external_id"])
    return len(accounts)


async def erase_learner(
    user: EndUser, *, now: datetime, keep_for_reply: bool = False
) -> ErasureReport:
    """Empty every field holding the learner's words or identity; counts stay for aggregates."""
    async with in_transaction():
        conversations: list[UUID] = await Conversation.filter(user_id=user.id).values_list(
            "id", flat=True
        )  # type: ignore[assignment]
        messages = await _erase_messages(conversations, user.bot_id)
        await Conversation.filter(id__in=conversations).update(
            context={}, metadata=ERASED, feedback=None
        )
        answers = await _erase_answers(user, now)
        accounts = await _erase_accounts(user, now, keep_for_reply=keep_for_reply)
        await UserProfile.filter(user_id=user.id).update(
            profile_data={}, interests=[], goals=[], preferences={}, behavior_patterns={}
        )
        await EndUser.filter(id=user.id).update(
            external_id=None,
            display_name="",
            profile_data={"erased_at": now.isoformat()},
            preferences={},
            is_active=False,
        )
    log.info("erased learner %s of bot %s (%d messages)", user.id, user.bot_id, messages)
    return ErasureReport(messages, len(conversations), answers, accounts)


async def finish_erasures(now: datetime) -> int:
    """Replace the identifiers kept for a confirmation once nothing waits to be sent to them."""
    done = 0
    erased = ChannelAccount.filter(end_user__is_active=False).exclude(
        external_id__startswith="erased:"
    )
    for account in await erased:
        if not (account.metadata or {}).get(ERASE_PENDING):
            continue
        if await OutboxMessage.filter(
            channel_account_id=account.id, status__in=LIVE_SENDS
        ).exists():
            continue
        account.external_id = pseudonym(account.external_id)
        account.metadata = {"erased_at": account.metadata.get("erased_at", now.isoformat())}
        await account.save(update_fields=["external_id", "metadata"])
        done += 1
    return done


# --- export --------------------------------------------------------------------------------


def _when(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


async def _conversations(user: EndUser) -> list[dict[str, Any]]:
    out = []
    for conversation in await Conversation.filter(user_id=user.id).order_by("created_at"):
        messages = await Message.filter(conversation_id=conversation.id).order_by("created_at")
        out.append(
            {
                "id": str(conversation.id),
                "channel": conversation.channel,
                "started_at": _when(conversation.created_at),
                "messages": [
                    {"direction": m.direction.value, "text": m.content, "at": _when(m.created_at)}
                    for m in messages
                ],
            }
        )
    return out


async def _programs(user: EndUser) -> list[dict[str, Any]]:
    out = []
    for enrollment in await ProgramEnrollment.filter(user_id=user.id).prefetch_related("program"):
        steps = await StepProgress.filter(enrollment_id=enrollment.id).order_by("id")
        out.append(
            {
                "program": enrollment.program.code,
                "status": enrollment.status.value,
                "answers": [{"step": s.step_id, "answer": s.answer} for s in steps if s.answer],
            }
        )
    return out


async def export_learner(user: EndUser) -> dict[str, Any]:
    """Everything stored about one learner, as JSON-ready data."""
    profile = await UserProfile.get_or_none(user_id=user.id)
    accounts = await ChannelAccount.filter(end_user_id=user.id)
    badges = await UserBadge.filter(user_id=user.id).prefetch_related("badge")
    return {
        "learner": {
            "id": str(user.id),
            "display_name": user.display_name,
            "language": user.language,
            "timezone": user.timezone,
            "created_at": _when(user.created_at),
            "last_active_at": _when(user.last_active_at),
            "profile": user.profile_data,
        },
        "channels": [
            {"channel": str(a.channel), "id": a.external_id, "name": a.display_name}
            for a in accounts
        ],
        "profile": None
        if profile is None
        else {
            "interests": profile.interests,
            "goals": profile.goals,
            "points": profile.points,
            "level": profile.level,
        },
        "conversations": await _conversations(user),
        "programs": await _programs(user),
        "badges": [b.badge.code for b in badges],
        "preferences": user.preferences,  # shown name, leaderboard opt-in, chosen channel
        "certificates": [
            {"code": c.code, "program": c.program_title, "issued_at": _when(c.issued_at)}
            for c in await Certificate.filter(user_id=user.id)
        ],
    }


# --- the /delete conversation --------------------------------------------------------------


async def _set_pending(turn: Turn, value: str | None) -> None:
    context = dict(turn.conversation.context or {})
    if value is None:
        context.pop(PENDING_KEY, None)
    else:
        context[PENDING_KEY] = value
    turn.conversation.context = context
    await Conversation.filter(id=turn.conversation.id).update(context=context)


async def ask_to_delete(turn: Turn, now: datetime) -> None:
    """`/delete`: explain what goes, and wait for a `yes`."""
    await _set_pending(turn, now.isoformat())
    turn.reply(ASK_REPLY)


async def answer_delete_question(turn: Turn, now: datetime) -> bool:
    """True when this message answered a pending `/delete` with yes (the learner is erased)."""
    if PENDING_KEY not in (turn.conversation.context or {}):
        return False
    await _set_pending(turn, None)
    if turn.text.lower() not in CONFIRM_WORDS:
        turn.reply(CANCELLED_REPLY)
        return False
    await erase_learner(turn.end_user, now=now, keep_for_reply=True)
    turn.conversation.context = {}
    turn.reply(DONE_REPLY)
    return True
