"""A learner's thumbs up/down (and optional comment) on one bot reply.

Stored on the reply (`Message.rating`, `rating_comment`, `rated_at`) and reflected on its
conversation the way ChatVRM keeps `user_rating` and `feedback` there: the conversation
carries the latest rating (+1 up, -1 down) and the latest comment given.
Only the learner the reply went to may rate it: anything else is "not found".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from uuid import UUID

from tortoise.transactions import in_transaction

from bot.errors import InvalidInput, NotFound
from bot.webhooks.events import emit
from models import Bot, ChannelAccount, Conversation, Direction, Message

RATING_SCORE = {"up": 1, "down": -1}
MAX_COMMENT_CHARS = 1000


@dataclass(frozen=True)
class Rating:
    """A rating as given: which reply, up or down, and what the learner wrote."""

    message_id: UUID
    conversation_id: UUID
    value: str
    comment: str | None
    changed: bool  # False when the same rating was given again (nothing was written)


def checked(value: str, comment: str | None) -> str | None:
    """The comment to store, stripped; InvalidInput for a bad value or an overlong comment."""
    if value not in RATING_SCORE:
        raise InvalidInput("value: must be 'up' or 'down'")
    cleaned = (comment or "").strip()
    if len(cleaned) > MAX_COMMENT_CHARS:
        raise InvalidInput(f"comment: at most {MAX_COMMENT_CHARS} characters")
    return cleaned or None


async def rate_reply(
    bot: Bot,
    *,
    channel: str,
    external_user_id: str,
    message_id: str,
    value: str,
    comment: str | None,
) -> Rating:
    """Rate a reply the bot sent to this channel account; updating an earlier rating is fine."""
    text = checked(value, comment)
    message = await reply_of(bot, channel, external_user_id, message_id)
    same = message.rating == value and message.rating_comment == text
    rating = Rating(message.id, message.conversation_id, value, text, changed=not same)
    if not same:
        await store(bot, message, rating)
    return rating


async def reply_of(bot: Bot, channel: str, external_user_id: str, message_id: str) -> Message:
    """The bot's reply with this id in this account's conversations; NotFound otherwise."""
    try:
        wanted = UUID(message_id)
    except ValueError:
        raise NotFound("no such reply") from None
    account = await ChannelAccount.get_or_none(
        bot_id=bot.id, channel=channel, external_id=external_user_id
    )
    message = None
    if account is not None:
        message = await Message.for_creator(bot.creator_id).get_or_none(
            id=wanted,
            bot_id=bot.id,
            direction=Direction.OUTBOUND,
            conversation__user_id=account.end_user_id,
        )
    if message is None:
        raise NotFound("no such reply in this conversation")
    return message


async def store(bot: Bot, message: Message, rating: Rating) -> None:
    """The rating on the reply and, as the latest one, on its conversation, and the webhook
    event `rating_received`: one transaction, so a rating is never stored without its event."""
    now = datetime.now(UTC)
    async with in_transaction():
        await Message.filter(id=message.id).update(
            rating=rating.value, rating_comment=rating.comment, rated_at=now
        )
        update: dict[str, object] = {"rating": RATING_SCORE[rating.value]}
        if rating.comment:
            update["feedback"] = rating.comment
        await Conversation.filter(id=message.conversation_id).update(**update)
        await emit(bot.creator_id, "rating_received", event_data(bot, message, rating), now=now)


def event_data(bot: Bot, message: Message, rating: Rating) -> dict[str, str | None]:
    return {
        "bot_id": str(bot.id),
        "conversation_id": str(rating.conversation_id),
        "message_id": str(rating.message_id),
        "value": rating.value,
        "comment": rating.comment,
        "reply": message.content,
    }
